"""Admin forms: the alert form checks who may publish at once; the dashboard's status form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sites.models import Department
from sites.viewsets import DepartmentOwnedForm

from .models import Alert, GateStatus
from .permissions import can_publish_at_once


class AlertForm(DepartmentOwnedForm):
    """Chosen departments only for headquarters; "Publish" only where the rule allows it."""

    def clean(self):
        cleaned = super().clean()
        if "action-publish" in self.data and self.for_user is not None:
            probe = Alert(
                department=cleaned.get("department") or getattr(self.instance, "department", None),
                severity=cleaned.get("severity") or "",
            )
            if probe.department_id is None or not can_publish_at_once(self.for_user, probe):
                self.add_error(
                    None,
                    _(
                        "Only an emergency can be published at once, by a platform admin or the "
                        "department's site admins. Submit this alert for moderation."
                    ),
                )
        return cleaned


class AlertHideForm(DepartmentOwnedForm):
    """Offers the national information alerts that reach the user's departments."""

    def reference_owner(self) -> None:
        return None  # the alert is HQ's by design (see AlertHide.reference_owner)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("alert")
        if field is not None and self.for_user is not None:
            departments = Department.objects.for_user(self.for_user)
            field.queryset = (
                Alert.objects.filter(live=True, department__is_headquarters=True)
                .filter(pk__in=_reaching_any(departments))
                .filter(severity="information")
            )


def _reaching_any(departments) -> list[int]:
    ids: set[int] = set()
    for department in departments:
        ids.update(Alert.objects.reaching(department).values_list("pk", flat=True))
    return list(ids)


class GateStatusForm(forms.Form):
    """The dashboard's two-click form: pick a status, press Update."""

    status = forms.ChoiceField(label=_("Status"), choices=GateStatus.choices)
    expected_wait_minutes = forms.IntegerField(
        label=_("Expected wait (minutes)"), required=False, min_value=0, max_value=10080
    )
    message = forms.CharField(label=_("Message (Vietnamese)"), required=False, max_length=300)
    message_en = forms.CharField(label=_("Message (English)"), required=False, max_length=300)
