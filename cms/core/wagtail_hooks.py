"""Admin hooks of the core app: workflow actions that never lose a publish (cms.core.moderation),
the due-for-review report (cms.core.review) and ASCII slugs in the copy-page form."""

from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.staticfiles import versioned_static

from cms.core.moderation import refuse_stale_workflow_action, report_approval
from cms.core.review_views import DueForReviewView

from .slugs import ascii_slug_input

hooks.register("before_edit_page", refuse_stale_workflow_action)
hooks.register("before_edit_snippet", refuse_stale_workflow_action)
hooks.register("after_edit_page", report_approval)
hooks.register("after_edit_snippet", report_approval)


@hooks.register("register_admin_urls")
def register_due_for_review_report():
    return [
        path("reports/due-for-review/", DueForReviewView.as_view(), name="core_due_for_review"),
        path(
            "reports/due-for-review/results/",
            DueForReviewView.as_view(results_only=True),
            name="core_due_for_review_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_due_for_review_menu_item() -> MenuItem:
    return MenuItem(
        _("Due for review"), reverse("core_due_for_review"), icon_name="date", order=650
    )


@hooks.register("insert_editor_js")
def fold_every_slug_field() -> str:
    """Wagtail's copy-page form builds its own slug widget: give it the same folding table."""
    table = ascii_slug_input().attrs["data-w-slug-formatters-value"]
    return format_html(
        '<script src="{}" data-formatters="{}"></script>',
        versioned_static("core/js/slug_folding.js"),
        table,
    )
