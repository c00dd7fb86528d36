"""The OpenAPI 3.1 document of the public API, written from the same constants the views use."""

from collections.abc import Callable

from wagtail.api.rich_text import APIRichText
from wagtail.models import get_page_models

from cms.consultation.api import openapi_paths as question_paths
from cms.consultation.api import openapi_schemas as question_schemas
from cms.library.models import LegalDocument, Procedure
from cms.news.models import MOST_READ_DAYS, NewsCategory

from .body import JSON_MAX_DEPTH
from .changes import CURSOR
from .images import RENDITION_FORMATS, RENDITION_SIZES
from .news import DETAIL_ONLY_FIELDS as NEWS_DETAIL_ONLY_FIELDS
from .news import LISTING_FIELDS as NEWS_LISTING_FIELDS
from .news import fields_pattern
from .resources import LIMIT_MAX, anchored, name_list
from .scope import LANGUAGES
from .views import (
    SEARCH_OPERATORS,
    DepartmentDocumentsAPIViewSet,
    DepartmentImagesAPIViewSet,
    DepartmentPagesAPIViewSet,
)
from .writes import WRITE_MAX_BYTES

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
        413: f"The body is larger than its limit ({WRITE_MAX_BYTES} bytes for news writes).",
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


def _write(
    summary: str, op_id: str, ok: dict, status: str = "200", body: dict | None = None, params=()
) -> dict:
    operation = {
        "operationId": op_id,
        "summary": summary,
        "security": [{"bearer": []}],
        "parameters": list(params),
        "responses": {status: ok, **_errors(400, 401, 403, 404, 409)},
    }
    if body is not None:
        operation["responses"].update(_errors(413, 415))
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": body}},
        }
    return operation


NEWS_ITEM = {
    "type": "object",
    "required": ["id"],
    "description": "The fields named in `fields` (default: title, date, teaser, thumbnail, "
    "locale, fallback, detail_url).",
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "slug": {"type": "string"},
        "date": {"type": "string", "format": "date"},
        "category": {"type": "string", "enum": NewsCategory.values},
        "teaser": {"type": "string"},
        "thumbnail": {"oneOf": [{"$ref": "#/components/schemas/Rendition"}, {"type": "null"}]},
        "tags": {"type": "array", "items": {"type": "string"}},
        "source": {"type": "string"},
        "is_national": {"type": "boolean"},
        "locale": {"type": "string", "enum": LANGS},
        "fallback": {"type": "boolean", "description": "Served in the `fallback` language."},
        "translations": {
            "type": "array",
            "items": {"$ref": "#/components/schemas/TranslationLink"},
        },
        "detail_url": {"type": "string"},
        "html_url": {"type": ["string", "null"]},
        "body": {"type": "array", "items": {"type": "object"}},
        "lead_image": {"type": ["object", "null"]},
    },
}
NEWS_UPDATE = {
    "type": "object",
    "additionalProperties": False,
    "description": f"At most {WRITE_MAX_BYTES} bytes of UTF-8 JSON, nested at most "
    f"{JSON_MAX_DEPTH} levels; no string may hold U+0000 or an unpaired surrogate.",
    "properties": {
        "title": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": NOT_BLANK},
        "teaser": {"type": "string", "maxLength": 1000},
        "date": {"type": "string", "format": "date"},
        "category": {"type": "string", "enum": NewsCategory.values},
        "tags": {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": 100}},
        "source": {"type": "string", "maxLength": 255},
        "body": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "value"],
                "additionalProperties": False,
                "properties": {
                    "type": {"type": "string", "enum": ["heading", "paragraph"]},
                    "value": {
                        "type": "string",
                        "minLength": 1,
                        "pattern": NOT_BLANK,
                        "description": "Text for a heading. For a paragraph, HTML the admin "
                        "editor can hold — p, br, b/strong, i/em, h3, h4, ol/ul/li, and links "
                        "(http, https, mailto, tel, relative; or linktype page/document with "
                        "an id) — stored in the editor's form; anything else (script, event "
                        "handlers, javascript: links, other elements or attributes) is "
                        "refused with 400 naming `body[i].value`.",
                    },
                },
            },
        },
        "action": {
            "type": "string",
            "enum": ["draft", "submit", "publish"],
            "description": "After saving the draft: submit to moderation or publish, if the "
            "token's scope allows (else 403).",
        },
    },
}
NEWS_WRITE = {
    **NEWS_UPDATE,
    "properties": {
        **NEWS_UPDATE["properties"],
        "locale": {"type": "string", "enum": LANGS, "description": "On creation only."},
    },
}
NEWS_DRAFT = {
    "type": "object",
    "required": ["id", "title", "live", "has_unpublished_changes", "in_moderation"],
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "live": {"type": "boolean"},
        "has_unpublished_changes": {"type": "boolean"},
        "in_moderation": {"type": "boolean"},
        "locale": {"type": "string"},
        "draft_url": {"type": "string"},
    },
}


@resource
def news_paths() -> tuple[dict, dict]:
    thumbnail = [
        _param(
            "thumbnail",
            "Thumbnail size from the allow-list.",
            {"type": "string", "enum": list(RENDITION_SIZES)},
        ),
        _param(
            "thumbnail_format",
            "Thumbnail format.",
            {"type": "string", "enum": list(RENDITION_FORMATS)},
        ),
    ]
    news_fields = _param(
        "fields",
        "Comma-separated field names, or `*` for all: " + ", ".join(NEWS_LISTING_FIELDS) + ".",
        {"type": "string", "pattern": anchored(fields_pattern(NEWS_LISTING_FIELDS))},
    )
    detail_fields = _param(
        "fields",
        "Comma-separated field names, or `*` for all.",
        {
            "type": "string",
            "pattern": anchored(fields_pattern((*NEWS_LISTING_FIELDS, *NEWS_DETAIL_ONLY_FIELDS))),
        },
    )
    draft = _ok("#/components/schemas/NewsDraft", "The article's latest revision")
    draft_ok = {"description": draft["description"], "content": draft["content"]}
    listing = _get(
        "News of this site, one screen per request",
        [
            LOCALE,
            FALLBACK,
            news_fields,
            _param("category", "Category.", {"type": "string", "enum": NewsCategory.values}),
            _param("tag", "Tag slug.", {"type": "string", "minLength": 1, "maxLength": 100}),
            _param(
                "date_from", "Earliest date (YYYY-MM-DD).", {"type": "string", "format": "date"}
            ),
            _param("date_to", "Latest date (YYYY-MM-DD).", {"type": "string", "format": "date"}),
            _param(
                "order",
                f"`latest` (default) or `most_read` (views of the last {MOST_READ_DAYS} days).",
                {"type": "string", "enum": ["latest", "most_read"]},
            ),
            LIMIT,
            OFFSET,
            *thumbnail,
        ],
        _ok("#/components/schemas/NewsListing", "Articles"),
        errors=RENDITION_STATUSES,
        op_id="news",
    )
    listing["post"] = _write(
        "Create a draft article in the token's department",
        "news_create",
        draft_ok,
        status="201",
        body={**NEWS_WRITE, "required": ["title"]},
    )
    detail = _get(
        "One article",
        [ID, LOCALE, FALLBACK, detail_fields, *thumbnail],
        _ok("#/components/schemas/News", "An article"),
        errors=RENDITION_STATUSES,
        op_id="news_item",
    )
    detail["patch"] = _write(
        "Save a new draft revision of the department's article",
        "news_update",
        draft_ok,
        body=NEWS_UPDATE,
        params=[ID],
    )
    draft_get = _write(
        "The latest revision (draft) of the department's article",
        "news_draft",
        draft_ok,
        params=[ID],
    )
    return (
        {
            "/api/news/": listing,
            "/api/news/{id}/": detail,
            "/api/news/{id}/draft/": {"get": draft_get},
            "/api/news/{id}/submit/": {
                "post": _write(
                    "Submit the latest draft to moderation", "news_submit", draft_ok, params=[ID]
                )
            },
            "/api/news/{id}/publish/": {
                "post": _write("Publish the latest draft", "news_publish", draft_ok, params=[ID])
            },
        },
        {
            "News": NEWS_ITEM,
            "NewsListing": _listing("#/components/schemas/News"),
            "NewsDraft": NEWS_DRAFT,
        },
    )


LIBRARY_SUMMARY = {
    "type": "object",
    "required": ["title", "locale", "fallback", "translations", "detail_url"],
    "properties": {
        "code": {"type": "string"},
        "number": {"type": "string"},
        "slug": {"type": "string"},
        "title": {"type": "string"},
        "category": {"type": "string"},
        "type": {"type": "string"},
        "online_level": {"type": "integer", "minimum": 1, "maximum": 4},
        "online": {"type": "string"},
        "status": {"type": "string"},
        "locale": {"type": "string", "enum": LANGS},
        "fallback": {"type": "boolean"},
        "translations": {
            "type": "array",
            "items": {"$ref": "#/components/schemas/TranslationLink"},
        },
        "detail_url": {"type": "string"},
        "html_url": {"type": ["string", "null"], "description": "On this site."},
        "local_notes": {"type": "array", "items": {"$ref": "#/components/schemas/LocalNote"}},
    },
}
LOCAL_NOTE = {
    "type": "object",
    "required": ["id", "procedure", "office"],
    "properties": {
        "id": {"type": "integer"},
        "department": {"type": ["string", "null"]},
        "procedure": {"type": "string"},
        "office": {"type": "string"},
        "address": {"type": "string"},
        "hours": {"type": "string"},
        "hotline": {"type": "string"},
        "border_gates": {"type": "string"},
        "notes": {"type": "string"},
        "detail_url": {"type": "string"},
    },
}


@resource
def library_paths() -> tuple[dict, dict]:
    words = _param("q", "Words (diacritics optional).", {"type": "string", "maxLength": 200})
    code = _param(
        "code",
        "Procedure code, e.g. 1.008316.",
        {"type": "string", "pattern": "^[0-9A-Za-z][0-9A-Za-z.\\-]{0,39}$"},
        required=True,
        where="path",
    )
    number = _param(
        "number",
        "Number (`85/2019/NĐ-CP`) or its URL form (`85-2019-nd-cp`).",
        {"type": "string", "minLength": 1, "pattern": "^[^%]+$"},
        required=True,
        where="path",
    )
    return (
        {
            "/api/procedures/": _get(
                "Administrative procedures of the shared library",
                [
                    LOCALE,
                    FALLBACK,
                    LIMIT,
                    OFFSET,
                    words,
                    _param(
                        "category",
                        "Category.",
                        {"type": "string", "enum": Procedure.Category.values},
                    ),
                    _param(
                        "level",
                        "Online service level.",
                        {"type": "string", "enum": ["1", "2", "3", "4"]},
                    ),
                    _param(
                        "online",
                        "Online classification.",
                        {"type": "string", "enum": Procedure.Online.values},
                    ),
                ],
                _ok("#/components/schemas/LibraryListing", "Procedures"),
                op_id="procedures",
            ),
            "/api/procedures/{code}/": _get(
                "One procedure, with this department's local notes",
                [code, LOCALE, FALLBACK],
                _ok("#/components/schemas/LibraryItem", "A procedure"),
                op_id="procedure",
            ),
            "/api/legal-documents/": _get(
                "Legal documents of the shared library",
                [
                    LOCALE,
                    FALLBACK,
                    LIMIT,
                    OFFSET,
                    words,
                    _param(
                        "type",
                        "Document type.",
                        {"type": "string", "enum": LegalDocument.Type.values},
                    ),
                    _param(
                        "status",
                        "Validity.",
                        {"type": "string", "enum": LegalDocument.Status.values},
                    ),
                ],
                _ok("#/components/schemas/LibraryListing", "Legal documents"),
                op_id="legal_documents",
            ),
            "/api/legal-documents/{number}/": _get(
                "One legal document",
                [number, LOCALE, FALLBACK],
                _ok("#/components/schemas/LibraryItem", "A legal document"),
                op_id="legal_document",
            ),
            "/api/local-notes/": _get(
                "This department's local notes on shared procedures",
                [LIMIT, OFFSET, _param("procedure", "Procedure code.", {"type": "string"})],
                _ok("#/components/schemas/LocalNoteListing", "Local notes"),
                op_id="local_notes",
            ),
            "/api/local-notes/{id}/": _get(
                "One local note of this department",
                [ID],
                _ok("#/components/schemas/LocalNote", "A local note"),
                op_id="local_note",
            ),
        },
        {
            "LibraryItem": LIBRARY_SUMMARY,
            "LibraryListing": _listing("#/components/schemas/LibraryItem"),
            "LocalNote": LOCAL_NOTE,
            "LocalNoteListing": _listing("#/components/schemas/LocalNote"),
        },
    )


@resource
def questions() -> tuple[dict, dict]:
    """Consultation (Q&A), described by its own module (cms.consultation.api)."""
    return question_paths(), question_schemas()


def legacy_parts() -> tuple[dict, dict]:
    """(paths, schemas) of the resources not yet declared with `cms.api.http.Endpoint`."""
    paths: dict = {}
    schemas: dict = {}
    for builder in RESOURCES:
        more_paths, more_schemas = builder()
        paths.update(more_paths)
        schemas.update(more_schemas)
    return paths, schemas
