"""Admin for API tokens: issued by superusers and department site admins, shown once."""

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView

from sites.models import Department
from sites.scoping import register_scope
from sites.viewsets import (
    DepartmentOwnedForm,
    DepartmentOwnedPermissionPolicy,
    DepartmentOwnedViewSet,
)

from . import audit
from .models import ApiToken

AnyUser = AbstractUser | AnonymousUser


def administered_departments(user: AnyUser) -> QuerySet[Department]:
    """Departments whose site admins group the user is in; all of them for superusers."""
    if not user.is_authenticated or not user.is_active:
        return Department.objects.none()
    if user.is_superuser:
        return Department.objects.all()
    return Department.objects.filter(site_admins_group__in=user.groups.all())


# Tokens are the site admins' alone: every admin queryset (bulk actions, choosers, history) agrees.
register_scope(ApiToken, lambda user: Q(department__in=administered_departments(user)))


class ApiTokenPermissionPolicy(DepartmentOwnedPermissionPolicy):
    """Every action on tokens belongs to superusers and the token department's site admins."""

    def user_has_permission(self, user, action) -> bool:
        return administered_departments(user).exists()

    def user_has_any_permission(self, user, actions) -> bool:
        return self.user_has_permission(user, None)

    def users_with_any_permission(self, actions, **kwargs):
        return super().users_with_any_permission(actions, **kwargs)

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return administered_departments(user).filter(pk=instance.department_id).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return self.user_has_permission_for_instance(user, None, instance)

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        return ApiToken.objects.filter(department__in=administered_departments(user))


class ApiTokenForm(DepartmentOwnedForm):
    """Offers only the departments the user administers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("department")
        if field is not None and self.for_user is not None:
            departments = administered_departments(self.for_user)
            field.queryset = departments
            if not self.instance.pk and departments.count() == 1:
                field.initial = departments.get().pk


class ApiTokenCreateView(CreateView):
    """Issues the secret on save and shows the token once, in the success message."""

    def save_instance(self):
        self.token_text = self.form.instance.new_secret()
        self.form.instance.created_by = self.request.user
        return super().save_instance()

    def get_success_message(self, instance=None):
        return _(
            "API token '%(name)s' created. Copy it now, it will not be shown again: %(token)s"
        ) % {"name": self.form.instance.name, "token": self.token_text}


class ApiTokenViewSet(DepartmentOwnedViewSet):
    model = ApiToken
    icon = "key"
    add_view_class = ApiTokenCreateView
    list_display = ["name", "department", "scope", "key_prefix", "is_active", "last_used_at"]
    list_filter = ["scope", "is_active"]

    def __init__(self, *args, **kwargs):
        register_permission_policy(ApiToken, ApiTokenPermissionPolicy(ApiToken))
        super().__init__(*args, **kwargs)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return ApiToken.objects.filter(department__in=administered_departments(request.user))

    def get_edit_handler(self):
        handler = super().get_edit_handler()
        handler.base_form_class = ApiTokenForm
        return handler


register_snippet(ApiTokenViewSet)


@hooks.register("register_log_actions")
def register_api_log_actions(actions) -> None:
    audit.register_log_actions(actions)
