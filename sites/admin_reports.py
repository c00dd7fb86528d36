"""Wagtail's reports with their rows and filters limited to the user's departments.

The page reports' rows are scoped by page permissions, but their filters offer
every author, locker, requester, workflow and task of the install, and the site
history lists every snippet's entries to anyone with the model permission. These
subclasses take rows and choices from `sites.scoping.visible_to`; `sites.admin_urls`
mounts them on Wagtail's own report URLs (Django resolves the first matching pattern).
"""

from django.contrib.auth import get_user_model
from django.db.models import IntegerField, QuerySet, Value
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
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import Page, Task, Workflow, WorkflowState

import django_filters

from sites.isolation import users_visible_to
from sites.scoping import owned_by, visible_to


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
    """Site history: entries about the user's departments' own objects, of every log model.

    Wagtail lists the entries of every object whose model the user holds a permission on; here
    it is the objects the user's departments own (pages, rows, images, documents, settings and
    the `Department` itself, whose Team changes are logged against it), whatever the model.
    """

    filterset_class = DepartmentSiteHistoryFilterSet

    def get_filtered_queryset(self) -> QuerySet:
        self.log_models = list(log_action_registry.get_log_entry_models())
        entries = [
            self.filter_queryset(
                owned_by(self.request.user, log_model)
                .values("pk", "timestamp")
                .annotate(log_model_index=Value(index, output_field=IntegerField()))
            ).order_by()
            for index, log_model in enumerate(self.log_models)
        ]
        first, *others = entries  # Wagtail registers two log models at least (pages, the rest)
        return first.union(*others, all=True).order_by("-timestamp")


class DepartmentLockedPagesView(LockedPagesView):
    filterset_class = DepartmentLockedPagesFilterSet


class DepartmentWorkflowView(WorkflowView):
    filterset_class = DepartmentWorkflowFilterSet


class DepartmentWorkflowTasksView(WorkflowTasksView):
    filterset_class = DepartmentWorkflowTasksFilterSet
