"""Admin: webhooks (the site admins' of their department; platform-wide ones the platform
admins') and their read-only delivery log (every group of the department)."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSetGroup

from sites.scoping import visible_to
from sites.team import administered_departments
from sites.viewsets import DepartmentOwnedPermissionPolicy, DepartmentOwnedViewSet

from .models import Delivery, Event, Subscription


class SubscriptionPermissionPolicy(ModelPermissionPolicy):
    """Every action on webhooks belongs to platform admins and the department's site admins."""

    def user_has_permission(self, user, action) -> bool:
        return administered_departments(user).exists()

    def user_has_any_permission(self, user, actions) -> bool:
        return self.user_has_permission(user, None)

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return visible_to(user, Subscription.objects.filter(pk=instance.pk)).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return self.user_has_permission_for_instance(user, None, instance)

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        return visible_to(user, Subscription)


class DeliveryLogPermissionPolicy(DepartmentOwnedPermissionPolicy):
    """The log is read, never written, by anyone (platform admins included)."""

    def user_has_permission(self, user, action) -> bool:
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions) -> bool:
        return "view" in actions and super().user_has_any_permission(user, ["view"])

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return action == "view" and super().user_has_permission_for_instance(user, action, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return "view" in actions and super().user_has_any_permission_for_instance(
            user, ["view"], instance
        )

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        if "view" not in actions:
            return Delivery.objects.none()
        return super().instances_user_has_any_permission_for(user, ["view"])


class SubscriptionForm(WagtailAdminModelForm):
    """Offers the departments the user administers; only platform admins may leave it empty."""

    events = forms.MultipleChoiceField(
        label=gettext_lazy("Events"), choices=Event.choices, widget=forms.CheckboxSelectMultiple
    )
    rotate_secret = forms.BooleanField(
        label=gettext_lazy("Issue a new secret"),
        required=False,
        help_text=gettext_lazy("The new secret is shown once; the old one stops working."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            del self.fields["rotate_secret"]
        field = self.fields.get("department")
        if field is not None and self.for_user is not None:
            departments = administered_departments(self.for_user)
            field.queryset = departments
            field.required = not self.for_user.is_superuser
            if not self.instance.pk and departments.count() == 1:
                field.initial = departments.get().pk


class SecretShownOnce:
    """Shows a new secret once, in the success message; the admin never shows it again."""

    new_secret = ""

    def get_success_message(self, instance=None):
        message = super().get_success_message(instance)
        if not self.new_secret:
            return message
        return _(
            "%(message)s Copy the signing secret now, it will not be shown again: %(secret)s"
        ) % {
            "message": message,
            "secret": self.new_secret,
        }


class SubscriptionCreateView(SecretShownOnce, CreateView):
    def save_instance(self):
        self.new_secret = self.form.instance.new_secret()
        return super().save_instance()


class SubscriptionEditView(SecretShownOnce, EditView):
    def save_instance(self):
        if self.form.cleaned_data.get("rotate_secret"):
            self.new_secret = self.form.instance.new_secret()
        return super().save_instance()


class SubscriptionViewSet(DepartmentOwnedViewSet):
    model = Subscription
    icon = "link-external"
    add_view_class = SubscriptionCreateView
    edit_view_class = SubscriptionEditView
    list_display = [
        "name",
        "department",
        "url",
        Column("secret_hint", label=gettext_lazy("Secret")),
        "is_active",
    ]
    list_filter = ["is_active"]

    def __init__(self, *args, **kwargs):
        register_permission_policy(Subscription, SubscriptionPermissionPolicy(Subscription))
        super().__init__(*args, **kwargs)

    def get_edit_handler(self):
        handler = super().get_edit_handler()
        handler.base_form_class = SubscriptionForm
        return handler


class DeliveryViewSet(DepartmentOwnedViewSet):
    model = Delivery
    icon = "list-ul"
    inspect_view_enabled = True
    inspect_view_fields = [
        "uuid",
        "subscription",
        "event",
        "status",
        "attempts",
        "response_status",
        "error",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "payload",
    ]
    list_display = ["event", "subscription", "status", "attempts", "response_status", "created_at"]
    list_filter = ["status", "event"]
    panels = [FieldPanel("status", read_only=True)]

    def __init__(self, *args, **kwargs):
        register_permission_policy(Delivery, DeliveryLogPermissionPolicy(Delivery))
        super().__init__(*args, **kwargs)


class WebhooksGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Webhooks")
    menu_icon = "link-external"
    items = (SubscriptionViewSet, DeliveryViewSet)


register_snippet(WebhooksGroup)
