from cms.statistics.models.figures import MonthlyFigure
from cms.statistics.models.services import Classification, Service
from cms.statistics.models.targets import Target

__all__ = ["Classification", "MonthlyFigure", "Service", "Target"]
