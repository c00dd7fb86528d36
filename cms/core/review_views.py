"""The "due for review" admin report: a department's pages past their review date, and, for
those who may change the library, its items due or flagged (`cms.core.review.due_items_for_user`)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from cms.core.review import due_items_for_user


class DueForReviewView(ReportView):
    page_title = _("Due for review")
    header_icon = "date"
    index_url_name = "core_due_for_review"
    index_results_url_name = "core_due_for_review_results"
    list_export = ["title", "kind", "department_code", "review_by", "reason"]
    export_headings = {
        "title": _("title"),
        "kind": _("type"),
        "department_code": _("department"),
        "review_by": _("review by"),
        "reason": _("reason"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtailadmin.access_admin"):
            raise PermissionDenied
        self.url_finder = AdminURLFinder(request.user)
        return super().dispatch(request, *args, **kwargs)

    @property
    def columns(self):
        return [
            TitleColumn("title", label=_("title"), get_url=self.edit_url),
            Column("kind", label=_("type")),
            Column("department", label=_("department"), accessor="department_code"),
            DateColumn("review_by", label=_("review by")),
            Column("reason", label=_("reason")),
        ]

    def edit_url(self, row) -> str | None:
        return self.url_finder.get_edit_url(row.item)

    def get_queryset(self):
        return due_items_for_user(self.request.user)
