"""Admin URLs mounted before Wagtail's, on the same paths, with the department-scoped views.

The patterns carry no names: `reverse("wagtailadmin_…")` still gives Wagtail's path, and a
request for that path resolves here first. Every view here takes its rows from
`sites.scoping.visible_to` (see `sites.admin_reports` and `sites.admin_scoped`).
"""

from django.urls import URLPattern, path

from wagtail.admin.views.reports.base import ReportView
from wagtail.documents.views.chooser import viewset as document_choosers
from wagtail.images.views.chooser import viewset as image_choosers

from sites import admin_reports as reports
from sites import admin_scoped as scoped

LISTINGS: list[tuple[str, type[ReportView]]] = [
    ("reports/locked/", reports.DepartmentLockedPagesView),
    ("reports/workflow/", reports.DepartmentWorkflowView),
    ("reports/workflow_tasks/", reports.DepartmentWorkflowTasksView),
    ("reports/site-history/", reports.DepartmentLogEntriesView),
    ("reports/page-types-usage/", scoped.ScopedPageTypesUsageReportView),
    ("forms/", scoped.ScopedFormPagesListView),
    ("images/", scoped.ScopedImageIndexView),
    ("documents/", scoped.ScopedDocumentIndexView),
]

urlpatterns: list[URLPattern] = [
    *(
        pattern
        for prefix, view in LISTINGS
        for pattern in (
            path(prefix, view.as_view()),
            path(f"{prefix}results/", view.as_view(results_only=True)),
        )
    ),
    path("bulk/<str:app_label>/<str:model_name>/<str:action>/", scoped.bulk_action),
    path("choose-page/chosen-multiple/", scoped.PageChosenMultipleView.as_view()),
    path(
        "images/chooser/chosen/<str:pk>/",
        scoped.scoped_chooser_view(image_choosers, image_choosers.chosen_view_class),
    ),
    path(
        "images/chooser/chosen-multiple/",
        scoped.scoped_chooser_view(image_choosers, image_choosers.chosen_multiple_view_class),
    ),
    path("images/chooser/", scoped.image_choose_view(image_choosers)),
    path(
        "documents/chooser/chosen/<str:pk>/",
        scoped.scoped_chooser_view(document_choosers, document_choosers.chosen_view_class),
    ),
    path(
        "documents/chooser/chosen-multiple/",
        scoped.scoped_chooser_view(document_choosers, document_choosers.chosen_multiple_view_class),
    ),
    path("snippets/", scoped.ScopedSnippetIndexView.as_view()),
    path("tag-autocomplete/", scoped.tag_autocomplete),
    path("tag-autocomplete/<slug:app_name>/<slug:model_name>/", scoped.tag_autocomplete),
]
