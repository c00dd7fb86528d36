"""`/api/procedures/`: administrative procedures of the shared library, as this site shows them."""

import datetime
from typing import Annotated

from pydantic import Field

from cms.library.blocks import DossierBlock, StepsBlock
from cms.library.models import Procedure

from .draft_types import Language, OneOf, Schema
from .library_base import LibraryMeta, LocalNoteData, Words
from .streams import stream_schema

Category = Annotated[str, OneOf(Procedure.Category.values)]
Online = Annotated[str, OneOf(Procedure.Online.values)]
CODE_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z.\-]{0,39}$"


# --- Query ---------------------------------------------------------------------------------------


class ProcedureFilters(Schema):
    category: Category | None = Field(None, description="Field of the procedure.")
    level: Annotated[str, OneOf(["1", "2", "3", "4"])] | None = Field(
        None, description="Online service level (1–4)."
    )
    online: Online | None = Field(None, description="Online classification.")
    q: Words = ""


# --- Response ------------------------------------------------------------------------------------


class ProcedureTranslation(Schema):
    locale: Language
    code: str
    detail_url: str


class ProcedureSummary(Schema):
    """A procedure in a listing."""

    code: str = Field(description="The national code, e.g. 1.008316.")
    title: str
    category: Category
    online_level: int = Field(ge=1, le=4, description="Online service level.")
    online: Online
    agency_level: Annotated[str, OneOf(Procedure.AgencyLevel.values)]
    status: Annotated[str, OneOf(Procedure.Status.values)]
    locale: Language
    fallback: bool = Field(description="Served in the `fallback` language (no translation).")
    translations: list[ProcedureTranslation] = Field(
        description="The same procedure in the other languages."
    )
    detail_url: str
    html_url: str | None = Field(description="On this site; null without a procedures section.")


class LegalBasis(Schema):
    number: str
    title: str
    detail_url: str


class FormLink(Schema):
    id: int
    title: str
    url: str


class ProcedureDetail(ProcedureSummary):
    """One procedure, with its legal bases, forms and this department's local notes."""

    agency: str = Field(description="Implementing agency.")
    processing_time: str
    fees: str
    applicants: str = Field(description="Who may apply.")
    online_url: str = Field(description="Online submission link; empty when none.")
    effective_on: datetime.date | None
    dossier: stream_schema(DossierBlock(), "Dossier") = Field(  # type: ignore[valid-type]
        description="Documents the applicant submits."
    )
    steps: stream_schema(StepsBlock(), "Procedure") = Field(  # type: ignore[valid-type]
        description="The steps, in order."
    )
    legal_bases: list[LegalBasis]
    forms: list[FormLink]
    local_notes: list[LocalNoteData] = Field(description="This department's notes only.")


class ProcedureListing(Schema):
    meta: LibraryMeta
    items: list[ProcedureSummary]
