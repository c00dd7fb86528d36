"""Project middleware."""

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts

ADMIN_PATH = "/admin/"


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


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware: `CONTENT_SECURITY_POLICY` everywhere, except that the Wagtail
    admin gets `PORTAL_ADMIN_CONTENT_SECURITY_POLICY` (it needs inline scripts and styles).

    A preview (Wagtail runs it through the middleware with the page's own path) keeps the
    public policy, so editors see what visitors get, but the admin may frame it.
    A view's own policy (django-csp's decorators) still wins on either side.
    """

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if parts.config is None and request.path.startswith(ADMIN_PATH):
            parts.config = settings.PORTAL_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        elif getattr(request, "is_preview", False):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts
