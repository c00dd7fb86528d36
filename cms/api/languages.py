"""Which language a request asks for: `?locale=`, then Accept-Language, then the default."""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language_from_request

from .errors import ApiError


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def requested_language(request: HttpRequest) -> str:
    code = request.GET.get("locale")
    if code is not None:
        if code not in language_codes():
            raise ApiError(f"must be one of: {', '.join(language_codes())}", parameter="locale")
        return code
    code = get_language_from_request(request, check_path=False)
    return code if code in language_codes() else settings.LANGUAGE_CODE


def fallback_language(request: HttpRequest) -> str | None:
    code = request.GET.get("fallback")
    if code is None:
        return None
    if code not in language_codes():
        raise ApiError(f"must be one of: {', '.join(language_codes())}", parameter="fallback")
    return code
