"""Wagtail's reports with their rows and filters limited to the user's departments.

The page reports' rows are scoped by page permissions, but their filters offer
every author, locker, requester, workflow and task of the install, and the site
history lists every snippet's entries to anyone with the model permission. These
subclasses take rows and choices from `sites.scoping.visible_to`; `sites.admin_urls`
mounts them on Wagtail's own report URLs (Django resolves the first matching pattern).
"""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet
from wagtail.admin.views.reports.locked_pages import LockedPagesReportFilterSet, LockedPagesView
from wagtail.admin.views.reports.workflows import (
    WorkflowReportFilterSet,
    WorkflowTasksReportFilterSet,
    WorkflowTasksView,
    WorkflowView,
)
from wagtail.admin.widgets import FilteredSelect
from wagtail.models import Page, Task, Workflow, WorkflowState

import django_filters

from sites.isolation import users_visible_to
from sites.scoping import visible_to


def _workflows(request) -> QuerySet[Workflow]:
    if request is None:
        return Workflow.objects.none()
    return visible_to(request.user, Workflow)


def _tasks(request) -> QuerySet[Task]:
    if request is None:
        return Task.objects.none()
    return visible_to(request.user, Task)


def _people(request, among: QuerySet) -> QuerySet:
    if request is None:
        return get_user_model().objects.none()
    return users_visible_to(request.user).filter(pk__in=among)


class DepartmentSiteHistoryFilterSet(SiteHistoryReportFilterSet):
    def get_users_queryset(self) -> QuerySet:
        return super().get_users_queryset().filter(pk__in=users_visible_to(self.request.user))


class DepartmentLockedPagesFilterSet(LockedPagesReportFilterSet):
    locked_by = django_filters.ModelChoiceFilter(
        label=_("Locked by"),
        empty_label=_("Anyone"),
        field_name="locked_by",
        queryset=lambda request: _people(
            request, Page.objects.filter(locked=True).values("locked_by")
        ),
    )


class DepartmentWorkflowFilterSet(WorkflowReportFilterSet):
    workflow = django_filters.ModelChoiceFilter(queryset=_workflows, label=_("Workflow"))
    requested_by = django_filters.ModelChoiceFilter(
        field_name="requested_by",
        label=_("Requested by"),
        queryset=lambda request: _people(request, WorkflowState.objects.values("requested_by")),
    )


class DepartmentWorkflowTasksFilterSet(WorkflowTasksReportFilterSet):
    workflow = django_filters.ModelChoiceFilter(
        field_name="workflow_state__workflow", queryset=_workflows, label=_("Workflow")
    )
    task = django_filters.ModelChoiceFilter(queryset=_tasks, label=_("Task"), widget=FilteredSelect)


class DepartmentLogEntriesView(LogEntriesView):
    """Site history: entries about the user's departments' own objects (pages, rows, images,
    documents, settings, the department itself), from every log model."""

    filterset_class = DepartmentSiteHistoryFilterSet

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # Called once per log model, on that model's entries.
        return super().filter_queryset(visible_to(self.request.user, queryset))


class DepartmentLockedPagesView(LockedPagesView):
    filterset_class = DepartmentLockedPagesFilterSet


class DepartmentWorkflowView(WorkflowView):
    filterset_class = DepartmentWorkflowFilterSet


class DepartmentWorkflowTasksView(WorkflowTasksView):
    filterset_class = DepartmentWorkflowTasksFilterSet
