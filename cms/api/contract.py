"""The OpenAPI 3.1 document, generated from the endpoints' declarations (`cms.api.http`).

Parameters come from the operations' Query models (type, constraints, enum, default,
description), request bodies from their Body models, responses and `components/schemas`
from the response models (pydantic's JSON Schema), problems from `http.Problem`. Nothing
here is written twice: change a declaration and the document follows.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from django.http import HttpRequest, JsonResponse

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode

from .http import (
    ERROR_MEANINGS,
    JSON_MAX_DEPTH,
    REGISTRY,
    SECURITY_SCHEMES,
    Endpoint,
    Operation,
    Problem,
    Query,
    json_response,
)

REF = "#/components/schemas/{model}"
VERSION = "2.0"

#: Every tag an operation may name, in the order the document lists them.
TAGS: dict[str, str] = {
    "site": "The department whose site the Host names: names, contact, branding, menu.",
    "pages": "Wagtail API v2 pages of this site (every page type's fields, bilingual).",
    "images": "Images of this site's collection and the shared library, and their renditions.",
    "documents": "Documents of this site's collection and the shared library.",
    "search": "The site search: this site's pages, then the shared library.",
    "changes": "The change feed offline apps sync with.",
    "news": "News articles of this site; drafts written with a department's token.",
    "library": "The shared library of procedures and legal documents, and local notes.",
    "questions": "Consultation: ask a question, follow it, read published answers.",
    "statistics": "Online public service figures: coverage, dossiers, timeliness, targets; "
    "monthly figures pushed with a department's token.",
    "alerts": "Alerts this site shows now, and the operating status of its gates and offices.",
}
DESCRIPTION = (
    "Public, read-only content of the department whose site the Host names (every "
    "department of the Customs portal is its own site: the same paths answer for each), "
    "and news writes for editorial automation with a department's bearer token.\n\n"
    "Errors are RFC 9457 problem bodies (`application/problem+json`) whose `parameter` "
    "names the query parameter, header or body field at fault. Reads carry an `ETag` "
    "(send it back in `If-None-Match` for a 304) and `Cache-Control`. No path, query or "
    "body string may hold U+0000 or invalid UTF-8 (400). Generate a typed client from "
    "this document (see the README's API section)."
)


class ContractSchema(GenerateJsonSchema):
    """pydantic's JSON Schema, as an API contract wants it: no `title` on every property."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


def _without_null_defaults(schema: Any) -> Any:
    """`default: null` says only "may be left out" (`fields=`); as a default of a field whose
    type has no null it would contradict the schema, so it goes."""
    if isinstance(schema, dict):
        return {
            k: _without_null_defaults(v)
            for k, v in schema.items()
            if not (k == "default" and v is None)
        }
    if isinstance(schema, list):
        return [_without_null_defaults(v) for v in schema]
    return schema


def _not_null(schema: dict) -> dict:
    """A query parameter is absent or a value, never null: drop `null` from `anyOf`."""
    options = [s for s in schema.get("anyOf", []) if s != {"type": "null"}]
    if "anyOf" in schema and len(options) == 1:
        rest = {k: v for k, v in schema.items() if k != "anyOf"}
        merged = {**options[0], **rest}
        if merged.get("default", "") is None:
            merged.pop("default")
        # pydantic leaves bounds on an Optional as `ge`/`le`: JSON Schema says minimum/maximum.
        for bound, keyword in (("ge", "minimum"), ("le", "maximum")):
            if bound in merged:
                merged[keyword] = merged.pop(bound)
        return merged
    return schema


def query_parameters(model: type[Query], schemas: dict) -> list[dict]:
    """OpenAPI parameters of a Query model (nested definitions join `schemas`)."""
    schema = model.model_json_schema(
        ref_template=REF, schema_generator=ContractSchema, mode="validation"
    )
    schemas.update(schema.get("$defs", {}))
    required = set(schema.get("required", []))
    parameters = []
    for name, prop in schema.get("properties", {}).items():
        prop = _not_null(prop)
        description = prop.pop("description", "")
        parameters.append(
            {
                "name": name,
                "in": "query",
                "required": name in required,
                "description": description,
                "schema": prop,
            }
        )
    return parameters


def _path_parameters(endpoint: Endpoint) -> list[dict]:
    return [
        {
            "name": name,
            "in": "path",
            "required": True,
            "description": param.description,
            "schema": TypeAdapter(param.annotation).json_schema(),
        }
        for name, param in endpoint.path_params.items()
    ]


HEADERS = [
    {
        "name": "Accept-Language",
        "in": "header",
        "required": False,
        "description": "Preferred language when `locale` is absent.",
        "schema": {"type": "string"},
    },
    {
        "name": "If-None-Match",
        "in": "header",
        "required": False,
        "description": "ETag of a stored response; 304 when unchanged.",
        "schema": {"type": "string"},
    },
]
CACHE_HEADERS = {
    "ETag": {"description": "Send it back in If-None-Match.", "schema": {"type": "string"}},
    "Cache-Control": {"schema": {"type": "string"}},
}


def _content_schemas(operations: list[Operation], schemas: dict) -> dict[int, dict]:
    """The schema of each operation's response and body (by `id(operation)` and kind)."""
    inputs: list[tuple[Any, JsonSchemaMode, TypeAdapter]] = [
        (("problem", 0), "serialization", TypeAdapter(Problem))
    ]
    for operation in operations:
        if operation.response is not None:
            inputs.append(
                (("response", id(operation)), "serialization", TypeAdapter(operation.response))
            )
        if operation.body is not None:
            inputs.append((("body", id(operation)), "validation", TypeAdapter(operation.body)))
    mapping, definitions = TypeAdapter.json_schemas(
        inputs, ref_template=REF, schema_generator=ContractSchema
    )
    schemas.update(_without_null_defaults(definitions.get("$defs", {})))
    return {key: _without_null_defaults(schema) for (key, _mode), schema in mapping.items()}


def _problems(codes: tuple[int, ...], problem_schema: dict) -> dict:
    return {
        str(code): {
            "description": ERROR_MEANINGS[code],
            "content": {"application/problem+json": {"schema": problem_schema}},
        }
        for code in codes
    }


def operation_document(
    endpoint: Endpoint, operation: Operation, content: dict, schemas: dict
) -> dict:
    parameters = [*_path_parameters(endpoint), *query_parameters(operation.query, schemas)]
    responses: dict[str, Any] = {}
    ok: dict[str, Any] = {"description": operation.summary}
    if operation.response is not None:
        ok["content"] = {"application/json": {"schema": content[("response", id(operation))]}}
    if 300 <= operation.status < 400:
        ok["headers"] = {
            "Location": {"description": "Where the object is.", "schema": {"type": "string"}}
        }
    elif operation.cache:
        ok["headers"] = CACHE_HEADERS
        parameters += HEADERS
    elif any(p["name"] == "locale" for p in parameters):
        parameters.append(HEADERS[0])
    responses[str(operation.status)] = ok
    for status, description in operation.responses.items():
        responses[str(status)] = {"description": description}
    if operation.cache and operation.status == 200:
        responses["304"] = {"description": "Unchanged since the ETag in If-None-Match."}
    errors = operation.errors
    if operation.body is not None:
        errors = tuple(sorted({*errors, 400, 413, 415}))
    responses.update(_problems(errors, content[("problem", 0)]))
    document: dict[str, Any] = {
        "operationId": operation.operation_id,
        "summary": operation.summary,
        "description": operation.description,
        "tags": [operation.tag],
        "security": operation.security.as_openapi(),
        "parameters": parameters,
        "responses": responses,
    }
    if operation.body is not None:
        document["requestBody"] = {
            "required": True,
            "description": operation.body_description
            or f"At most {operation.max_bytes} bytes of UTF-8 JSON, nested at most "
            f"{JSON_MAX_DEPTH} levels; no string may hold U+0000 or an unpaired surrogate.",
            "content": {"application/json": {"schema": content[("body", id(operation))]}},
        }
    return document


@cache
def built_document() -> dict:
    """The whole document but its server, built once per process (the endpoints are declared
    at import; nothing in it depends on the request). Read-only: `document()` gives a copy."""
    from . import urls  # noqa: F401 — importing the URLconf declares every endpoint

    schemas: dict[str, Any] = {}
    operations = [op for endpoint in REGISTRY for op in endpoint.operations.values()]
    content = _content_schemas(operations, schemas)
    paths: dict[str, Any] = {}
    for endpoint in REGISTRY:
        item = paths.setdefault(endpoint.path, {})
        for method, operation in endpoint.operations.items():
            item[method.lower()] = operation_document(endpoint, operation, content, schemas)
    used = {tag for item in paths.values() for op in item.values() for tag in op["tags"]}
    unknown = used - set(TAGS)
    if unknown:
        raise ValueError(f"operations name tags cms.api.contract.TAGS does not: {unknown}")
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Customs portal API",
            "version": VERSION,
            "description": DESCRIPTION,
            "license": {
                "name": "Public information of Vietnam Customs: free to reuse, citing the source",
                "url": "https://www.customs.gov.vn/",
            },
        },
        "servers": [],
        "tags": [
            {"name": name, "description": text} for name, text in TAGS.items() if name in used
        ],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": dict(sorted(schemas.items())),
            "securitySchemes": SECURITY_SCHEMES,
        },
    }


def _with_server(built: dict, server: str) -> dict:
    servers = [{"url": server, "description": "This department's site (the Host)."}]
    return {key: servers if key == "servers" else value for key, value in built.items()}


def document(server: str = "/") -> dict:
    """The whole document (a copy of its own); `server` is the origin clients call."""
    return _with_server(copy.deepcopy(built_document()), server)


def openapi_view(request: HttpRequest) -> JsonResponse:
    """`/api/openapi.json`, with this site as its server."""
    server = request.build_absolute_uri("/").rstrip("/") or "/"
    return json_response(_with_server(built_document(), server))  # serialised, never changed
