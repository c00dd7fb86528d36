"""What the shared library's resources (`procedures`, `legal_documents`, `local_notes`) share.

The library lives once (HQ's snippets); every department serves it under its own URLs
(`html_url` points into the Host's procedures section) with only its own local notes.
Only published rows (`live=True`) are read, never drafts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Model, QuerySet

from cms.library.models import LegalDocument, Procedure, ProcedureIndexPage
from cms.library.models import LocalNote as LocalNoteModel
from cms.library.models.notes import local_notes_in

from .fields import Paged
from .http import Field, Schema
from .scope import Language, Scope

LibraryItem = Procedure | LegalDocument


def published(model: type[LibraryItem]) -> QuerySet:
    return model.objects.filter(live=True)


def localized(scope: Scope, model: type[LibraryItem]) -> QuerySet:
    """Published rows in the language; with a fallback, its rows lacking a translation."""
    return scope.localized(published(model)).select_related("locale")


def page(query: Paged, rows: QuerySet) -> tuple[int, list]:
    """(total, the items of the page) of `rows`."""
    items = list(rows[query.offset : query.offset + query.limit]) if query.limit else []
    return rows.count(), items


def listing(
    scope: Scope,
    query: Paged,
    rows: QuerySet,
    key: str,
    summary: Callable[[Scope, Any, dict], dict],
) -> dict:
    """One page of library items: each `summary`, with its translations (one query)."""
    total, items = page(query, rows)
    translations = translation_links(scope, rows.model, items, key)
    return {
        "meta": {"total_count": total, "locale": scope.language},
        "items": [summary(scope, item, translations) for item in items],
    }


def html_url(scope: Scope, item: LibraryItem) -> str | None:
    """Where this site shows `item`: under its procedures section in the item's language
    (looked up once per request and language); None when it has none."""
    # Kept on the request's scope: a listing asks once per language, not once per item.
    sections: dict[int, ProcedureIndexPage | None] = scope.__dict__.setdefault(
        "_procedure_sections", {}
    )
    if item.locale_id not in sections:
        sections[item.locale_id] = ProcedureIndexPage.for_site(
            scope.department.site, item.locale_id
        )
    section = sections[item.locale_id]
    if section is None:
        return None
    return scope.absolute(section.url_for_item(item, scope.request))


def detail_url(scope: Scope, item: LibraryItem, language: str | None = None) -> str:
    """The item in this API, in its language (or `language`)."""
    code = language or item.locale.language_code
    if isinstance(item, Procedure):
        return scope.absolute(f"/api/procedures/{item.code}/?locale={code}")
    return scope.absolute(f"/api/legal-documents/{item.slug}/?locale={code}")


def translation_links(
    scope: Scope, model: type[LibraryItem], items: list, key: str
) -> dict[Any, list[dict]]:
    """{translation_key: [{locale, <key>, detail_url}]} for every item, in one query."""
    table = scope.translations(published(model), [item.translation_key for item in items], key)
    path = "procedures" if model is Procedure else "legal-documents"
    return {
        translation_key: [
            {
                "locale": code,
                key: identifier,
                "detail_url": scope.absolute(f"/api/{path}/{identifier}/?locale={code}"),
            }
            for code, identifier in rows
        ]
        for translation_key, rows in table.items()
    }


def item_fields(scope: Scope, item: LibraryItem, translations: dict) -> dict:
    """What every library item says about its language, translations and URLs."""
    code = item.locale.language_code
    return {
        "locale": code,
        "fallback": code != scope.language,
        "translations": [
            link for link in translations.get(item.translation_key, []) if link["locale"] != code
        ],
        "detail_url": detail_url(scope, item),
        "html_url": html_url(scope, item),
    }


def library_item_link(scope: Scope, item: Model) -> dict:
    """A search hit from the library: its API and per-site URLs."""
    if not isinstance(item, Procedure | LegalDocument):
        raise TypeError(f"not a library item: {item!r}")
    return {
        "id": item.pk,
        "title": item.title,
        "slug": item.slug,
        "locale": item.locale.language_code,
        "type": item._meta.label,
        "teaser": getattr(item, "summary", "") or "",
        "detail_url": detail_url(scope, item),
        "html_url": html_url(scope, item),
    }


class LocalNote(Schema):
    """A department's own information about a shared procedure: where and when, on its site."""

    id: int
    department: str | None = Field(description="The department's code.")
    procedure: str = Field(description="The procedure's code.")
    locale: Language = Field(
        description="The note's language: the one asked for, or Vietnamese (the original) "
        "while the note has no translation into it."
    )
    office: str
    address: str
    hours: str = Field(description="Opening hours.")
    hotline: str
    border_gates: str
    notes: str
    detail_url: str


def department_notes(scope: Scope) -> QuerySet:
    """The Host's department's local notes (every language version), never another's."""
    return LocalNoteModel.objects.filter(department=scope.department).select_related(
        "department", "procedure", "locale"
    )


def notes_in_language(scope: Scope) -> QuerySet:
    """The department's local notes as a reader of the language sees them, each note once."""
    return local_notes_in(scope.department, scope.locale).select_related(
        "department", "procedure", "locale"
    )


def local_note_data(scope: Scope, note: LocalNoteModel) -> dict:
    return {
        "id": note.pk,
        "department": note.department.code if note.department_id else None,
        "procedure": note.procedure.code,
        "locale": note.locale.language_code,
        "office": note.office,
        "address": note.address,
        "hours": note.hours,
        "hotline": note.hotline,
        "border_gates": note.border_gates,
        "notes": note.notes,
        "detail_url": scope.absolute(f"/api/local-notes/{note.pk}/"),
    }


class LibraryMeta(Schema):
    total_count: int = Field(description="Items matching, on every page.")
    locale: Language = Field(description="The language asked for.")
