"""Tenant isolation in the admin, with Wagtail's own hooks.

Wagtail scopes the explorer, admin search and reports by page permissions, and
images and documents by collection permissions, which provisioning grants per
department. What it leaves install-wide takes its rows from the scoping registry
(`sites.scoping.visible_to`): the page chooser here, the admin API and the dashboard's
page count here, and the views `sites.admin_urls` mounts on Wagtail's paths. The tenant
guard (`sites.middleware`) is a second line for object URLs.
"""

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.log_actions import log
from wagtail.models import Page

from sites import admin_scoped, admin_translations, team
from sites.admin_pages import DepartmentPageViewSet
from sites.audit import register_data_action
from sites.restructure.views import RestructureView
from sites.scoping import visible_to
from sites.views import DepartmentViewSet


@hooks.register("construct_page_chooser_queryset")
@hooks.register("construct_image_chooser_queryset")
@hooks.register("construct_document_chooser_queryset")
def limit_chooser_to_own_departments(rows: QuerySet, request: HttpRequest) -> QuerySet:
    return visible_to(request.user, rows)


@hooks.register("construct_explorer_page_queryset")
def limit_explorer_to_own_departments(
    parent_page: Page, pages: QuerySet[Page], request: HttpRequest
) -> QuerySet[Page]:
    return visible_to(request.user, pages)


# After Wagtail's own endpoints (registered by its hooks at order 0), on the same names.
@hooks.register("construct_admin_api", order=100)
def scope_admin_api(router) -> None:
    router.register_endpoint("pages", admin_scoped.ScopedPagesAdminAPIViewSet)
    router.register_endpoint("images", admin_scoped.ScopedImagesAdminAPIViewSet)
    router.register_endpoint("documents", admin_scoped.ScopedDocumentsAdminAPIViewSet)


@hooks.register("construct_homepage_summary_items", order=100)
def scope_dashboard_page_count(request: HttpRequest, summary_items: list) -> None:
    summary_items[:] = [
        admin_scoped.DepartmentPagesSummaryItem(request) if type(item) is PagesSummaryItem else item
        for item in summary_items
    ]


@hooks.register("register_admin_viewset")
def register_department_viewset() -> DepartmentViewSet:
    return DepartmentViewSet("departments")


# After Wagtail's own base page viewset (order 0), so this one is the listing for every page.
@hooks.register("register_admin_viewset", order=100)
def register_department_page_viewset() -> DepartmentPageViewSet:
    return DepartmentPageViewSet()


@hooks.register("construct_reports_menu")
def hide_platform_only_reports(request: HttpRequest, menu_items: list) -> None:
    """The install-wide translations report is for platform admins (the guard answers 404)."""
    if request.user.is_superuser:
        return
    platform_only = reverse("wagtail_localize:translations_report")
    menu_items[:] = [item for item in menu_items if item.url != platform_only]


class PlatformAdminMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.is_superuser


@hooks.register("register_admin_urls")
def register_restructure_urls() -> list:
    return [path("restructure/", RestructureView.as_view(), name="departments_restructure")]


@hooks.register("register_settings_menu_item")
def register_restructure_menu_item() -> MenuItem:
    return PlatformAdminMenuItem(
        _("Restructure departments"),
        reverse("departments_restructure"),
        icon_name="site",
        order=860,
    )


class TeamMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return team.administered_departments(request.user).exists()


@hooks.register("register_admin_urls")
def register_team_urls() -> list:
    urls = [
        path("", team.TeamIndexView.as_view(), name="index"),
        path("<str:code>/add/", team.MemberAddView.as_view(), name="add"),
        path("<str:code>/<int:user_id>/", team.MemberEditView.as_view(), name="edit"),
    ]
    return [path("team/", include((urls, "departments_team"), namespace="departments_team"))]


@hooks.register("register_admin_menu_item")
def register_team_menu_item() -> MenuItem:
    return TeamMenuItem(_("Team"), reverse("departments_team:index"), icon_name="group", order=9000)


@hooks.register("register_log_actions")
def register_team_log_actions(actions) -> None:
    team.register_log_actions(actions)
    register_data_action(
        actions,
        "departments.restructure.rename",
        _("Rename a department"),
        _("Renamed %(from)s to %(to)s"),
    )
    register_data_action(
        actions,
        "departments.restructure.merge",
        _("Merge departments"),
        _("Merged %(source)s into %(target)s"),
    )
    register_data_action(
        actions,
        "departments.restructure.split",
        _("Split a department"),
        _("Moved %(sections)s of %(source)s to %(target)s"),
    )


# Wagtail's page bulk actions log through its page actions; the others (images, documents,
# snippets, users) log nothing, so each object they touch gets the entry its own view gives.
BULK_ACTION_LOG_ACTIONS = {
    "delete": "wagtail.delete",
    "add_tags": "wagtail.edit",
    "add_to_collection": "wagtail.edit",
    "assign_role": "wagtail.edit",
    "set_active_state": "wagtail.edit",
}


@hooks.register("after_bulk_action")
def log_bulk_action(request: HttpRequest, action_type: str, objects: list, action) -> None:
    log_action = BULK_ACTION_LOG_ACTIONS.get(action_type)
    if log_action is None:
        return
    for instance in objects:
        if not isinstance(instance, Page):
            log(
                instance=instance,
                action=log_action,
                user=request.user,
                deleted=log_action == "wagtail.delete",
            )


# --- Translation by the department (sites.admin_translations) ------------------------------------


class TranslationDashboardMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return admin_translations.departments_for(request.user).exists()


@hooks.register("register_admin_urls")
def register_translation_urls() -> list:
    return [
        path(
            "translations/",
            admin_translations.TranslationDashboardView.as_view(),
            name="translation_dashboard",
        ),
        path(
            "translations/<int:translation_id>/submit/",
            admin_translations.SubmitTranslationForModerationView.as_view(),
            name="translation_submit_for_moderation",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_translation_dashboard_menu_item() -> MenuItem:
    return TranslationDashboardMenuItem(
        _("Translation status"),
        reverse("translation_dashboard"),
        icon_name="wagtail-localize-language",
        order=8900,
    )


@hooks.register("construct_homepage_panels")
def add_translation_status_panel(request: HttpRequest, panels: list) -> None:
    if admin_translations.departments_for(request.user).exists():
        panels.append(admin_translations.TranslationStatusPanel(request))


@hooks.register("before_serve_page")
def tag_served_page(page: Page, request: HttpRequest, serve_args, serve_kwargs) -> None:
    """The caching proxy keeps the page under its own key; a home page also shows HQ's news."""
    from sites import edge

    edge.add_keys(request, edge.page_key(page.pk))
    if page.depth == 2:
        edge.add_keys(request, edge.NATIONAL)
