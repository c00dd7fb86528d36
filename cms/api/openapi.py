"""The OpenAPI 3.1 document of the public API, written from the same constants the views use."""

from collections.abc import Callable

from wagtail.api.rich_text import APIRichText
from wagtail.models import get_page_models

from .changes import CURSOR
from .resources import LIMIT_MAX, anchored, name_list
from .scope import LANGUAGES
from .views import (
    SEARCH_OPERATORS,
    DepartmentDocumentsAPIViewSet,
    DepartmentImagesAPIViewSet,
    DepartmentPagesAPIViewSet,
)

LANGS = list(LANGUAGES)


def _param(
    name: str, description: str, schema: dict, required: bool = False, where: str = "query"
) -> dict:
    return {
        "name": name,
        "in": where,
        "required": required,
        "description": description,
        "schema": schema,
    }


LOCALE = _param(
    "locale",
    "Language of the items; default from Accept-Language, then vi.",
    {"type": "string", "enum": LANGS},
)
FALLBACK = _param(
    "fallback",
    "Language served (marked `meta.fallback: true`) when an item has no translation in `locale`.",
    {"type": "string", "enum": LANGS},
)
LIMIT = _param(
    "limit",
    f"Page size, at most {LIMIT_MAX}.",
    {"type": "integer", "minimum": 0, "maximum": LIMIT_MAX},
)
OFFSET = _param("offset", "Items to skip.", {"type": "integer", "minimum": 0, "maximum": 999999999})
# Text a title-like field must hold: something other than white space (Python's str.strip()).
NOT_BLANK = "[^\\s\\x1c-\\x1f]"


def _fields(viewset: type, detail: bool = False) -> dict:
    """Wagtail's `fields=`: `*`, or field names (after `_,` to drop the defaults).

    Wagtail also takes `-name` and `name(sub,fields)`; the document names the plain form.
    """
    names = viewset.get_available_fields(viewset.model)
    if not detail:
        names = [name for name in names if name not in viewset.detail_only_fields]
    names = name_list(names)
    return _param(
        "fields",
        "Field selection: `*` for all, or names separated by commas (`_,title` drops the "
        "default fields first).",
        {"type": "string", "pattern": anchored(f"|\\*|(?:_,)?{names}")},
    )


def _order(viewset: type) -> dict:
    return _param(
        "order",
        "Fields to order by, separated by commas; `-` before a field for descending.",
        {"type": "string", "pattern": anchored(viewset.order_pattern())},
    )


SEARCH = _param("search", "Full-text filter.", {"type": "string"})
SEARCH_OPERATOR = _param(
    "search_operator", "`and` or `or`.", {"type": "string", "enum": list(SEARCH_OPERATORS)}
)
ID = _param(
    "id",
    "Object id.",
    {"type": "integer", "minimum": 1, "maximum": 999999999},
    required=True,
    where="path",
)
ACCEPT_LANGUAGE = _param(
    "Accept-Language",
    "Preferred language when `locale` is absent.",
    {"type": "string"},
    where="header",
)
IF_NONE_MATCH = _param(
    "If-None-Match",
    "ETag of a stored response; 304 when unchanged.",
    {"type": "string"},
    where="header",
)
RICH_TEXT = _param(
    "rich_text_format",
    "Rich text as `html` (default) or another of Wagtail's formats.",
    {"type": "string", "enum": sorted(APIRichText._serializers())},
)

PROBLEM = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "parameter": {"type": "string", "description": "The query parameter at fault."},
        "instance": {"type": "string"},
    },
}
PAGE_META = {
    "type": "object",
    "properties": {
        "type": {"type": "string"},
        "detail_url": {"type": "string"},
        "html_url": {"type": ["string", "null"]},
        "slug": {"type": "string"},
        "first_published_at": {"type": ["string", "null"]},
        "locale": {"type": "string", "enum": LANGS},
        "fallback": {
            "type": "boolean",
            "description": "True when served in the fallback language.",
        },
        "translations": {
            "type": "array",
            "items": {"$ref": "#/components/schemas/TranslationLink"},
        },
    },
}
WAGTAIL_ITEM = {
    "type": "object",
    "required": ["id", "meta"],
    "properties": {
        "id": {"type": "integer"},
        "meta": {"type": "object"},
        "title": {"type": "string"},
    },
}
PAGE = {
    "type": "object",
    "required": ["id", "meta"],
    "properties": {"id": {"type": "integer"}, "meta": PAGE_META, "title": {"type": "string"}},
    "description": "Wagtail API v2 page shape; more fields via `fields`.",
}


TRANSLATION_LINK = {
    "type": "object",
    "required": ["locale", "detail_url"],
    "properties": {
        "locale": {"type": "string"},
        "id": {"type": "integer"},
        "code": {"type": "string"},
        "slug": {"type": "string"},
        "detail_url": {"type": "string"},
    },
}
PAGE_LINK = {
    "type": "object",
    "required": ["id", "title", "locale", "detail_url"],
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "slug": {"type": "string"},
        "locale": {"type": "string"},
        "detail_url": {"type": "string"},
        "html_url": {"type": ["string", "null"]},
        "type": {"type": "string"},
        "teaser": {"type": "string"},
    },
}
KIND = {"type": "string", "enum": ["page", "procedure", "legal_document", "local_note"]}
CHANGES = {
    "type": "object",
    "required": ["meta", "items"],
    "properties": {
        "meta": {
            "type": "object",
            "required": ["next", "has_more", "locale"],
            "properties": {
                "next": {"type": "string"},
                "has_more": {"type": "boolean"},
                "locale": {"type": "string"},
            },
        },
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["action", "kind", "id", "locale"],
                "properties": {
                    "action": {"type": "string", "enum": ["created", "updated", "deleted"]},
                    "kind": KIND,
                    "id": {"type": "integer"},
                    "locale": {"type": "string"},
                    "type": {"type": "string"},
                    "title": {"type": "string"},
                    "detail_url": {"type": "string"},
                    "changed_at": {"type": "string"},
                },
            },
        },
    },
}


def _listing(item_ref: str) -> dict:
    return {
        "type": "object",
        "required": ["meta", "items"],
        "properties": {
            "meta": {
                "type": "object",
                "required": ["total_count"],
                "properties": {"total_count": {"type": "integer"}},
            },
            "items": {"type": "array", "items": {"$ref": item_ref}},
        },
    }


def _ok(ref: str, description: str) -> dict:
    return {
        "description": description,
        "headers": {
            "ETag": {"schema": {"type": "string"}},
            "Cache-Control": {"schema": {"type": "string"}},
        },
        "content": {"application/json": {"schema": {"$ref": ref}}},
    }


def _errors(*codes: int) -> dict:
    text = {
        400: "A bad or unknown query parameter (or body field): `parameter` names it.",
        413: "The body is larger than its limit.",
        415: "The body is not `application/json` (UTF-8).",
        401: "No bearer token, or an unknown or revoked one.",
        403: "The token belongs to another department, or its scope does not allow this.",
        404: "No such object on this site.",
        409: "The article is already in moderation, or the site has no workflow.",
        422: "An image's original has more pixels than the portal renders (IMAGE_MAX_PIXELS).",
        503: "A rendition is still being made by another request: retry after `Retry-After` s.",
    }
    return {
        str(code): {
            "description": text[code],
            "content": {
                "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
            },
        }
        for code in codes
    }


#: Answers that make renditions (cms.core.renditions) may also say 422 or 503.
RENDITION_STATUSES = (400, 404, 422, 503)

NOT_MODIFIED = {"304": {"description": "Unchanged since the ETag in If-None-Match."}}


def _get(summary: str, params: list, ok: dict, errors=(400, 404), op_id: str = "") -> dict:
    return {
        "get": {
            "operationId": op_id,
            "summary": summary,
            "parameters": [*params, ACCEPT_LANGUAGE, IF_NONE_MATCH],
            "responses": {"200": ok, **NOT_MODIFIED, **_errors(*errors)},
        }
    }


def _listing_params(viewset: type) -> list[dict]:
    return [LIMIT, OFFSET, _fields(viewset), _order(viewset), SEARCH, SEARCH_OPERATOR]


PAGE_ID = {"type": "integer", "minimum": 0, "maximum": 999999999}
PAGE_PARAMS = [
    *_listing_params(DepartmentPagesAPIViewSet),
    LOCALE,
    FALLBACK,
    RICH_TEXT,
    _param(
        "type",
        "Page type.",
        {"type": "string", "enum": sorted(model._meta.label for model in get_page_models())},
    ),
    _param("child_of", "Parent page id (404 when this site does not show it).", PAGE_ID),
    _param("descendant_of", "Ancestor page id (404 when this site does not show it).", PAGE_ID),
    _param("ancestor_of", "Descendant page id (404 when this site does not show it).", PAGE_ID),
    _param("translation_of", "Page id whose translations to list (404 likewise).", PAGE_ID),
]


# Each resource contributes its paths and schemas with a function registered here; a new
# resource (e.g. consultation questions) adds `@resource def questions() -> Paths: ...`.
PathBuilder = Callable[[], tuple[dict, dict]]
RESOURCES: list[PathBuilder] = []


def resource(builder: PathBuilder) -> PathBuilder:
    """Register a function returning (paths, component schemas) for one resource."""
    RESOURCES.append(builder)
    return builder


@resource
def wagtail_paths() -> tuple[dict, dict]:
    """Wagtail API v2 pages, images and documents (scoped to the Host's department)."""
    return (
        {
            "/api/pages/": _get(
                "Public pages",
                PAGE_PARAMS,
                _ok("#/components/schemas/PageListing", "Pages"),
                errors=RENDITION_STATUSES,
                op_id="pages",
            ),
            "/api/pages/{id}/": _get(
                "One public page",
                [ID, LOCALE, FALLBACK, _fields(DepartmentPagesAPIViewSet, detail=True), RICH_TEXT],
                _ok("#/components/schemas/Page", "A page"),
                errors=RENDITION_STATUSES,
                op_id="page",
            ),
            "/api/images/": _get(
                "Images of this site",
                _listing_params(DepartmentImagesAPIViewSet),
                _ok("#/components/schemas/Listing", "Images"),
                op_id="images",
            ),
            "/api/images/{id}/": _get(
                "One image",
                [ID, _fields(DepartmentImagesAPIViewSet, detail=True)],
                _ok("#/components/schemas/Item", "An image"),
                op_id="image",
            ),
            "/api/documents/": _get(
                "Documents of this site",
                _listing_params(DepartmentDocumentsAPIViewSet),
                _ok("#/components/schemas/Listing", "Documents"),
                op_id="documents",
            ),
            "/api/documents/{id}/": _get(
                "One document",
                [ID, _fields(DepartmentDocumentsAPIViewSet, detail=True)],
                _ok("#/components/schemas/Item", "A document"),
                op_id="document",
            ),
        },
        {
            "TranslationLink": TRANSLATION_LINK,
            "Page": PAGE,
            "PageListing": _listing("#/components/schemas/Page"),
            "Item": WAGTAIL_ITEM,
            "Listing": _listing("#/components/schemas/Item"),
        },
    )


@resource
def changes_paths() -> tuple[dict, dict]:
    return (
        {
            "/api/changes/": _get(
                "Change feed for offline apps (pages, procedures, legal documents, local notes)",
                [
                    _param(
                        "since",
                        "Cursor from `meta.next`; empty for a full sync.",
                        {"type": "string", "pattern": anchored(CURSOR)},
                    ),
                    LOCALE,
                    _param(
                        "limit",
                        f"Page size, 1 to {LIMIT_MAX}.",
                        {"type": "integer", "minimum": 1, "maximum": LIMIT_MAX},
                    ),
                ],
                _ok("#/components/schemas/Changes", "Changes"),
                op_id="changes",
            ),
        },
        {"Changes": CHANGES},
    )


def legacy_parts() -> tuple[dict, dict]:
    """(paths, schemas) of the resources not yet declared with `cms.api.http.Endpoint`."""
    paths: dict = {}
    schemas: dict = {}
    for builder in RESOURCES:
        more_paths, more_schemas = builder()
        paths.update(more_paths)
        schemas.update(more_schemas)
    return paths, schemas
