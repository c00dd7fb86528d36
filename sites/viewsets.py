"""Admin for models that belong to one department (`sites.models.DepartmentOwned`).

Wagtail's SnippetViewSet shows every row to anyone with the model permission.
`DepartmentOwnedViewSet` keeps listings, choosers, forms and per-object
permissions inside the user's departments; the tenant guard
(`sites.middleware.AdminTenantGuardMiddleware`) answers 404 for object URLs of
another department's rows, whatever view they reach.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.views.chooser import (
    BaseSnippetChooseView,
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import SnippetViewSet

from sites.isolation import register_department_owned_namespace
from sites.models import Department, DepartmentOwned
from sites.references import ReferencesCheckedForm
from sites.scoping import primary_keys, visible_to


class DepartmentOwnedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed to rows of the user's departments."""

    def _own(self, user, instance: DepartmentOwned) -> bool:
        return visible_to(user, type(instance)._default_manager.filter(pk=instance.pk)).exists()

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return self._own(user, instance) and super().user_has_permission_for_instance(
            user, action, instance
        )

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return self._own(user, instance) and super().user_has_any_permission_for_instance(
            user, actions, instance
        )

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        return visible_to(user, super().instances_user_has_any_permission_for(user, actions))


class DepartmentOwnedForm(ReferencesCheckedForm, WagtailAdminModelForm):
    """Offers only the user's departments, preselected when there is one; what the row refers
    to must be the chosen department's or shared (`sites.references`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("department")
        if field is None or self.for_user is None:
            return
        departments = Department.objects.for_user(self.for_user)
        field.queryset = departments
        if not self.instance.pk and departments.count() == 1:
            field.initial = departments.get().pk

    def reference_owner(self) -> Department | None:
        if "department" in self.fields:
            return self.cleaned_data.get("department")
        return super().reference_owner()


class ScopedChosenMixin:
    """A chooser's chosen and chosen-multiple views answer only for the user's scope.

    On top of the view's own lookup (Wagtail's image and document views also check the
    "choose" permission): an object outside the scope is not found (404).
    """

    request: HttpRequest

    model_class: type  # Wagtail's ModelLookupMixin: the model, also where `model` is a string

    def get_object(self, pk):
        (pk,) = primary_keys(self.model_class, [pk])
        item = super().get_object(pk)
        if not visible_to(
            self.request.user, type(item)._default_manager.filter(pk=item.pk)
        ).exists():
            raise type(item).DoesNotExist
        return item

    def get_objects(self, pks):
        pks = primary_keys(self.model_class, pks)
        return visible_to(self.request.user, super().get_objects(pks))


class _OwnRowsMixin(BaseSnippetChooseView):
    """A snippet chooser's listing (choose and results views): the user's rows only."""

    request: HttpRequest

    def get_object_list(self) -> QuerySet:
        return visible_to(self.request.user, super().get_object_list())


class DepartmentOwnedChooseView(_OwnRowsMixin, ChooseView):
    pass


class DepartmentOwnedChooseResultsView(_OwnRowsMixin, ChooseResultsView):
    pass


class DepartmentOwnedChosenView(ScopedChosenMixin, SnippetChosenView):
    pass


class DepartmentOwnedChosenMultipleView(ScopedChosenMixin, SnippetChosenMultipleView):
    pass


class DepartmentOwnedChooserViewSet(SnippetChooserViewSet):
    choose_view_class = DepartmentOwnedChooseView
    choose_results_view_class = DepartmentOwnedChooseResultsView
    chosen_view_class = DepartmentOwnedChosenView
    chosen_multiple_view_class = DepartmentOwnedChosenMultipleView


class DepartmentOwnedViewSet(SnippetViewSet):
    """Register a DepartmentOwned model with this instead of SnippetViewSet."""

    chooser_viewset_class = DepartmentOwnedChooserViewSet

    def __init__(self, *args, **kwargs):
        if policy_registry.get_by_type(self.model, fallback=False) is None:
            register_permission_policy(self.model, DepartmentOwnedPermissionPolicy(self.model))
        super().__init__(*args, **kwargs)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return visible_to(request.user, self.model)

    def get_edit_handler(self):
        handler = super().get_edit_handler()
        if handler.base_form_class is None:
            handler.base_form_class = DepartmentOwnedForm
        return handler

    def on_register(self) -> None:
        super().on_register()
        register_department_owned_namespace(self.url_namespace, self.model)
        register_department_owned_namespace(self.get_chooser_admin_url_namespace(), self.model)
