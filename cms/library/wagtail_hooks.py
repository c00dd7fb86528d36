"""Admin: the library snippets (HQ edits, everyone views and chooses), local notes, the
coverage panel on the dashboard and the change-review report."""

from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.library.coverage import coverage
from cms.library.models import LegalDocument, LocalNote, Procedure
from cms.library.views import ReviewReportView
from sites.viewsets import DepartmentOwnedViewSet


class Forbidden:
    """Answer a refused change with 403, not Wagtail's redirect to the dashboard.

    Wagtail turns PermissionDenied into a redirect with a message; for the shared
    library a department's people get an explicit 403 (the view returns the response,
    so Wagtail's admin wrapper passes it on).
    """

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as exception:
            return permission_denied(request, exception)


def forbidding(view_class: type) -> type:
    return type(f"Forbidding{view_class.__name__}", (Forbidden, view_class), {})


class LibraryViewSet(SnippetViewSet):
    """Add, edit, delete, unpublish, lock and unlock answer 403 to people outside HQ's library group."""

    add_view_class = forbidding(snippet_views.CreateView)
    edit_view_class = forbidding(snippet_views.EditView)
    delete_view_class = forbidding(snippet_views.DeleteView)
    unpublish_view_class = forbidding(snippet_views.UnpublishView)
    lock_view_class = forbidding(snippet_views.LockView)
    unlock_view_class = forbidding(snippet_views.UnlockView)


class ProcedureViewSet(LibraryViewSet):
    model = Procedure
    icon = "clipboard-list"
    list_display = ["code", "title", "category", "online_level", "status", "live"]
    list_filter = ["category", "online_level", "online", "status", "needs_review", "locale"]
    search_fields = ["code", "title"]
    ordering = ["code"]


class LegalDocumentViewSet(LibraryViewSet):
    model = LegalDocument
    icon = "doc-full"
    list_display = ["number", "title", "doc_type", "status", "issued_on"]
    list_filter = ["doc_type", "status", "locale"]
    search_fields = ["number", "title"]


class LocalNoteViewSet(DepartmentOwnedViewSet):
    model = LocalNote
    icon = "pick"
    list_display = ["procedure", "department", "office", "hotline"]


class LibraryGroup(SnippetViewSetGroup):
    items = (ProcedureViewSet, LegalDocumentViewSet, LocalNoteViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Shared library")
    menu_name = "library"


register_snippet(LibraryGroup)


class CoveragePanel(Component):
    name = "library_coverage"
    order = 150

    def render_html(self, parent_context=None) -> str:
        return render_to_string("library/coverage_panel.html", {"coverage": coverage()})


@hooks.register("construct_homepage_panels")
def add_coverage_panel(request, panels: list) -> None:
    panels.append(CoveragePanel())


@hooks.register("register_admin_urls")
def register_review_report_url():
    return [
        path("reports/library-review/", ReviewReportView.as_view(), name="library_review"),
        path(
            "reports/library-review/results/",
            ReviewReportView.as_view(results_only=True),
            name="library_review_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item() -> MenuItem:
    return MenuItem(
        _("Procedures to review"),
        reverse("library_review"),
        icon_name="warning",
        order=700,
    )
