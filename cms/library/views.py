"""The change-review report: procedures citing a legal document that was amended, replaced
or expired, until HQ reviews them."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from cms.library.models import Procedure


class ReviewReportView(ReportView):
    page_title = _("Procedures to review")
    header_icon = "warning"
    index_url_name = "library_review"
    index_results_url_name = "library_review_results"
    list_export = ["code", "title", "locale", "review_reason"]
    columns = [
        TitleColumn(
            "code",
            label=_("code"),
            url_name="wagtailsnippets_library_procedure:edit",
        ),
        Column("title", label=_("title")),
        Column("locale", label=_("language")),
        Column("review_reason", label=_("review reason")),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("library.view_procedure"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return Procedure.objects.filter(needs_review=True).select_related("locale").order_by("code")
