"""`/api/changes/`: the change feed offline apps sync with.

An empty `since` pages through a full sync of everything the site shows in the language
(pages, then the shared library's procedures and legal documents, then the department's
local notes); the last page's `meta.next` is an incremental cursor: the id of the last
change event seen. Incremental pages list what was created or updated and tombstones
(`action: deleted`) for what disappeared, each with its `kind` so the app knows which
store to update.
"""

import re

from django.db.models import Q, QuerySet
from django.http import HttpRequest, JsonResponse

from cms.library.models import LegalDocument, LocalNote, Procedure

from . import scope
from .errors import ApiError
from .languages import requested_language
from .models import ChangeEvent
from .resources import LIMIT_DEFAULT, LIMIT_MAX, api_endpoint, int_parameter, json

KINDS = ("page", "procedure", "legal_document", "local_note")
# '' (full sync from the start), '<seq>' (changes after event seq) or 'full.<seq>.<kind>.<after>'.
CURSOR = rf"(?:[0-9]{{1,18}}|full\.[0-9]{{1,18}}\.[0-{len(KINDS) - 1}]\.[0-9]{{1,18}})?"


class Feed:
    def __init__(self, request: HttpRequest):
        self.request = request
        self.department = scope.department_for(request)
        self.language = requested_language(request)

    def rows(self, kind: str) -> QuerySet:
        """What the site shows now, of one kind, in the language."""
        if kind == "page":
            return (
                scope.public_pages(self.department)
                .filter(locale__language_code=self.language)
                .select_related("locale", "content_type")
            )
        if kind == "procedure":
            return Procedure.objects.filter(live=True, locale__language_code=self.language)
        if kind == "legal_document":
            return LegalDocument.objects.filter(live=True, locale__language_code=self.language)
        return LocalNote.objects.filter(department=self.department).select_related("procedure")

    def item(self, kind: str, obj, action: str) -> dict:
        build = self.request.build_absolute_uri
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
        else:
            data.update(
                type="library.LocalNote",
                title=obj.office or obj.procedure.code,
                code=obj.procedure.code,
                detail_url=build(f"/api/local-notes/{obj.pk}/"),
            )
        return data

    def events(self) -> QuerySet:
        return ChangeEvent.objects.filter(
            Q(department=self.department) | Q(department__isnull=True),
            language_code__in=[self.language, ""],
        )


def parse_cursor(raw: str) -> tuple[str, int, int, int]:
    """'' → full sync from the start; 'full.<seq>.<kind>.<after id>' → a full sync page;
    '<seq>' → changes after event seq."""
    if not re.fullmatch(CURSOR, raw):
        raise ApiError("is not a cursor returned by this feed", parameter="since")
    if raw == "":
        return "full", -1, 0, 0
    parts = raw.split(".")
    if parts[0] == "full":
        return "full", int(parts[1]), int(parts[2]), int(parts[3])
    return "changes", int(parts[0]), 0, 0


def full_sync_page(feed: Feed, seq: int, kind_index: int, after: int, limit: int):
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


@api_endpoint({"since", "locale", "limit"})
def changes(request: HttpRequest) -> JsonResponse:
    """What was created, updated or deleted since a cursor, for the Host's department."""
    feed = Feed(request)
    limit = int_parameter(request, "limit", LIMIT_DEFAULT, LIMIT_MAX, minimum=1)
    mode, seq, kind_index, after = parse_cursor(request.GET.get("since", ""))
    if mode == "full":
        if seq < 0:
            # Changes from here on are read by the incremental cursor; the full sync may also
            # include them (an item seen twice is harmless, an item missed is not).
            seq = ChangeEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        items, next_cursor, more = full_sync_page(feed, seq, kind_index, after, limit)
    else:
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
        next_cursor = str(rows[-1].id) if rows else str(seq)
    return json(
        {"meta": {"locale": feed.language, "next": next_cursor, "has_more": more}, "items": items}
    )
