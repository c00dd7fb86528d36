"""What the shared library's resources (procedures, legal documents, local notes) share.

The library lives once (HQ's snippets); every department serves it under its own URLs
(`html_url` points into the Host's procedures section) with only its own local notes.
Only published rows (`live=True`) are read, never drafts.
"""

from typing import Annotated

from django.db.models import QuerySet
from django.http import HttpRequest

from pydantic import Field

from cms.library.models import LegalDocument, LocalNote, Procedure, ProcedureIndexPage

from .draft_types import Language, Schema

LibraryItem = Procedure | LegalDocument

Words = Annotated[
    str,
    Field(max_length=200, description="Words to look for (diacritics optional)."),
]


def published(model: type[LibraryItem]) -> QuerySet:
    return model.objects.filter(live=True)


class Sections:
    """The Host's procedures section in each language, looked up once per request."""

    def __init__(self, request: HttpRequest, site):
        self.request = request
        self.site = site
        self._sections: dict[int, ProcedureIndexPage | None] = {}

    def html_url(self, item: LibraryItem) -> str | None:
        """Where this site shows `item` (None without a procedures section in its language)."""
        if item.locale_id not in self._sections:
            self._sections[item.locale_id] = ProcedureIndexPage.for_site(self.site, item.locale_id)
        section = self._sections[item.locale_id]
        if section is None:
            return None
        return self.request.build_absolute_uri(section.url_for_item(item, self.request))


class LocalNoteData(Schema):
    """A department's own information about a shared procedure: where and when, on its site."""

    id: int
    department: str | None = Field(description="The department's code.")
    procedure: str = Field(description="The procedure's code.")
    office: str
    address: str
    hours: str = Field(description="Opening hours.")
    hotline: str
    border_gates: str
    notes: str
    detail_url: str


def local_note_data(request: HttpRequest, note: LocalNote) -> dict:
    return {
        "id": note.pk,
        "department": note.department.code if note.department_id else None,
        "procedure": note.procedure.code,
        "office": note.office,
        "address": note.address,
        "hours": note.hours,
        "hotline": note.hotline,
        "border_gates": note.border_gates,
        "notes": note.notes,
        "detail_url": request.build_absolute_uri(f"/api/local-notes/{note.pk}/"),
    }


class LibraryMeta(Schema):
    total_count: int = Field(ge=0, description="Items matching, on every page.")
    locale: Language = Field(description="The language asked for.")
