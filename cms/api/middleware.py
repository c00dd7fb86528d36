"""Requests whose path or query no view can read are answered 400 before any view runs.

A NUL byte reaches PostgreSQL as an error (text cannot hold it) and invalid UTF-8
would be silently replaced by U+FFFD; neither is something a person or an app means
to send. Under /api/ the answer is a problem body naming the parameter; elsewhere
the site's themed 400 page. It lives with the API because the API owns the problem
format; the themed page comes from `cms.core.views`.
"""

from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.core.handlers.wsgi import get_bytes_from_wsgi
from django.http import HttpRequest, HttpResponse

from cms.core.views import bad_request

from .http import problem


def _unreadable(raw: bytes) -> str | None:
    """Why these bytes are not text a view can use, or None."""
    if b"\x00" in raw:
        return "must not contain a NUL byte"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return "is not valid UTF-8"
    return None


def unreadable_input(request: HttpRequest) -> tuple[str, str] | None:
    """(where, why) for the first unreadable part of the path or query, or None."""
    # Django keeps the path as text, with the bytes that are not UTF-8 percent-encoded again
    # (`repercent_broken_unicode`); unquoting finds them. A literal `%E1` in a path would be
    # refused too: no slug or route of this site holds a percent sign.
    reason = _unreadable(unquote_to_bytes(request.path_info))
    if reason:
        return "path", reason
    query = get_bytes_from_wsgi(request.META, "QUERY_STRING", "")
    for pair in query.split(b"&"):
        name, _equals, value = pair.partition(b"=")
        name_bytes = unquote_to_bytes(name.replace(b"+", b" "))
        reason = _unreadable(name_bytes) or _unreadable(unquote_to_bytes(value.replace(b"+", b" ")))
        if reason:
            readable = name_bytes.decode("utf-8", "replace").replace("\x00", "")
            return (readable if _unreadable(name_bytes) is None else "query"), reason
    return None


class UnreadableRequestMiddleware:
    """400 for NUL bytes and invalid UTF-8 in the path or the query string, on every URL."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        fault = unreadable_input(request)
        if fault is None:
            return self.get_response(request)
        where, why = fault
        response: HttpResponse
        if request.path_info.startswith("/api/"):
            response = problem(400, why, parameter=where)
        else:
            response = bad_request(request)
        response["Cache-Control"] = "no-store"
        return response
