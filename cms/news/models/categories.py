"""The fixed categories a news article is filed under; each has its own listing URL."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NewsCategory(models.TextChoices):
    REVENUE = "revenue", _("Revenue collection")
    BORDER = "border", _("Border gates")
    DIGITAL = "digital", _("Online public services")
    BUSINESS = "business", _("Dialogue with businesses")
    MODERNISATION = "modernisation", _("Modernisation")
    OTHER = "other", _("Other")
