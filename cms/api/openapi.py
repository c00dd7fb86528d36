"""The OpenAPI 3.1 document of the public API, written from the same constants the views use."""

from django.http import HttpRequest, JsonResponse

from cms.consultation.api import openapi_paths as question_paths
from cms.consultation.api import openapi_schemas as question_schemas

from .resources import LIMIT_MAX, RENDITION_FORMATS, RENDITION_SIZES

LANGS = ["vi", "en"]


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
FIELDS = _param(
    "fields",
    "Wagtail field selection: `title,teaser`, `*`, `_,title`, `-detail_url`, `thumbnail(url)`.",
    {"type": "string"},
)
ORDER = _param("order", "Field to order by (`-` for descending, `random`).", {"type": "string"})
SEARCH = _param("search", "Full-text filter.", {"type": "string"})
SEARCH_OPERATOR = _param(
    "search_operator", "`and` or `or`.", {"type": "string", "enum": ["and", "or"]}
)
ID = _param("id", "Object id.", {"type": "integer", "minimum": 1}, required=True, where="path")
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
    "Rich text as `html` (default) or other Wagtail formats.",
    {"type": "string"},
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
    text = {400: "A bad or unknown query parameter.", 404: "No such object on this site."}
    return {
        str(code): {
            "description": text[code],
            "content": {
                "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
            },
        }
        for code in codes
    }


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


LISTING_PARAMS = [LIMIT, OFFSET, FIELDS, ORDER, SEARCH, SEARCH_OPERATOR]
PAGE_PARAMS = [
    *LISTING_PARAMS,
    LOCALE,
    FALLBACK,
    RICH_TEXT,
    _param("type", "Page type, e.g. `standard.StandardPage`.", {"type": "string"}),
    _param("child_of", "Parent page id.", {"type": "integer"}),
    _param("descendant_of", "Ancestor page id.", {"type": "integer"}),
    _param("ancestor_of", "Descendant page id.", {"type": "integer"}),
    _param("translation_of", "Page id whose translations to list.", {"type": "integer"}),
]


def document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Customs portal API",
            "version": "1.0",
            "description": "Public, read-only content of the department whose site the Host names.",
        },
        "paths": {
            "/api/department/": _get(
                "The department of this site",
                [LOCALE],
                _ok("#/components/schemas/Department", "The department"),
                errors=(400, 404),
                op_id="department",
            ),
            "/api/pages/": _get(
                "Public pages",
                PAGE_PARAMS,
                _ok("#/components/schemas/PageListing", "Pages"),
                op_id="pages",
            ),
            "/api/pages/{id}/": _get(
                "One public page",
                [ID, LOCALE, FALLBACK, FIELDS, RICH_TEXT],
                _ok("#/components/schemas/Page", "A page"),
                op_id="page",
            ),
            "/api/images/": _get(
                "Images of this site",
                LISTING_PARAMS,
                _ok("#/components/schemas/Listing", "Images"),
                op_id="images",
            ),
            "/api/images/{id}/": _get(
                "One image",
                [ID, FIELDS],
                _ok("#/components/schemas/Item", "An image"),
                op_id="image",
            ),
            "/api/images/{id}/rendition/": _get(
                "One rendition from the allow-list",
                [
                    ID,
                    _param(
                        "size",
                        "Allow-listed size.",
                        {"type": "string", "enum": list(RENDITION_SIZES)},
                    ),
                    _param(
                        "format",
                        "Image format.",
                        {"type": "string", "enum": list(RENDITION_FORMATS)},
                    ),
                ],
                _ok("#/components/schemas/Rendition", "A rendition"),
                op_id="rendition",
            ),
            "/api/documents/": _get(
                "Documents of this site",
                LISTING_PARAMS,
                _ok("#/components/schemas/Listing", "Documents"),
                op_id="documents",
            ),
            "/api/documents/{id}/": _get(
                "One document",
                [ID, FIELDS],
                _ok("#/components/schemas/Item", "A document"),
                op_id="document",
            ),
            "/api/search/": _get(
                "Search this site's pages",
                [
                    _param(
                        "q",
                        "Words to find.",
                        {"type": "string", "minLength": 1, "maxLength": 200},
                        required=True,
                    ),
                    LOCALE,
                    LIMIT,
                    OFFSET,
                ],
                _ok("#/components/schemas/SearchResults", "Results"),
                op_id="search",
            ),
            "/api/changes/": _get(
                "Change feed for offline apps",
                [
                    _param(
                        "since",
                        "Cursor from `meta.next`; empty for a full sync.",
                        {"type": "string"},
                    ),
                    LOCALE,
                    LIMIT,
                ],
                _ok("#/components/schemas/Changes", "Changes"),
                op_id="changes",
            ),
            **question_paths(),  # cms.consultation.api
        },
        "components": {
            "schemas": {
                **question_schemas(),  # cms.consultation.api
                "Problem": PROBLEM,
                "TranslationLink": {
                    "type": "object",
                    "required": ["locale", "id", "detail_url"],
                    "properties": {
                        "locale": {"type": "string"},
                        "id": {"type": "integer"},
                        "detail_url": {"type": "string"},
                    },
                },
                "Page": PAGE,
                "PageListing": _listing("#/components/schemas/Page"),
                "Item": WAGTAIL_ITEM,
                "Listing": _listing("#/components/schemas/Item"),
                "Rendition": {
                    "type": "object",
                    "required": ["size", "format", "url", "width", "height"],
                    "properties": {
                        "size": {"type": "string", "enum": list(RENDITION_SIZES)},
                        "format": {"type": "string", "enum": list(RENDITION_FORMATS)},
                        "url": {"type": "string"},
                        "width": {"type": "integer"},
                        "height": {"type": "integer"},
                    },
                },
                "PageLink": {
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
                },
                "Department": {
                    "type": "object",
                    "required": [
                        "code",
                        "locale",
                        "name",
                        "names",
                        "languages",
                        "contact",
                        "branding",
                        "menu",
                    ],
                    "properties": {
                        "code": {"type": "string"},
                        "locale": {"type": "string", "enum": LANGS},
                        "name": {"type": "string"},
                        "names": {
                            "type": "object",
                            "properties": {"vi": {"type": "string"}, "en": {"type": "string"}},
                        },
                        "display_name": {"type": "string"},
                        "is_headquarters": {"type": "boolean"},
                        "languages": {"type": "array", "items": {"type": "string"}},
                        "home_page": {"$ref": "#/components/schemas/PageLink"},
                        "contact": {"type": "object"},
                        "branding": {"type": "object"},
                        "menu": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/PageLink"},
                        },
                    },
                },
                "SearchResults": {
                    "type": "object",
                    "required": ["meta", "items"],
                    "properties": {
                        "meta": {
                            "type": "object",
                            "required": ["total_count"],
                            "properties": {"total_count": {"type": "integer"}},
                        },
                        "items": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/PageLink"},
                        },
                    },
                },
                "Changes": {
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
                                "required": ["action", "id", "locale"],
                                "properties": {
                                    "action": {
                                        "type": "string",
                                        "enum": ["created", "updated", "deleted"],
                                    },
                                    "id": {"type": "integer"},
                                    "locale": {"type": "string"},
                                },
                            },
                        },
                    },
                },
            }
        },
    }


def openapi_view(request: HttpRequest) -> JsonResponse:
    return JsonResponse(document(), json_dumps_params={"ensure_ascii": False})
