"""Admin URLs mounted before Wagtail's, on the same paths, with the department-scoped reports.

The patterns carry no names: `reverse("wagtailadmin_reports:…")` still gives
Wagtail's path, and a request for that path resolves here first.
"""

from django.urls import URLPattern, path

from wagtail.admin.views.reports.base import ReportView

from sites import admin_reports as reports

REPORTS: list[tuple[str, type[ReportView]]] = [
    ("reports/locked/", reports.DepartmentLockedPagesView),
    ("reports/workflow/", reports.DepartmentWorkflowView),
    ("reports/workflow_tasks/", reports.DepartmentWorkflowTasksView),
    ("reports/site-history/", reports.DepartmentLogEntriesView),
]

urlpatterns: list[URLPattern] = [
    pattern
    for prefix, view in REPORTS
    for pattern in (
        path(prefix, view.as_view()),
        path(f"{prefix}results/", view.as_view(results_only=True)),
    )
]
