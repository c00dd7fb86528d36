"""Project middleware."""

from django.http import HttpRequest, HttpResponseBase
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, except that a view's own 404 stays a 404.

    Django redirects a 404 at an unprefixed path to `/<language>/<path>` when
    that path would resolve — and Wagtail's catch-all page route makes every
    path resolve, so a 404 from the admin, the API or a document URL would turn
    into a redirect. Only paths no view matched (e.g. `/`) are redirected.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if response.status_code == 404 and getattr(request, "resolver_match", None) is not None:
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
