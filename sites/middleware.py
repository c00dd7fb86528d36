"""Per-request tenancy: the request's site, its department and its theme."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from wagtail.models import Site

from sites.models import Department, DepartmentSettings
from themes.context import current_theme
from themes.registry import DEFAULT_THEME


class DepartmentMiddleware:
    """Sets `request.department` and the theme the template loader resolves from.

    The department comes from the Host only (Wagtail's site matching), never
    from a parameter.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        site = Site.find_for_request(request)
        request.department = (
            Department.objects.filter(site=site).first() if site is not None else None
        )
        theme = DEFAULT_THEME
        if site is not None and not request.path.startswith("/admin/"):
            theme = DepartmentSettings.for_site(site).theme
        token = current_theme.set(theme)
        try:
            return self.get_response(request)
        finally:
            current_theme.reset(token)
