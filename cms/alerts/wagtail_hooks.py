"""Admin: alerts, hidden national alerts and gates (each department its own), the dashboard's
operating-status panel with its two-click form, and the actions alerts may offer."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy
from wagtail.snippets.action_menu import PublishMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from sites.models import Department
from sites.scoping import visible_to
from sites.viewsets import DepartmentOwnedViewSet

from .forms import AlertForm, AlertHideForm, GateStatusForm
from .models import Alert, AlertHide, Gate
from .permissions import AlertPermissionPolicy
from .services import update_gate_status

register_permission_policy(Alert, AlertPermissionPolicy(Alert))


class _FormViewSet(DepartmentOwnedViewSet):
    form_class: type

    def get_edit_handler(self):
        handler = super().get_edit_handler()
        handler.base_form_class = self.form_class
        return handler


class AlertViewSet(_FormViewSet):
    model = Alert
    form_class = AlertForm
    icon = "warning"
    list_display = ["title", "severity", "department", "reach", "starts_at", "ends_at"]
    list_filter = ["severity", "reach", "mourning"]
    search_fields = ["title", "title_en"]


class AlertHideViewSet(_FormViewSet):
    model = AlertHide
    form_class = AlertHideForm
    icon = "view"
    list_display = ["alert", "department", "hidden_at"]


class GateViewSet(DepartmentOwnedViewSet):
    model = Gate
    icon = "site"
    list_display = ["name", "kind", "department", "status", "status_changed_at"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "name_en"]


class AlertsGroup(SnippetViewSetGroup):
    items = (AlertViewSet, AlertHideViewSet, GateViewSet)
    menu_icon = "warning"
    menu_label = _("Alerts and status")
    menu_name = "alerts"


register_snippet(AlertsGroup)


class AlertPublishMenuItem(PublishMenuItem):
    """Publish at once: platform admins; a department's site admins (for an emergency: the form
    and `Alert.publish` refuse anything else)."""

    def is_shown(self, context) -> bool:
        user = context["request"].user
        if context.get("locked_for_user") or not user.is_active:
            return False
        if user.is_superuser:
            return True
        administered = Department.objects.filter(site_admins_group__in=user.groups.all())
        department_id = getattr(context.get("instance"), "department_id", None)
        if department_id is not None:
            administered = administered.filter(pk=department_id)
        return administered.exists()


@hooks.register("construct_snippet_action_menu")
def alert_publish_action(menu_items: list, request, context) -> None:
    if context.get("model") is not Alert:
        return
    position = next(
        (index for index, item in enumerate(menu_items) if item.name == "action-publish"), None
    )
    menu_items[:] = [item for item in menu_items if item.name != "action-publish"]
    item = AlertPublishMenuItem(order=0)
    if item.is_shown(context):
        menu_items.insert(position or 0, item)


class StatusPanel(Component):
    """The user's gates with their status, each with a one-line form: status, Update."""

    name = "operating_status"
    order = 120

    def __init__(self, request) -> None:
        self.request = request

    def render_html(self, parent_context=None) -> str:
        gates = visible_to(self.request.user, Gate).select_related("department")[:50]
        rows = [
            (
                gate,
                GateStatusForm(
                    initial={
                        "status": gate.status,
                        "expected_wait_minutes": gate.expected_wait_minutes,
                        "message": gate.message,
                        "message_en": gate.message_en,
                    },
                    prefix=f"gate-{gate.pk}",
                ),
            )
            for gate in gates
        ]
        return render_to_string(
            "alerts/status_panel.html",
            {"rows": rows, "request": self.request},
            request=self.request,
        )


@hooks.register("construct_homepage_panels")
def add_status_panel(request, panels: list) -> None:
    if request.user.has_perm("alerts.change_gate") and visible_to(request.user, Gate).exists():
        panels.append(StatusPanel(request))


@require_POST
def gate_status_view(request, pk: int):
    """The dashboard form's target: one gate's new status (logged, kept in its history)."""
    gate = get_object_or_404(visible_to(request.user, Gate), pk=pk)
    form = GateStatusForm(request.POST, prefix=f"gate-{gate.pk}")
    if not form.is_valid():
        messages.error(
            request, _gettext("The status of %(gate)s was not changed.") % {"gate": gate}
        )
        return redirect("wagtailadmin_home")
    update_gate_status(
        gate,
        request.user,
        form.cleaned_data["status"],
        form.cleaned_data["message"],
        form.cleaned_data["message_en"],
        form.cleaned_data["expected_wait_minutes"],
    )
    messages.success(
        request,
        _gettext("%(gate)s: %(status)s.") % {"gate": gate, "status": gate.get_status_display()},
    )
    return redirect("wagtailadmin_home")


@hooks.register("register_admin_urls")
def register_gate_status_url():
    return [path("alerts/gates/<int:pk>/status/", gate_status_view, name="alerts_gate_status")]


@hooks.register("register_log_actions")
def register_gate_log_actions(actions) -> None:
    actions.register_action("alerts.gate.status", _("Change status"), _("Status changed"))


def status_url(gate: Gate) -> str:
    return reverse("alerts_gate_status", args=[gate.pk])
