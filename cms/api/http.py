"""The API's HTTP plumbing, in one module: endpoints are declared once and everything else —
URL patterns, query and body parsing, problem bodies, 405/OPTIONS/HEAD, caching, response
validation and the OpenAPI document (`cms.api.contract`) — is derived from the declaration.

    department = Endpoint("/api/department/", name="department")

    @department.get(summary="…", description="…", tag="site", query=DepartmentQuery,
                    response=Department, errors=(400, 404))
    def department_detail(scope: Scope, query: DepartmentQuery) -> dict: ...

The view receives the request scope (`cms.api.scope.Scope`, built once), the parsed query
(a `Query` model: an unknown parameter or a bad value is a 400 problem naming it, never a
500), the path parameters by name and, when declared, the parsed `body`. It returns JSON
data (or an HttpResponse, passed through). With `settings.API_VALIDATE_RESPONSES` every
JSON answer is validated against its declared model: a field the schema does not declare
fails loudly (`ResponseContractError`) instead of reaching clients undocumented.

Problems follow RFC 9457: `{type, title, status, detail, parameter?, instance?}` as
`application/problem+json`.
"""

from __future__ import annotations

import json
import re
import typing
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.urls import URLPattern, re_path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from pydantic import BaseModel, BeforeValidator, ConfigDict, TypeAdapter
from pydantic import Field as Field  # re-exported: resources declare fields with it
from pydantic import ValidationError as PydanticValidationError

from cms.core.renditions import RenditionBusy, RenditionRefused
from cms.core.views import bad_request as bad_request_page
from cms.core.views import bad_request_message
from sites.http import DepartmentRequest

from .scope import Scope

PROBLEM_TYPE = "application/problem+json"
READ_METHODS = ("GET", "HEAD", "OPTIONS")
JSON_MAX_DEPTH = 8
JSON_TYPE = re.compile(r"^application/(?:[\w.-]+\+)?json$")
UTF8 = frozenset({"utf-8", "utf8"})
#: Ids in paths and queries: up to nine digits (a longer number is no object of ours).
ID_MAX = 999_999_999
LIMIT_DEFAULT = 20
LIMIT_MAX = 100

TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Content too large",
    415: "Unsupported media type",
    422: "Unprocessable content",
    429: "Too many requests",
    503: "Service unavailable",
}
#: What each problem status means, for the document (an operation lists the ones it gives).
ERROR_MEANINGS = {
    400: "A bad or unknown query parameter (or body field): `parameter` names it.",
    401: "No bearer token, or an unknown or revoked one.",
    403: "The token belongs to another department, or its scope does not allow this.",
    404: "No such object on this site.",
    409: "The object's state does not allow this now.",
    413: "The body is larger than the operation's limit.",
    415: "The body is not `application/json` (UTF-8).",
    422: "An image's original has more pixels than the portal renders (IMAGE_MAX_PIXELS).",
    429: "Too many requests: retry after `Retry-After` seconds.",
    503: "A rendition is still being made by another request: retry after `Retry-After` s.",
}
#: Answers that make renditions (cms.core.renditions) may also say 422 or 503.
RENDITION_ERRORS = (RenditionBusy, RenditionRefused)
RENDITION_STATUSES = (400, 404, 422, 503)


# --- problems ---------------------------------------------------------------------------------


class ApiError(Exception):
    """An error answered as a problem body; `parameter` names the offending input."""

    status = 400

    def __init__(
        self,
        detail: str,
        parameter: str | None = None,
        status: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.parameter = parameter
        self.headers = headers or {}
        if status is not None:
            self.status = status


class NotFound(ApiError):
    status = 404


class ResponseContractError(AssertionError):
    """A response the endpoint's declared schema does not describe (API_VALIDATE_RESPONSES)."""


def json_response(
    data: Any, status: int = 200, content_type: str = "application/json"
) -> JsonResponse:
    """Compact UTF-8 JSON: Vietnamese stays readable."""
    return JsonResponse(
        data,
        status=status,
        safe=False,
        content_type=content_type,
        json_dumps_params={"ensure_ascii": False},
    )


def problem(
    status: int,
    detail: str,
    parameter: str | None = None,
    instance: str = "",
    headers: dict[str, str] | None = None,
) -> JsonResponse:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    if parameter:
        body["parameter"] = parameter
    if instance:
        body["instance"] = instance
    response = json_response(body, status=status, content_type=PROBLEM_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def error_response(request: HttpRequest, error: Exception) -> HttpResponse | None:
    """The problem body for an exception an endpoint may raise, or None for a real bug."""
    if isinstance(error, ApiError):
        response = problem(error.status, error.detail, error.parameter, request.path, error.headers)
        if error.status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response
    if isinstance(error, Http404):
        return problem(404, "not found", instance=request.path)
    if isinstance(error, RENDITION_ERRORS):
        return rendition_problem(error, request.path)
    if isinstance(error, DjangoValidationError):
        where, messages = next(iter(error.message_dict.items()), ("body", ["invalid"]))
        return problem(400, " ".join(messages), where, request.path)
    return None


def rendition_problem(error: Exception, instance: str = "") -> JsonResponse:
    """503 with Retry-After while another request makes the rendition; 422 for an oversized original."""
    if isinstance(error, RenditionBusy):
        return problem(
            503,
            "the image is being prepared; retry after Retry-After seconds",
            instance=instance,
            headers={"Retry-After": str(error.retry_after)},
        )
    return problem(
        422,
        "the image has more pixels than the portal renders; an editor must replace it",
        instance=instance,
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's `handler400` (an unknown host, a malformed request): a problem body under
    /api/, the themed page elsewhere; neither reads the database."""
    if request.path.startswith("/api/"):
        return problem(400, str(bad_request_message(exception)))
    return bad_request_page(request, exception)


def method_not_allowed(request: HttpRequest, allowed: Sequence[str]) -> JsonResponse:
    """405 as a problem body, with the `Allow` header RFC 9110 requires."""
    response = problem(405, f"{request.method} is not allowed here", instance=request.path)
    response["Allow"] = ", ".join(allowed)
    response["Cache-Control"] = "no-store"
    return response


def allowed_methods(allowed: Sequence[str]) -> HttpResponse:
    """The answer to OPTIONS: no body, the methods in `Allow`."""
    response = HttpResponse(status=200)
    response["Allow"] = ", ".join(allowed)
    response["Content-Length"] = "0"
    return response


@csrf_exempt
def not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    """Any other /api/ URL: a problem body, not Django's HTML 404."""
    return problem(404, "no such endpoint or object", instance=request.path)


# --- models -----------------------------------------------------------------------------------


class Query(BaseModel):
    """The query parameters of an operation. An unknown one is a 400 naming it.

    `messages` replaces pydantic's wording for a parameter (`{"since": "is not a cursor"}`).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    messages: ClassVar[dict[str, str]] = {}


class Body(BaseModel):
    """A JSON request body. An unknown field is a 400 naming it."""

    model_config = ConfigDict(extra="forbid")
    messages: ClassVar[dict[str, str]] = {}


class Schema(BaseModel):
    """A response shape. Every field the server returns is declared (extra="forbid")."""

    model_config = ConfigDict(extra="forbid")


class Problem(Schema):
    """RFC 9457 problem details."""

    type: str = Field(description="`about:blank`: the status says what kind of problem.")
    title: str
    status: int
    detail: str = Field(description="What is wrong, in words.")
    parameter: str | None = Field(
        default=None,
        description="The query parameter, header or body field at fault (`body[0].value`).",
    )
    instance: str | None = Field(default=None, description="The path of the request.")


def _digits(value: Any) -> Any:
    """Query integers are ASCII digits: "³", "١٢", "-1", "1e3", " 1" or "1_0" are no number."""
    if isinstance(value, str) and not (value.isascii() and value.isdigit() and len(value) <= 9):
        raise ValueError("must be a non-negative integer")
    return value


#: A non-negative integer parsed strictly from ASCII digits (bounds and default from Field).
Digits = typing.Annotated[int, BeforeValidator(_digits)]


def _where(loc: Sequence[int | str]) -> str:
    """A pydantic location as the API names it: `title`, `body[0].value`."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "body"


def _enum_of(model: type[BaseModel], name: str) -> list[Any] | None:
    schema = model.model_json_schema().get("properties", {}).get(name, {})
    for candidate in (schema, *schema.get("anyOf", [])):
        if "enum" in candidate:
            return list(candidate["enum"])
    return None


def _message(model: type[BaseModel], error: Any) -> tuple[str, str]:
    """(where, what) for pydantic's first error, in the API's words."""
    loc = tuple(error.get("loc") or ())
    where = _where(loc)
    name = str(loc[0]) if loc else ""
    messages: dict[str, str] = getattr(model, "messages", {})
    if name in messages:
        return where, messages[name]
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return where, "is required"
    if kind == "extra_forbidden":
        return where, "unknown field"
    if kind in ("literal_error", "enum"):
        enum = _enum_of(model, name) if len(loc) == 1 else None
        if enum is not None:
            return where, "must be one of: " + ", ".join(str(value) for value in enum)
        return where, f"must be one of: {ctx.get('expected', '')}"
    if kind == "value_error":
        return where, str(ctx.get("error", error["msg"]))
    if kind == "less_than_equal":
        return where, f"cannot be higher than {ctx['le']}"
    if kind == "greater_than_equal":
        return where, f"cannot be lower than {ctx['ge']}"
    if kind == "string_too_long":
        return where, f"is longer than {ctx['max_length']} characters"
    if kind == "string_too_short":
        if ctx.get("min_length") == 1:
            return where, "must not be empty"
        return where, f"is shorter than {ctx['min_length']} characters"
    if kind == "string_pattern_mismatch":
        return where, f"must match {ctx['pattern']}"
    if kind.startswith("int_"):
        return where, "must be an integer"
    return where, str(error["msg"])


QueryT = TypeVar("QueryT", bound=Query)
BodyT = TypeVar("BodyT", bound=Body)


def _is_list(annotation: Any) -> bool:
    return typing.get_origin(annotation) is list or any(
        typing.get_origin(arg) is list for arg in typing.get_args(annotation)
    )


def parse_query(model: type[QueryT], query: QueryDict) -> QueryT:
    """The query string as `model`; 400 problems name the parameter (an unknown one first)."""
    fields = model.model_fields
    known = {info.alias or name: name for name, info in fields.items()}
    unknown = sorted(key for key in query if key not in known)
    if unknown:
        raise ApiError("unknown query parameter", parameter=", ".join(unknown))
    data: dict[str, Any] = {}
    for key in query:
        info = fields[known[key]]
        data[key] = query.getlist(key) if _is_list(info.annotation) else query[key]
    try:
        return model.model_validate(data)
    except PydanticValidationError as error:
        where, what = _message(model, error.errors()[0])
        raise ApiError(what, parameter=where) from None


# --- JSON bodies ------------------------------------------------------------------------------


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


def _check_text(text: str, where: str) -> None:
    if "\x00" in text:
        raise ApiError("must not contain a NUL character", parameter=where)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ApiError(
            "must not contain an unpaired surrogate (\\ud800-\\udfff)", parameter=where
        ) from None


def _check_tree(data: Any, max_depth: int) -> None:
    """Depth, NUL characters and surrogates, iteratively (a deep body cannot exhaust the stack)."""
    stack: list[tuple[Any, str, int]] = [(data, "body", 1)]
    while stack:
        value, where, depth = stack.pop()
        if isinstance(value, dict | list) and depth > max_depth:
            raise ApiError(f"is nested deeper than {max_depth} levels", parameter="body")
        if isinstance(value, dict):
            for key, item in value.items():
                _check_text(key, where)
                name = key if where == "body" else f"{where}.{key}"
                stack.append((item, name, depth + 1))
        elif isinstance(value, list):
            stack.extend((item, f"{where}[{i}]", depth + 1) for i, item in enumerate(value))
        elif isinstance(value, str):
            _check_text(value, where)


def json_object(request: HttpRequest, max_bytes: int, max_depth: int = JSON_MAX_DEPTH) -> dict:
    """The request's JSON object, or an ApiError (413, 415 or 400) saying what is wrong with it.

    A body is refused before any view logic runs unless it is `application/json` (415: a
    `text/plain` form post from another site needs no CORS preflight), at most `max_bytes`
    (413), strict UTF-8, valid JSON without NaN/Infinity, nested at most `max_depth` levels,
    and holds no NUL character or unpaired surrogate in any key or string (PostgreSQL cannot
    store either, UTF-8 cannot encode the second). The error names where the fault is.
    """
    if not JSON_TYPE.match(request.content_type or ""):
        raise ApiError("must be application/json", parameter="Content-Type", status=415)
    charset = (request.content_params or {}).get("charset")
    if charset is not None and charset.lower() not in UTF8:
        raise ApiError("must be utf-8", parameter="Content-Type", status=415)
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    too_large = ApiError(f"is larger than {max_bytes} bytes", parameter="body", status=413)
    if declared > max_bytes:
        raise too_large
    try:
        raw = request.body
    except RequestDataTooBig:
        raise too_large from None
    if len(raw) > max_bytes:
        raise too_large
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError("is not valid UTF-8", parameter="body") from None
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        raise ApiError(f"is nested deeper than {max_depth} levels", parameter="body") from None
    except ValueError as error:
        raise ApiError(f"is not valid JSON: {error}", parameter="body") from None
    if not isinstance(data, dict):
        raise ApiError("must be a JSON object", parameter="body")
    _check_tree(data, max_depth)
    return data


def parse_body(model: type[BodyT], request: HttpRequest, max_bytes: int) -> BodyT:
    data = json_object(request, max_bytes)
    try:
        return model.model_validate(data)
    except PydanticValidationError as error:
        where, what = _message(model, error.errors()[0])
        raise ApiError(what, parameter=where) from None


# --- security ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Security:
    """Who may call an operation: its OpenAPI `security` requirement and how it is checked."""

    requirement: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: Called with the scope before the view; may set `scope.token`. Raises ApiError.
    check: Callable[[Scope], None] | None = None

    def as_openapi(self) -> list[dict[str, list[str]]]:
        return [{name: list(scopes)} for name, scopes in self.requirement]


def authenticate_token(scope: Scope) -> None:
    """The request's bearer token, checked against the Host: 401 without a valid one, 403 for
    another department's token."""
    from .models import ApiToken

    header = scope.request.headers.get("Authorization", "")
    kind, _sep, text = header.partition(" ")
    if kind.lower() != "bearer" or not text.strip():
        raise ApiError("a bearer token is required", parameter="Authorization", status=401)
    token = ApiToken.authenticate(text.strip())
    if token is None:
        raise ApiError("the token is unknown or revoked", parameter="Authorization", status=401)
    if token.department_id != scope.department.pk:
        raise ApiError(
            "the token belongs to another department's site", parameter="Authorization", status=403
        )
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    scope.token = token


#: Anybody (the Host's department's public content).
PUBLIC = Security()
#: A department's API token (`Authorization: Bearer cpt_…`), for that department's site only.
TOKEN = Security(requirement=(("bearer", ()),), check=authenticate_token)
SECURITY_SCHEMES = {
    "bearer": {
        "type": "http",
        "scheme": "bearer",
        "description": (
            "A department's API token (`cpt_…`), issued in the admin (Snippets › API tokens) "
            "or by `manage.py create_api_token`. Only the token's department's site accepts it."
        ),
    }
}


@contextmanager
def _guarded(security: Security, scope: Scope) -> Iterator[None]:
    """A token operation runs in one transaction and one audit log context."""
    if security.check is None:
        yield
        return
    security.check(scope)
    from .audit import token_log_context

    with transaction.atomic(), token_log_context(scope.token):
        yield


# --- endpoints --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PathParam:
    """A path parameter: the URL regex that routes it and the type (with constraints) it has."""

    regex: str
    annotation: Any
    description: str = ""

    @property
    def adapter(self) -> TypeAdapter:
        return TypeAdapter(self.annotation)

    def convert(self, raw: str) -> Any:
        try:
            return self.adapter.validate_python(raw)
        except PydanticValidationError:
            raise NotFound("not found") from None


#: An object id in a path.
ID = PathParam("[0-9]{1,9}", typing.Annotated[int, Field(ge=1, le=ID_MAX)], "The object's id.")

View = Callable[..., Any]
V = TypeVar("V", bound=View)


@dataclass
class Operation:
    """One method of an endpoint, as declared."""

    method: str
    summary: str
    description: str
    tag: str
    query: type[Query]
    response: Any
    errors: tuple[int, ...]
    security: Security
    cache: bool
    status: int
    operation_id: str
    body: type[Body] | None = None
    max_bytes: int = 0
    body_description: str = ""
    #: More answers than `status` and the errors: {302: "Redirect to …"}.
    responses: dict[int, str] = field(default_factory=dict)
    view: View | None = None

    @property
    def response_adapter(self) -> TypeAdapter | None:
        return None if self.response is None else _adapter(self.response)

    def check_response(self, content: bytes, path: str) -> None:
        """Raise ResponseContractError unless `content` is what the declared model describes."""
        adapter = self.response_adapter
        if adapter is None:
            return
        try:
            adapter.validate_json(content, strict=True)
        except PydanticValidationError as error:
            raise ResponseContractError(
                f"{self.method} {path} answered what its schema does not describe:\n{error}"
            ) from None


_ADAPTERS: dict[Any, TypeAdapter] = {}


def _adapter(annotation: Any) -> TypeAdapter:
    if annotation not in _ADAPTERS:
        _ADAPTERS[annotation] = TypeAdapter(annotation)
    return _ADAPTERS[annotation]


#: Every declared endpoint, in declaration order (URL patterns and the document follow it).
REGISTRY: list[Endpoint] = []


class Endpoint:
    """One path of the API and its operations.

    `view` is given for paths another framework answers (Wagtail's v2 viewsets): the
    declaration then only feeds the document and the viewset's own parsing/validation.
    """

    def __init__(
        self,
        path: str,
        name: str,
        path_params: dict[str, PathParam] | None = None,
        routed: bool = True,
    ) -> None:
        if not path.startswith("/api/"):
            raise ValueError(f"an API path starts with /api/: {path}")
        self.path = path
        self.name = name
        self.path_params = path_params or {}
        self.routed = routed
        self.operations: dict[str, Operation] = {}
        REGISTRY.append(self)

    # Declaration -------------------------------------------------------------------------

    def operation(
        self,
        method: str,
        *,
        summary: str,
        description: str,
        tag: str,
        response: Any = None,
        query: type[Query] = Query,
        body: type[Body] | None = None,
        max_bytes: int = 0,
        body_description: str = "",
        errors: Sequence[int] = (400, 404),
        security: Security = PUBLIC,
        cache: bool | None = None,
        status: int = 200,
        operation_id: str = "",
        responses: dict[int, str] | None = None,
    ) -> Callable[[V], V]:
        method = method.upper()
        if body is not None and max_bytes <= 0:
            raise ValueError("an operation with a body declares its max_bytes")

        def register(view: V) -> V:
            self.operations[method] = Operation(
                method=method,
                summary=summary,
                description=description,
                tag=tag,
                query=query,
                response=response,
                errors=tuple(errors),
                security=security,
                cache=(method == "GET" and security is PUBLIC) if cache is None else cache,
                status=status,
                operation_id=operation_id
                or (self.name if method == "GET" else f"{self.name}_{method.lower()}"),
                body=body,
                max_bytes=max_bytes,
                body_description=body_description,
                responses=dict(responses or {}),
                view=view,
            )
            return view

        return register

    def get(self, **declaration: Any) -> Callable[[V], V]:
        return self.operation("GET", **declaration)

    def post(self, **declaration: Any) -> Callable[[V], V]:
        return self.operation("POST", **declaration)

    def patch(self, **declaration: Any) -> Callable[[V], V]:
        return self.operation("PATCH", **declaration)

    def put(self, **declaration: Any) -> Callable[[V], V]:
        return self.operation("PUT", **declaration)

    def delete(self, **declaration: Any) -> Callable[[V], V]:
        return self.operation("DELETE", **declaration)

    # Routing -----------------------------------------------------------------------------

    @property
    def allowed(self) -> tuple[str, ...]:
        methods = list(self.operations)
        if "GET" in methods:
            methods.append("HEAD")
        return (*methods, "OPTIONS")

    def regex(self) -> str:
        """The Django URL regex below /api/: `{id}` becomes a named group of its PathParam."""
        tail = re.escape(self.path.removeprefix("/api/"))
        for name, param in self.path_params.items():
            tail = tail.replace(re.escape("{" + name + "}"), f"(?P<{name}>{param.regex})")
        return f"^{tail}$"

    def urlpattern(self) -> URLPattern:
        return re_path(self.regex(), csrf_exempt(self.dispatch), name=self.name)

    def dispatch(self, request: DepartmentRequest, **raw: str) -> HttpResponse:
        method = request.method or "GET"
        if method == "OPTIONS":
            return allowed_methods(self.allowed)
        operation = self.operations.get("GET" if method == "HEAD" else method)
        if operation is None:
            return method_not_allowed(request, self.allowed)
        if operation.cache:
            from .cache import cached

            return cached(request, lambda: self.answer(operation, request, raw))
        response = self.answer(operation, request, raw)
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-store"
        return response

    def answer(
        self, operation: Operation, request: DepartmentRequest, raw: dict[str, str]
    ) -> HttpResponse:
        """Parse, run the view, render — every failure the client caused is a problem body."""
        assert operation.view is not None, f"{self.path} is answered by its own view"
        try:
            arguments = {name: self.path_params[name].convert(value) for name, value in raw.items()}
            query = parse_query(operation.query, request.GET)
            scope = Scope(
                request,
                locale=getattr(query, "locale", None),
                fallback=getattr(query, "fallback", None),
            )
            with _guarded(operation.security, scope):
                if operation.body is not None:
                    arguments["body"] = parse_body(operation.body, request, operation.max_bytes)
                result = operation.view(scope, query, **arguments)
        except Exception as error:
            response = error_response(request, error)
            if response is None:
                raise
            return response
        if isinstance(result, HttpResponse):
            return result
        response = json_response(result, status=operation.status)
        if getattr(settings, "API_VALIDATE_RESPONSES", False):
            operation.check_response(response.content, request.path)
        return response


def urlpatterns() -> list[URLPattern]:
    """URL patterns of every routed endpoint, in declaration order."""
    return [endpoint.urlpattern() for endpoint in REGISTRY if endpoint.routed]


def endpoint_for(path: str) -> Endpoint:
    return next(endpoint for endpoint in REGISTRY if endpoint.path == path)
