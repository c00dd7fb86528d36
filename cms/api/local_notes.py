"""`/api/local-notes/`: this department's notes (office, hours, hotline) on shared procedures."""

from pydantic import Field

from .draft_types import Schema
from .library_base import LocalNoteData


class LocalNoteFilters(Schema):
    procedure: str | None = Field(None, max_length=40, description="A procedure's code.")


class LocalNoteMeta(Schema):
    total_count: int = Field(ge=0)


class LocalNoteListing(Schema):
    meta: LocalNoteMeta
    items: list[LocalNoteData]
