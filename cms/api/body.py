"""The one JSON body parser of the API's writes (news drafts, questions).

A body is refused before any view logic runs unless it is `application/json`
(415: a `text/plain` form post from another site needs no CORS preflight), at most
the endpoint's size (413), strict UTF-8, valid JSON without NaN/Infinity, nested
at most JSON_MAX_DEPTH levels, and holds no NUL character or unpaired surrogate in
any key or string (PostgreSQL cannot store either, UTF-8 cannot encode the second).
The error names where in the body the fault is (`body[0].value`).
"""

import json
import re
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest

from .errors import ApiError

JSON_MAX_DEPTH = 8
JSON_TYPE = re.compile(r"^application/(?:[\w.-]+\+)?json$")
UTF8 = frozenset({"utf-8", "utf8"})


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
    """The request's JSON object, or an ApiError (413, 415 or 400) saying what is wrong with it."""
    if not JSON_TYPE.match(request.content_type or ""):
        raise ApiError("must be application/json", parameter="Content-Type", status=415)
    charset = (request.content_params or {}).get("charset")
    if charset is not None and charset.lower() not in UTF8:
        raise ApiError("must be utf-8", parameter="Content-Type", status=415)
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > max_bytes:
        raise ApiError(f"is larger than {max_bytes} bytes", parameter="body", status=413)
    try:
        raw = request.body
    except RequestDataTooBig:
        raise ApiError(f"is larger than {max_bytes} bytes", parameter="body", status=413) from None
    if len(raw) > max_bytes:
        raise ApiError(f"is larger than {max_bytes} bytes", parameter="body", status=413)
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
