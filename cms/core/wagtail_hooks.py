"""Admin hooks of the core app: workflow actions that never lose a publish (cms.core.moderation)
and the due-for-review report (cms.core.review)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.core.moderation import refuse_stale_workflow_action, report_approval
from cms.core.review_views import DueForReviewView

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
