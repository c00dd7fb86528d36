"""`/api/procedures/`: administrative procedures of the shared library, as this site shows them."""

import datetime
from typing import Annotated, Literal

from wagtail.documents import get_document_model

from pydantic import StringConstraints

from cms.library.blocks import DossierBlock, StepsBlock
from cms.library.models import LegalDocument, Procedure
from cms.library.models.notes import local_notes_for
from cms.library.models.procedures import fold_text

from .fields import Localized, OneOf, Paged, Words
from .http import Endpoint, Field, NotFound, PathParam, Schema
from .library import (
    LibraryMeta,
    LocalNote,
    detail_url,
    item_fields,
    listing,
    local_note_data,
    localized,
    published,
    translation_links,
)
from .scope import Language, Scope
from .streams import stream_schema

Category = Annotated[str, OneOf(Procedure.Category.values)]
Online = Annotated[str, OneOf(Procedure.Online.values)]
AgencyLevel = Annotated[str, OneOf(Procedure.AgencyLevel.values)]
Status = Annotated[str, OneOf(Procedure.Status.values)]
#: The code validator of `Procedure.code` (letters, digits, dots and hyphens).
CODE = r"[0-9A-Za-z][0-9A-Za-z.\-]{0,39}"


# --- query ---------------------------------------------------------------------------------------


class ProcedureListQuery(Localized, Paged):
    category: Category | None = Field(None, description="Field of the procedures.")
    level: Literal["1", "2", "3", "4"] | None = Field(
        None, description="Online service level (1–4)."
    )
    online: Online | None = Field(None, description="Online classification.")
    q: Words = Field("", description="Words of the code or title (diacritics optional).")


# --- response ------------------------------------------------------------------------------------


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
    agency_level: AgencyLevel
    status: Status
    locale: Language
    fallback: bool = Field(description="Served in the `fallback` language (no translation).")
    translations: list[ProcedureTranslation] = Field(
        description="The same procedure in the other languages."
    )
    detail_url: str = Field(description="The procedure in this API, in its language.")
    html_url: str | None = Field(
        description="The procedure on this site; null without a procedures section."
    )


class LegalBasis(Schema):
    number: str
    title: str
    detail_url: str


class FormLink(Schema):
    id: int
    title: str
    url: str = Field(description="Download URL of the form.")


class ProcedureDetail(ProcedureSummary):
    """One procedure, with its legal bases, forms and this department's local notes."""

    agency: str = Field(description="Implementing agency.")
    processing_time: str
    fees: str
    applicants: str = Field(description="Who may apply.")
    online_url: str = Field(description="Online submission link; empty when none.")
    effective_on: datetime.date | None
    dossier: stream_schema(DossierBlock(), "Dossier") = Field(  # type: ignore[valid-type]
        description="Documents the applicant submits, with how many originals and copies."
    )
    steps: stream_schema(StepsBlock(), "Procedure") = Field(  # type: ignore[valid-type]
        description="The steps, in order."
    )
    legal_bases: list[LegalBasis] = Field(description="In the procedure's language.")
    forms: list[FormLink]
    local_notes: list[LocalNote] = Field(description="This department's notes only.")


class ProcedureListing(Schema):
    meta: LibraryMeta
    items: list[ProcedureSummary]


# --- endpoints -----------------------------------------------------------------------------------


def procedure_summary(scope: Scope, procedure: Procedure, translations: dict) -> dict:
    return {
        "code": procedure.code,
        "title": procedure.title,
        "category": procedure.category,
        "online_level": procedure.online_level,
        "online": procedure.online,
        "agency_level": procedure.agency_level,
        "status": procedure.status,
        **item_fields(scope, procedure, translations),
    }


procedures = Endpoint("/api/procedures/", name="procedures")


@procedures.get(
    summary="Administrative procedures of the shared library",
    description=(
        "Published procedures in the language (with `fallback`, those without a translation "
        "in that language too), ordered by code, filtered by category, online level and "
        "classification and words of the code or title; `html_url` is on this site."
    ),
    tag="library",
    query=ProcedureListQuery,
    response=ProcedureListing,
)
def procedure_list(scope: Scope, query: ProcedureListQuery) -> dict:
    rows = localized(scope, Procedure).order_by("code")
    if query.category:
        rows = rows.filter(category=query.category)
    if query.level:
        rows = rows.filter(online_level=int(query.level))
    if query.online:
        rows = rows.filter(online=query.online)
    for word in fold_text(query.q).split():
        rows = rows.filter(folded_text__contains=word)
    return listing(scope, query, rows, "code", procedure_summary)


procedure = Endpoint(
    "/api/procedures/{code}/",
    name="procedure",
    path_params={
        "code": PathParam(
            CODE,
            Annotated[str, StringConstraints(pattern=f"^{CODE}$")],
            "The procedure's code, e.g. 1.008316.",
        )
    },
)


@procedure.get(
    summary="One procedure, with this department's local notes",
    description=(
        "One published procedure by code, in the language (or the fallback): its dossier, "
        "steps, fees and processing time, its legal bases and forms, and the local notes "
        "(office, hours, hotline) of this site's department only."
    ),
    tag="library",
    query=Localized,
    response=ProcedureDetail,
)
def procedure_detail(scope: Scope, query: Localized, code: str) -> dict:
    item = localized(scope, Procedure).filter(code=code).first()
    if item is None:
        raise NotFound("not found")
    key = item.translation_key
    legal_bases = published(LegalDocument).filter(
        locale=item.locale,
        translation_key__in=LegalDocument.objects.filter(procedures__translation_key=key).values(
            "translation_key"
        ),
    )
    forms = get_document_model().objects.filter(
        pk__in=Procedure.forms.through.objects.filter(procedure__translation_key=key).values(
            "document"
        )
    )
    notes = local_notes_for(scope.department, item).select_related(
        "department", "procedure", "locale"
    )
    translations = translation_links(scope, Procedure, [item], "code")
    context = {"request": scope.request}
    return {
        **procedure_summary(scope, item, translations),
        "agency": item.agency,
        "processing_time": item.processing_time,
        "fees": item.fees,
        "applicants": item.applicants,
        "online_url": item.online_url,
        "effective_on": item.effective_on.isoformat() if item.effective_on else None,
        "dossier": item.dossier.stream_block.get_api_representation(item.dossier, context),
        "steps": item.steps.stream_block.get_api_representation(item.steps, context),
        "legal_bases": [
            {
                "number": document.number,
                "title": document.title,
                "detail_url": detail_url(scope, document),
            }
            for document in legal_bases.select_related("locale")
        ],
        "forms": [
            {"id": form.pk, "title": form.title, "url": scope.absolute(form.url)} for form in forms
        ],
        "local_notes": [local_note_data(scope, note) for note in notes],
    }
