"""`/api/legal-documents/`: laws, decrees and circulars of the shared library."""

from __future__ import annotations

import datetime
from typing import Annotated

from django.db.models import Q

from pydantic import StringConstraints

from cms.library.models import LegalDocument, Procedure

from .fields import Localized, OneOf, Paged, Words
from .http import Endpoint, Field, NotFound, PathParam, Schema
from .library import (
    LibraryMeta,
    detail_url,
    item_fields,
    listing,
    localized,
    published,
    translation_links,
)
from .scope import Language, Scope

DocumentType = Annotated[str, OneOf(LegalDocument.Type.values)]
Validity = Annotated[str, OneOf(LegalDocument.Status.values)]


# --- query ---------------------------------------------------------------------------------------


class LegalDocumentListQuery(Localized, Paged):
    type: DocumentType | None = Field(None, description="Type of document.")
    status: Validity | None = Field(None, description="Validity.")
    q: Words = Field("", description="Words of the number or title.")


# --- response ------------------------------------------------------------------------------------


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
    translations: list[LegalDocumentTranslation] = Field(
        description="The same document in the other languages."
    )
    detail_url: str = Field(description="The document in this API, in its language.")
    html_url: str | None = Field(
        description="The document on this site; null without a procedures section."
    )


class FileLink(Schema):
    id: int
    title: str
    url: str = Field(description="Download URL of the file.")


class ProcedureLink(Schema):
    code: str
    title: str
    detail_url: str


class LegalDocumentDetail(LegalDocumentSummary):
    """One legal document, with its file and the procedures based on it."""

    summary: str
    file: FileLink | None
    procedures: list[ProcedureLink] = Field(
        description="Published procedures based on it, in its language."
    )


class LegalDocumentListing(Schema):
    meta: LibraryMeta
    items: list[LegalDocumentSummary]


# --- endpoints -----------------------------------------------------------------------------------


def legal_summary(scope: Scope, document: LegalDocument, translations: dict) -> dict:
    return {
        "number": document.number,
        "slug": document.slug,
        "title": document.title,
        "type": document.doc_type,
        "issuer": document.issuer,
        "issued_on": document.issued_on.isoformat(),
        "effective_on": document.effective_on.isoformat() if document.effective_on else None,
        "expires_on": document.expires_on.isoformat() if document.expires_on else None,
        "status": document.status,
        **item_fields(scope, document, translations),
    }


legal_documents = Endpoint("/api/legal-documents/", name="legal_documents")


@legal_documents.get(
    summary="Legal documents of the shared library",
    description=(
        "Published legal documents in the language (with `fallback`, those without a "
        "translation too), newest first, filtered by type, validity and words of the number "
        "or title; `html_url` is on this site."
    ),
    tag="library",
    query=LegalDocumentListQuery,
    response=LegalDocumentListing,
)
def legal_document_list(scope: Scope, query: LegalDocumentListQuery) -> dict:
    rows = localized(scope, LegalDocument).order_by("-issued_on", "number")
    if query.type:
        rows = rows.filter(doc_type=query.type)
    if query.status:
        rows = rows.filter(status=query.status)
    for word in query.q.split():
        rows = rows.filter(Q(number__icontains=word) | Q(title__icontains=word))
    return listing(scope, query, rows, "slug", legal_summary)


legal_document = Endpoint(
    "/api/legal-documents/{number}/",
    name="legal_document",
    path_params={
        "number": PathParam(
            ".+",
            Annotated[str, StringConstraints(min_length=1, pattern="^[^%]+$")],
            "The number (`85/2019/NĐ-CP`) or its URL form (`85-2019-nd-cp`).",
        )
    },
)


@legal_document.get(
    summary="One legal document",
    description=(
        "One published legal document by its number (`85/2019/NĐ-CP`) or the number's URL "
        "form (`85-2019-nd-cp`), in the language (or the fallback), with its file and the "
        "procedures based on it."
    ),
    tag="library",
    query=Localized,
    response=LegalDocumentDetail,
)
def legal_document_detail(scope: Scope, query: Localized, number: str) -> dict:
    document = (
        localized(scope, LegalDocument)
        .filter(Q(slug=number) | Q(number=number))
        .select_related("file")
        .first()
    )
    if document is None:
        raise NotFound("not found")
    based_on_it = published(Procedure).filter(
        locale=document.locale,
        translation_key__in=Procedure.objects.filter(
            legal_bases__translation_key=document.translation_key
        ).values("translation_key"),
    )
    translations = translation_links(scope, LegalDocument, [document], "slug")
    file = document.file
    return {
        **legal_summary(scope, document, translations),
        "summary": document.summary,
        "file": {"id": file.pk, "title": file.title, "url": scope.absolute(file.url)}
        if file
        else None,
        "procedures": [
            {
                "code": item.code,
                "title": item.title,
                "detail_url": detail_url(scope, item, document.locale.language_code),
            }
            for item in based_on_it
        ],
    }
