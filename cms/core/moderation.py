"""Workflow actions that never lose a publish, and say what really happened.

Root cause of the double approval (Wagtail 8's editor): clicking a workflow action button
appends hidden `action-workflow-action` / `workflow-action-name` inputs to the edit form and
submits it. The unsaved-changes controller polls the form every 500 ms, sees those inputs as an
edit and triggers an autosave, which POSTs the same form (inputs included) as JSON while the real
submission is still running: one click, two approvals. The second one is checked against the
workflow before the first commits and acted on after, when the task state is finished and
`current_workflow_task` is None (`'NoneType' object has no attribute 'on_action'`, a 500).

Three guards, all through Wagtail's own extension points:
- the editor (`wagtailadmin/shared/_workflow_init.html`, `core/js/workflow_action_once.js`)
  never lets an autosave carry a workflow action and stops autosaving once the form is submitted;
- `refuse_stale_workflow_action` (before_edit_page / before_edit_snippet) refuses a workflow
  action that is no longer available, or that arrives as an autosave, with a clear message and a
  redirect (a JSON error for an autosave), before the edit view does anything;
- `report_approval` (after_edit_page / after_edit_snippet) tells the moderator whether the
  approval published the item, scheduled it, or why not; the approval e-mail says the same
  (`publication_outcome`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages
from django.db import models
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page, WorkflowMixin, WorkflowState

#: The fields Wagtail's editor adds to the edit form for a workflow action.
WORKFLOW_ACTION_FIELD = "action-workflow-action"
WORKFLOW_ACTION_NAME_FIELD = "workflow-action-name"


@dataclass(frozen=True)
class Outcome:
    """Where an item stands after its workflow was approved."""

    PUBLISHED = "published"
    SCHEDULED = "scheduled"
    NOT_PUBLISHED = "not_published"

    state: str
    go_live_at: datetime | None = None

    @property
    def published(self) -> bool:
        return self.state == self.PUBLISHED

    @property
    def scheduled(self) -> bool:
        return self.state == self.SCHEDULED


def publication_outcome(item: models.Model) -> Outcome:
    """Read from the database (not from an instance loaded before publishing) where `item` stands."""
    model = item.specific_class if isinstance(item, Page) else type(item)
    fresh = model._default_manager.filter(pk=item.pk).first()
    if fresh is None:
        return Outcome(Outcome.NOT_PUBLISHED)
    scheduled = getattr(fresh, "scheduled_revision", None)
    if scheduled is not None:
        return Outcome(Outcome.SCHEDULED, scheduled.approved_go_live_at)
    if getattr(fresh, "live", True) and not getattr(fresh, "has_unpublished_changes", False):
        return Outcome(Outcome.PUBLISHED)
    return Outcome(Outcome.NOT_PUBLISHED)


def _title(item: models.Model) -> str:
    if isinstance(item, Page):
        return item.get_admin_display_title()
    return str(item)


def _is_workflow_action(request: HttpRequest) -> bool:
    return request.method == "POST" and bool(request.POST.get(WORKFLOW_ACTION_FIELD))


def _is_autosave(request: HttpRequest) -> bool:
    """As Wagtail's edit views tell their JSON (autosave) requests from a form submission."""
    return not request.accepts("text/html")


def _last_workflow_state(item: WorkflowMixin) -> WorkflowState | None:
    return item.workflow_states.order_by("-created_at", "-pk").first()


def why_not_available(item: WorkflowMixin) -> str:
    """One sentence for a moderator whose workflow action arrived after the task was finished."""
    title = _title(item)
    state = _last_workflow_state(item)
    if state is None or state.status == WorkflowState.STATUS_CANCELLED:
        return _("“%(title)s” is not awaiting moderation any more; nothing was changed.") % {
            "title": title
        }
    if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return _("Changes were already requested on “%(title)s”; nothing was changed.") % {
            "title": title
        }
    if state.status == WorkflowState.STATUS_APPROVED:
        outcome = publication_outcome(item)
        if outcome.published:
            return _("“%(title)s” was already approved and is published; nothing was changed.") % {
                "title": title
            }
        if outcome.scheduled:
            return _(
                "“%(title)s” was already approved and will be published on %(date)s; "
                "nothing was changed."
            ) % {"title": title, "date": _format(outcome.go_live_at)}
        return _("“%(title)s” was already approved but is not published; nothing was changed.") % {
            "title": title
        }
    return _("This action is no longer available on “%(title)s”; nothing was changed.") % {
        "title": title
    }


def _format(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _edit_url(request: HttpRequest, item: models.Model) -> str:
    return AdminURLFinder(request.user).get_edit_url(item) or request.path


def refuse_stale_workflow_action(request: HttpRequest, item: WorkflowMixin) -> HttpResponse | None:
    """Refuse a workflow action the item no longer offers, or one an autosave carries.

    Runs before the edit view reads the form, so a duplicate approval never reaches
    `current_workflow_task.on_action` with a finished task (Wagtail's 500).
    """
    if not _is_workflow_action(request):
        return None
    if _is_autosave(request):
        return JsonResponse(
            {
                "success": False,
                "error_code": "blocked_by_hook",
                "error_message": _("An autosave cannot approve or reject; nothing was changed."),
            },
            status=400,
        )
    task = item.current_workflow_task
    name = request.POST.get(WORKFLOW_ACTION_NAME_FIELD, "")
    if task is not None and name in {
        action for action, *_rest in task.get_actions(item, request.user)
    }:
        return None
    messages.warning(request, why_not_available(item))
    return redirect(_edit_url(request, item))


def report_approval(request: HttpRequest, item: WorkflowMixin) -> None:
    """After an approval: say whether it published the item, scheduled it, or why not."""
    if (
        not _is_workflow_action(request)
        or request.POST.get(WORKFLOW_ACTION_NAME_FIELD) != "approve"
    ):
        return
    title = _title(item)
    if item.workflow_in_progress:
        messages.info(
            request,
            _(
                "“%(title)s” was approved at this step; the next step of the workflow decides on publishing."
            )
            % {"title": title},
        )
        return
    outcome = publication_outcome(item)
    if outcome.published:
        messages.success(request, _("“%(title)s” was approved and published.") % {"title": title})
    elif outcome.scheduled:
        messages.success(
            request,
            _("“%(title)s” was approved and will be published on %(date)s.")
            % {"title": title, "date": _format(outcome.go_live_at)},
        )
    else:
        messages.warning(
            request,
            _(
                "“%(title)s” was approved but is not published: it has changes made after the "
                "approved version. Publish it or submit it again."
            )
            % {"title": title},
        )
