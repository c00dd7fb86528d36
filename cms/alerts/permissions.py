"""Who may publish an alert, and when.

An alert is published when the owning department's workflow approves it (its moderators or site
admins approve), or at once by a platform admin (superuser), or at once by one of the owning
department's site admins when it is an emergency. `check_publish` runs in `Alert.publish`, so
every path (admin, shell, API) meets the same rule.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from wagtail.actions.publish_revision import PublishPermissionError
from wagtail.models import WorkflowState

from sites.models import Department
from sites.viewsets import DepartmentOwnedPermissionPolicy


def _approving(user: Any) -> Q:
    groups = user.groups.all()
    return Q(moderators_group__in=groups) | Q(site_admins_group__in=groups)


def can_publish_at_once(user: Any, alert: Any) -> bool:
    """Without approval: platform admins always; the owner's site admins an emergency only."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    from cms.alerts.models import Severity

    return (
        alert.severity == Severity.EMERGENCY
        and Department.objects.filter(
            pk=alert.department_id, site_admins_group__in=user.groups.all()
        ).exists()
    )


def _approved_by_workflow(revision: Any) -> bool:
    """The revision is the one a workflow of this object has just approved."""
    state = (
        WorkflowState.objects.for_instance(revision.content_object)
        .order_by("-created_at")
        .select_related("current_task_state")
        .first()
    )
    return (
        state is not None
        and state.status == WorkflowState.STATUS_APPROVED
        and state.current_task_state is not None
        and state.current_task_state.revision_id == revision.pk
    )


def check_publish(user: Any, revision: Any) -> None:
    """Raise PublishPermissionError unless `user` may publish this revision now."""
    if user is None:
        return  # the system (scheduled publishing, seeding)
    if can_publish_at_once(user, revision.as_object()) or _approved_by_workflow(revision):
        return
    raise PublishPermissionError(
        "An alert is published by its department's moderation workflow; only an emergency may "
        "be published at once, by a platform admin or the department's site admins."
    )


class AlertPermissionPolicy(DepartmentOwnedPermissionPolicy):
    """Department-owned rows; "publish" (used by approval and unpublishing) for the department's
    moderators and site admins, by group rather than a model permission every group holds."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        if action == "publish":
            return user.is_active and (
                user.is_superuser or Department.objects.filter(_approving(user)).exists()
            )
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Any) -> bool:
        if action == "publish":
            return self._own(user, instance) and (
                user.is_superuser
                or Department.objects.filter(_approving(user), pk=instance.department_id).exists()
            )
        return super().user_has_permission_for_instance(user, action, instance)
