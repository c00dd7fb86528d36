"""The shared library: legal documents, procedures, and departments' local notes on them."""

from cms.library.models.legal import LegalDocument
from cms.library.models.notes import LocalNote
from cms.library.models.pages import ProcedureIndexPage
from cms.library.models.procedures import Procedure

__all__ = ["LegalDocument", "LocalNote", "Procedure", "ProcedureIndexPage"]
