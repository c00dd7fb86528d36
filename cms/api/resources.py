"""Until search, library, news and questions are declared with `cms.api.http.Endpoint`: the
hand-written parameter helpers they use (their migration removes this module)."""

import re
from collections.abc import Callable, Iterable
from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse

from .errors import (
    READ_METHODS,
    RENDITION_ERRORS,
    ApiError,
    allowed_methods,
    method_not_allowed,
    problem,
    rendition_problem,
)
from .http import LIMIT_DEFAULT, LIMIT_MAX
from .images import RENDITION_FORMATS, RENDITION_SIZES, rendition_spec

__all__ = [
    "LIMIT_DEFAULT",
    "LIMIT_MAX",
    "RENDITION_FORMATS",
    "RENDITION_SIZES",
    "rendition_spec",
]


def json(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def api_endpoint(allowed: Iterable[str]) -> Callable:
    """GET and HEAD (OPTIONS says so); unknown query parameters → 400; errors → problem bodies."""
    allowed_set = frozenset(allowed)

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method not in READ_METHODS:
                return method_not_allowed(request, READ_METHODS)
            if request.method == "OPTIONS":
                return allowed_methods(READ_METHODS)
            unknown = sorted(set(request.GET.keys()) - allowed_set)
            try:
                if unknown:
                    raise ApiError("unknown query parameter", parameter=", ".join(unknown))
                return view(request, *args, **kwargs)
            except ApiError as error:
                return problem(error.status, error.detail, error.parameter, request.path)
            except Http404:
                return problem(404, "not found", instance=request.path)
            except RENDITION_ERRORS as error:
                return rendition_problem(error, request.path)

        return wrapper

    return decorate


def anchored(pattern: str) -> str:
    """`pattern` as the OpenAPI document writes it; the server checks it with `re.fullmatch`."""
    return f"^(?:{pattern})$"


def name_list(names: Iterable[str]) -> str:
    """A pattern for a comma-separated list of these names (no spaces, none empty).

    Names are letters, digits, `_` and `-`, which need no escape in Python or ECMA-262.
    """
    names = sorted(names, key=len, reverse=True)
    if not all(re.fullmatch(r"[\w-]+", name) for name in names):
        raise ValueError(f"names must be identifiers: {names}")
    name = "(?:" + "|".join(names) + ")"
    return f"{name}(?:,{name})*"


def int_parameter(
    request: HttpRequest, name: str, default: int, maximum: int | None = None, minimum: int = 0
) -> int:
    raw = request.GET.get(name)
    if raw is None:
        return default
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
        raise ApiError("must be a non-negative integer", parameter=name)
    value = int(raw)
    if value < minimum:
        raise ApiError(f"cannot be lower than {minimum}", parameter=name)
    if maximum is not None and value > maximum:
        raise ApiError(f"cannot be higher than {maximum}", parameter=name)
    return value
