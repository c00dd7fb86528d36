"""Per-request tenancy: the request's site, its department and its theme."""

from collections.abc import Callable

from django.conf import settings
from django.contrib.admin.utils import unquote
from django.http import Http404, HttpRequest, HttpResponse

from wagtail.models import Site

from sites.hosts import unknown_host_response
from sites.isolation import (
    collections_visible_to,
    department_owned_model_for,
    document_visible_to,
    image_visible_to,
    page_visible_to,
    row_visible_to,
    sites_visible_to,
    translation_visible_to,
)
from sites.models import DepartmentSettings, department_for_site
from themes.context import current_theme, lazy_theme
from themes.registry import DEFAULT_THEME


class DepartmentMiddleware:
    """Sets `request.department` and the theme the template loader resolves from.

    The department comes from the Host only (Wagtail's site matching), never
    from a parameter. With `PORTAL_STRICT_HOSTS` a host that is no department's
    (Wagtail would answer it with the default site) gets a 400 or a redirect instead.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        site = Site.find_for_request(request)
        department = department_for_site(site)
        request.department = department  # type: ignore[attr-defined]
        if settings.PORTAL_STRICT_HOSTS:
            redirect = unknown_host_response(request, site, department)
            if redirect is not None:
                return redirect
        theme: str | Callable[[], str] = DEFAULT_THEME
        if site is not None and not request.path.startswith("/admin/"):
            theme = lazy_theme(lambda: DepartmentSettings.for_request(request).theme)
        token = current_theme.set(theme)
        try:
            return self.get_response(request)
        finally:
            current_theme.reset(token)


class AdminTenantGuardMiddleware:
    """Answers 404 when an admin URL names a page, image, document or row of another department.

    Wagtail checks permissions per view, but its answer differs from view to
    view (a redirect, a listing that still shows the object's title, a chooser
    that browses anywhere). This guard gives every such URL one server-side
    answer before the view runs, whatever view it is.
    """

    PAGE_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk")
    IMAGE_KWARGS = ("image_id",)
    DOCUMENT_KWARGS = ("document_id", "doc_id")
    CHOOSER_NAMESPACES = {
        "wagtailimages_chooser": image_visible_to,
        "wagtaildocs_chooser": document_visible_to,
    }
    # Install-wide views with no per-department scoping: platform admins only.
    PLATFORM_ONLY_VIEWS = {"wagtail_localize:translations_report"}

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_superuser:
            return None
        if not request.path.startswith("/admin/"):
            return None
        for name in self.PAGE_KWARGS:
            if name in view_kwargs and not page_visible_to(user, view_kwargs[name]):
                raise Http404
        if any(name in view_kwargs for name in self.IMAGE_KWARGS + self.DOCUMENT_KWARGS):
            collections = collections_visible_to(user)
            for name in self.IMAGE_KWARGS:
                if name in view_kwargs and not image_visible_to(view_kwargs[name], collections):
                    raise Http404
            for name in self.DOCUMENT_KWARGS:
                if name in view_kwargs and not document_visible_to(view_kwargs[name], collections):
                    raise Http404
        match = request.resolver_match
        if match is None:
            return None
        if match.view_name in self.PLATFORM_ONLY_VIEWS:
            raise Http404
        if match.namespace == "wagtail_localize" and not translation_visible_to(user, view_kwargs):
            raise Http404
        if match.namespace == "wagtailsettings" and "pk" in view_kwargs:
            if not sites_visible_to(user).filter(pk=view_kwargs["pk"]).exists():
                raise Http404
        if match.namespace in self.CHOOSER_NAMESPACES and "pk" in view_kwargs:
            visible = self.CHOOSER_NAMESPACES[match.namespace]
            if not visible(unquote(str(view_kwargs["pk"])), collections_visible_to(user)):
                raise Http404
        owned_model = department_owned_model_for(match.namespace)
        if owned_model is not None and "pk" in view_kwargs:
            if not row_visible_to(user, owned_model, unquote(str(view_kwargs["pk"]))):
                raise Http404
        return None
