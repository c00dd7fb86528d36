"""`/api/changes/`: the change feed offline apps sync with.

An empty `since` pages through a full sync of everything the site shows in the language
(pages, then the shared library's procedures and legal documents, then the department's
local notes, then alerts and gates); the last page's `meta.next` is an incremental cursor: the id of the last
change event seen. Incremental pages list what was created or updated and tombstones
(`action: deleted`) for what disappeared, each with its `kind` so the app knows which
store to update.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.db.models import Q, QuerySet

from cms.alerts.models import Alert, Gate
from cms.alerts.services import alerts_in_feed
from cms.library.models import LegalDocument, Procedure
from cms.library.models.notes import local_notes_in

from .http import LIMIT_DEFAULT, LIMIT_MAX, Digits, Endpoint, Field, Query, Schema
from .models import ChangeEvent
from .scope import Language, Scope

# New kinds go last: a full-sync cursor names a kind by its index.
KINDS = ("page", "procedure", "legal_document", "local_note", "alert", "gate")
Kind = Literal["page", "procedure", "legal_document", "local_note", "alert", "gate"]
# '' (full sync from the start), '<seq>' (changes after event seq) or 'full.<seq>.<kind>.<after>'.
CURSOR = rf"(?:[0-9]{{1,18}}|full\.[0-9]{{1,18}}\.[0-{len(KINDS) - 1}]\.[0-9]{{1,18}})?"


class ChangesQuery(Query):
    messages = {"since": "is not a cursor returned by this feed"}

    since: str = Field(
        "",
        pattern=f"^{CURSOR}$",
        description="The cursor of the previous page (`meta.next`); empty for a full sync.",
    )
    locale: Language | None = Field(
        None, description="Language of the items; default from Accept-Language, then vi."
    )
    limit: Digits = Field(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX, description="Page size.")


class Change(Schema):
    action: Literal["created", "updated"] = Field(
        description="`created` in a full sync; `updated` (or created) since the cursor."
    )
    id: int
    locale: Language
    title: str
    detail_url: str = Field(description="The item in this API.")
    changed_at: datetime.datetime | None = Field(
        default=None, description="When it changed (incremental pages only)."
    )


class PageChange(Change):
    kind: Literal["page"]
    type: str = Field(description="The page type (`news.NewsArticlePage`).")
    last_published_at: datetime.datetime | None


class ProcedureChange(Change):
    kind: Literal["procedure"]
    type: Literal["library.Procedure"]
    code: str = Field(description="The procedure's code (`1.008316`).")


class LegalDocumentChange(Change):
    kind: Literal["legal_document"]
    type: Literal["library.LegalDocument"]
    number: str = Field(description="The document's number (`85/2019/NĐ-CP`).")


class LocalNoteChange(Change):
    kind: Literal["local_note"]
    type: Literal["library.LocalNote"]
    code: str = Field(description="The code of the procedure the note is about.")


class AlertChange(Change):
    """An alert that reaches this site, now or later: the app shows it from `starts_at` to
    `ends_at` (an ended alert gets no tombstone; its `ends_at` has passed)."""

    kind: Literal["alert"]
    type: Literal["alerts.Alert"]
    severity: str = Field(description="`information`, `warning` or `emergency`.")
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None


class GateChange(Change):
    """A gate or office whose details or status changed."""

    kind: Literal["gate"]
    type: Literal["alerts.Gate"]
    status: str = Field(description="`open`, `limited`, `congested` or `closed`.")


class Tombstone(Schema):
    """Something the app has that the site no longer shows: remove it."""

    action: Literal["deleted"]
    kind: Kind
    id: int
    locale: Language
    changed_at: datetime.datetime


ChangeItem = (
    PageChange
    | ProcedureChange
    | LegalDocumentChange
    | LocalNoteChange
    | AlertChange
    | GateChange
    | Tombstone
)


class ChangesMeta(Schema):
    locale: Language
    next: str = Field(description="The cursor of the next page (send it as `since`).")
    has_more: bool = Field(description="False on the last page of a full sync or of changes.")


class Changes(Schema):
    meta: ChangesMeta
    items: list[ChangeItem]


class Feed:
    def __init__(self, scope: Scope):
        self.scope = scope
        self.language = scope.language

    def rows(self, kind: str) -> QuerySet:
        """What the site shows now, of one kind, in the language."""
        if kind == "page":
            return (
                self.scope.pages()
                .filter(locale__language_code=self.language)
                .select_related("locale", "content_type")
            )
        if kind == "procedure":
            return Procedure.objects.filter(live=True, locale__language_code=self.language)
        if kind == "legal_document":
            return LegalDocument.objects.filter(live=True, locale__language_code=self.language)
        if kind == "alert":
            return alerts_in_feed(self.scope.department)
        if kind == "gate":
            return Gate.objects.filter(department=self.scope.department)
        return local_notes_in(self.scope.department, self.scope.locale).select_related(
            "procedure", "locale"
        )

    def item(self, kind: str, obj: Any, action: str) -> dict:
        build = self.scope.absolute
        data = {"action": action, "kind": kind, "id": obj.pk, "locale": self.language}
        if kind == "page":
            data.update(
                type=obj.content_type.app_label + "." + obj.content_type.model_class().__name__,
                title=obj.title,
                last_published_at=obj.last_published_at.isoformat()
                if obj.last_published_at
                else None,
                detail_url=build(f"/api/pages/{obj.pk}/"),
            )
        elif kind == "procedure":
            data.update(
                type="library.Procedure",
                title=obj.title,
                code=obj.code,
                detail_url=build(f"/api/procedures/{obj.code}/?locale={self.language}"),
            )
        elif kind == "legal_document":
            data.update(
                type="library.LegalDocument",
                title=obj.title,
                number=obj.number,
                detail_url=build(f"/api/legal-documents/{obj.slug}/?locale={self.language}"),
            )
        elif kind == "alert":
            alert: Alert = obj
            data.update(
                type="alerts.Alert",
                title=alert.localized("title", self.language),
                severity=alert.severity,
                starts_at=alert.starts_at.isoformat(),
                ends_at=alert.ends_at.isoformat() if alert.ends_at else None,
                detail_url=build(f"/api/alerts/?locale={self.language}"),
            )
        elif kind == "gate":
            data.update(
                type="alerts.Gate",
                title=obj.localized("name", self.language),
                status=obj.status,
                detail_url=build(f"/api/gates/{obj.pk}/?locale={self.language}"),
            )
        else:
            data.update(
                locale=obj.locale.language_code,  # the original until it is translated
                type="library.LocalNote",
                title=obj.office or obj.procedure.code,
                code=obj.procedure.code,
                detail_url=build(f"/api/local-notes/{obj.pk}/"),
            )
        return data

    def events(self) -> QuerySet:
        return ChangeEvent.objects.filter(
            Q(department=self.scope.department) | Q(department__isnull=True),
            language_code__in=[self.language, ""],
        )


def parse_cursor(raw: str) -> tuple[str, int, int, int]:
    """'' → full sync from the start; 'full.<seq>.<kind>.<after id>' → a full sync page;
    '<seq>' → changes after event seq (the query model has checked the form)."""
    if raw == "":
        return "full", -1, 0, 0
    parts = raw.split(".")
    if parts[0] == "full":
        return "full", int(parts[1]), int(parts[2]), int(parts[3])
    return "changes", int(parts[0]), 0, 0


def full_sync_page(
    feed: Feed, seq: int, kind_index: int, after: int, limit: int
) -> tuple[list[dict], str, bool]:
    items: list[dict] = []
    while kind_index < len(KINDS) and len(items) < limit:
        kind = KINDS[kind_index]
        want = limit - len(items)
        rows = list(feed.rows(kind).filter(pk__gt=after).order_by("pk")[: want + 1])
        items += [feed.item(kind, row, "created") for row in rows[:want]]
        if len(rows) > want:
            return items, f"full.{seq}.{kind_index}.{rows[want - 1].pk}", True
        kind_index, after = kind_index + 1, 0
    if kind_index < len(KINDS):
        return items, f"full.{seq}.{kind_index}.0", True
    return items, str(seq), False


def changes_since(feed: Feed, seq: int, limit: int) -> tuple[list[dict], str, bool]:
    rows = list(feed.events().filter(id__gt=seq).order_by("id")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    current = {
        kind: {
            obj.pk: obj
            for obj in feed.rows(kind).filter(
                pk__in=[r.object_id for r in rows if r.object_type == kind]
            )
        }
        for kind in KINDS
        if any(r.object_type == kind for r in rows)
    }
    items = []
    for row in rows:
        obj = current.get(row.object_type, {}).get(row.object_id)
        if row.action == ChangeEvent.Action.DELETED or obj is None:
            item = {
                "action": "deleted",
                "kind": row.object_type,
                "id": row.object_id,
                "locale": feed.language,
            }
        else:
            item = feed.item(row.object_type, obj, "updated")
        items.append({**item, "changed_at": row.at.isoformat()})
    return items, (str(rows[-1].id) if rows else str(seq)), more


changes = Endpoint("/api/changes/", name="changes")


@changes.get(
    summary="Change feed for offline apps",
    description=(
        "An empty `since` pages through a full sync of everything the site shows in the "
        "language (pages, then procedures and legal documents of the shared library, then "
        "this department's local notes, then the alerts that reach it and have not ended, then "
        "its gates and offices). The last page's `meta.next` is an incremental "
        "cursor: later pages list what was created or updated since, and tombstones "
        "(`action: deleted`) for what disappeared, each with its `kind`."
    ),
    tag="changes",
    query=ChangesQuery,
    response=Changes,
    errors=(400, 404),
)
def change_feed(scope: Scope, query: ChangesQuery) -> dict:
    feed = Feed(scope)
    mode, seq, kind_index, after = parse_cursor(query.since)
    if mode == "full":
        if seq < 0:
            # Changes from here on are read by the incremental cursor; the full sync may also
            # include them (an item seen twice is harmless, an item missed is not).
            seq = ChangeEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        items, next_cursor, more = full_sync_page(feed, seq, kind_index, after, query.limit)
    else:
        items, next_cursor, more = changes_since(feed, seq, query.limit)
    return {
        "meta": {"locale": scope.language, "next": next_cursor, "has_more": more},
        "items": items,
    }
