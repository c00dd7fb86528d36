"""`/api/local-notes/`: this department's notes (office, hours, hotline) on shared procedures."""

from __future__ import annotations

from .fields import Paged
from .http import ID, Endpoint, Field, NotFound, Query, Schema
from .library import LocalNote, department_notes, local_note_data, notes_in_language, page
from .scope import Language, Scope


class LocalNoteListQuery(Paged):
    locale: Language | None = Field(
        None,
        description="Language of the notes; default from Accept-Language, then vi. A note "
        "not yet translated into it is listed in Vietnamese (the original).",
    )
    procedure: str | None = Field(None, max_length=40, description="A procedure's code.")


class LocalNoteMeta(Schema):
    total_count: int = Field(description="Notes matching, on every page.")


class LocalNoteListing(Schema):
    meta: LocalNoteMeta
    items: list[LocalNote]


local_notes = Endpoint("/api/local-notes/", name="local_notes")


@local_notes.get(
    summary="This department's local notes on shared procedures",
    description=(
        "Where and when to carry out shared procedures at this site's department (office, "
        "address, hours, hotline, border gates), by procedure code; never another "
        "department's."
    ),
    tag="library",
    query=LocalNoteListQuery,
    response=LocalNoteListing,
)
def local_note_list(scope: Scope, query: LocalNoteListQuery) -> dict:
    notes = notes_in_language(scope).order_by("procedure__code", "pk")
    if query.procedure is not None:
        notes = notes.filter(procedure__code=query.procedure)
    total, items = page(query, notes)
    return {"meta": {"total_count": total}, "items": [local_note_data(scope, n) for n in items]}


local_note = Endpoint("/api/local-notes/{id}/", name="local_note", path_params={"id": ID})


@local_note.get(
    summary="One local note of this department",
    description="One of this site's department's local notes; another department's is 404.",
    tag="library",
    response=LocalNote,
)
def local_note_detail(scope: Scope, query: Query, id: int) -> dict:
    note = department_notes(scope).filter(pk=id).first()
    if note is None:
        raise NotFound("not found")
    return local_note_data(scope, note)
