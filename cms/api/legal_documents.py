"""`/api/legal-documents/`: laws, decrees and circulars of the shared library."""

import datetime
from typing import Annotated

from pydantic import Field

from cms.library.models import LegalDocument

from .draft_types import Language, OneOf, Schema
from .library_base import LibraryMeta, Words

DocumentType = Annotated[str, OneOf(LegalDocument.Type.values)]
Validity = Annotated[str, OneOf(LegalDocument.Status.values)]


class LegalDocumentFilters(Schema):
    type: DocumentType | None = Field(None, description="Type of document.")
    status: Validity | None = Field(None, description="Validity.")
    q: Words = ""


class LegalDocumentTranslation(Schema):
    locale: Language
    slug: str
    detail_url: str


class LegalDocumentSummary(Schema):
    """A legal document in a listing."""

    number: str = Field(description="As printed, e.g. 85/2019/NĐ-CP.")
    slug: str = Field(description="The number's URL form, e.g. 85-2019-nd-cp.")
    title: str
    type: DocumentType
    issuer: str
    issued_on: datetime.date
    effective_on: datetime.date | None
    expires_on: datetime.date | None
    status: Validity
    locale: Language
    fallback: bool = Field(description="Served in the `fallback` language (no translation).")
    translations: list[LegalDocumentTranslation]
    detail_url: str
    html_url: str | None = Field(description="On this site; null without a procedures section.")


class FileLink(Schema):
    id: int
    title: str
    url: str


class ProcedureLink(Schema):
    code: str
    title: str
    detail_url: str


class LegalDocumentDetail(LegalDocumentSummary):
    """One legal document, with its file and the procedures based on it."""

    summary: str
    file: FileLink | None
    procedures: list[ProcedureLink] = Field(description="Procedures based on it.")


class LegalDocumentListing(Schema):
    meta: LibraryMeta
    items: list[LegalDocumentSummary]
