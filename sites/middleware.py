"""Per-request tenancy: the request's site, its department and its theme."""

from collections.abc import Callable

from django.conf import settings
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from sites.hosts import unknown_host_response
from sites.http import DepartmentRequest
from sites.isolation import (
    department_owned_model_for,
    localize_target,
    object_visible_to,
    page_visible_to,
    sites_visible_to,
    translation_visible_to,
)
from sites.models import DepartmentSettings
from sites.resolver import resolve
from sites.restructure.redirects import moved_after_404, moved_response
from themes.context import current_theme, lazy_theme
from themes.registry import DEFAULT_THEME


class DepartmentMiddleware:
    """Sets `request.department` and the theme the template loader resolves from.

    The department comes from the Host only (Wagtail's site matching, cached without a query
    by `sites.resolver`), never from a parameter. With `PORTAL_STRICT_HOSTS` a host that is no department's
    (Wagtail would answer it with the default site) gets a 400 or a redirect instead.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: DepartmentRequest) -> HttpResponse:
        site, department = resolve(request)
        request.department = department
        moved = moved_response(request, site, department)
        if moved is not None:
            return moved
        if settings.PORTAL_STRICT_HOSTS:
            redirect = unknown_host_response(request, site, department)
            if redirect is not None:
                return redirect
        theme: str | Callable[[], str] = DEFAULT_THEME
        if site is not None and not request.path.startswith("/admin/"):
            theme = lazy_theme(lambda: DepartmentSettings.for_request(request).theme)
        token = current_theme.set(theme)
        try:
            return moved_after_404(request, site, self.get_response(request))
        finally:
            current_theme.reset(token)


class AdminTenantGuardMiddleware:
    """Answers 404 when an admin URL names a page, image, document or row of another department.

    The second line of isolation: the first is the data itself (`sites.scoping.visible_to`
    scopes every admin queryset). Wagtail's answer to a foreign object differs from view to
    view (a redirect, a permission message with the object's title), so this guard gives every
    such URL one answer before the view runs, from the same registry.
    """

    PAGE_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk")
    IMAGE_KWARGS = ("image_id",)
    DOCUMENT_KWARGS = ("document_id", "doc_id")
    CHOOSER_NAMESPACES = {
        "wagtailimages_chooser": get_image_model,
        "wagtaildocs_chooser": get_document_model,
    }
    # Install-wide views with no per-department scoping: platform admins only.
    PLATFORM_ONLY_VIEWS = {"wagtail_localize:translations_report"}

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if not request.path.startswith("/admin/"):
            return None
        match = request.resolver_match
        if match is not None and match.namespace == "wagtail_localize":
            localize_target(view_kwargs)  # for everyone: a bad model or key is a 404, not a 500
        if user.is_superuser:
            return None
        for name in self.PAGE_KWARGS:
            if name in view_kwargs and not page_visible_to(user, view_kwargs[name]):
                raise Http404
        for names, model in (
            (self.IMAGE_KWARGS, get_image_model()),
            (self.DOCUMENT_KWARGS, get_document_model()),
        ):
            for name in names:
                if name in view_kwargs and not object_visible_to(user, model, view_kwargs[name]):
                    raise Http404
        if match is None:
            return None
        if match.view_name in self.PLATFORM_ONLY_VIEWS:
            raise Http404
        if match.namespace == "wagtail_localize" and not translation_visible_to(user, view_kwargs):
            raise Http404
        if (
            match.view_name == "wagtail_localize:update_translations"
            and request.method == "POST"
            and request.POST.get("publish_translations")
        ):
            from sites.admin_translations import may_publish_translations

            if not may_publish_translations(user, view_kwargs["translation_source_id"]):
                raise PermissionDenied
        if match.namespace == "wagtailsettings" and "pk" in view_kwargs:
            if not sites_visible_to(user).filter(pk=view_kwargs["pk"]).exists():
                raise Http404
        if match.namespace in self.CHOOSER_NAMESPACES and "pk" in view_kwargs:
            model = self.CHOOSER_NAMESPACES[match.namespace]()
            if not object_visible_to(user, model, unquote(str(view_kwargs["pk"]))):
                raise Http404
        owned_model = department_owned_model_for(match.namespace)
        if owned_model is not None and "pk" in view_kwargs:
            if not object_visible_to(user, owned_model, unquote(str(view_kwargs["pk"]))):
                raise Http404
        return None
