"""Project middleware."""

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware
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


# What is worth compressing: markup and data the application writes (not images or downloads).
COMPRESSIBLE_TYPES = frozenset(
    {
        "text/html",
        "text/plain",
        "text/xml",
        "text/css",
        "application/json",
        "application/problem+json",
        "application/xml",
        "application/rss+xml",
        "application/atom+xml",
    }
)


class CompressionMiddleware(GZipMiddleware):
    """Django's GZipMiddleware for public, anonymous pages and API answers only.

    Compression leaks through the compressed size whether a response holds what an attacker
    guesses (BREACH) when a secret and attacker-chosen text share one response. Django's
    middleware already pads each answer with random bytes ("Heal the BREACH"); beyond that,
    what may carry a secret or personal data is left uncompressed: any response that sets a
    cookie (a CSRF token rendered into a form sets the CSRF cookie; sign-in sets the session),
    any request that carries a session cookie or a signed-in user, and `private`/`no-store`
    answers. Streaming responses — document downloads (sent as stored, without
    Content-Encoding), exports — and anything but text and JSON are never touched; WhiteNoise
    serves static files (precompressed) before this middleware is reached.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if not self.compressible(request, response):
            return response
        return super().process_response(request, response)

    @staticmethod
    def compressible(request: HttpRequest, response: HttpResponseBase) -> bool:
        if response.streaming or response.has_header("Content-Encoding"):
            return False
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type not in COMPRESSIBLE_TYPES:
            return False
        if response.cookies or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return False
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        cache_control = response.get("Cache-Control", "").lower()
        return "private" not in cache_control and "no-store" not in cache_control
