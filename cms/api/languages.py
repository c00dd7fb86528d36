"""Until library, news, writes and questions take a Scope (their migration removes this)."""

from django.http import HttpRequest

from .http import ApiError
from .scope import LANGUAGES, Scope


def language_codes() -> list[str]:
    return list(LANGUAGES)


def requested_language(request: HttpRequest) -> str:
    code = request.GET.get("locale")
    if code is not None:
        if code not in LANGUAGES:
            raise ApiError(f"must be one of: {', '.join(LANGUAGES)}", parameter="locale")
        return code
    return Scope.accepted_language(request)


def fallback_language(request: HttpRequest) -> str | None:
    code = request.GET.get("fallback")
    if code is not None and code not in LANGUAGES:
        raise ApiError(f"must be one of: {', '.join(LANGUAGES)}", parameter="fallback")
    return code
