"""The model permissions every group of every department holds: one registry, declared by the apps.

An app registers, in its AppConfig.ready(), what a department's editors, moderators and site
admins may do with each of its models: `grant_to_departments("library.LocalNote", ("add",
"change", "delete", "view"))` for a department-owned model (the viewset keeps it to the
department's own rows), `("view",)` for a shared model they read or a row the system records.
A model not registered is granted nothing. Provisioning gives a department's groups exactly
these (`sites.provisioning`); after each app's migrations they are given again to every existing
department (`resync_after_migrate`), so a registration added later reaches the departments
made before it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import AppConfig, apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q


@dataclass(frozen=True)
class DepartmentGrant:
    """Model permissions (`actions` of the model labelled `model`) for every department group."""

    model: str
    actions: tuple[str, ...]

    @property
    def app_label(self) -> str:
        return self.model.split(".", 1)[0]

    def permissions(self) -> Q:
        model = apps.get_model(self.model)
        return Q(
            content_type=ContentType.objects.get_for_model(model),
            codename__in=[f"{action}_{model._meta.model_name}" for action in self.actions],
        )


_registry: dict[str, DepartmentGrant] = {}


def grant_to_departments(model: str, actions: Iterable[str]) -> None:
    """Register what every department group may do with `model` ("app_label.ModelName")."""
    _registry[model.lower()] = DepartmentGrant(model, tuple(actions))


def registered_grants() -> tuple[DepartmentGrant, ...]:
    return tuple(_registry.values())


def department_permissions(app_label: str | None = None) -> list[Permission]:
    """The permissions the registry names (those of one app's models when `app_label` is given)."""
    query = Q(pk__in=[])
    for grant in registered_grants():
        if app_label is None or grant.app_label == app_label:
            query |= grant.permissions()
    return list(Permission.objects.filter(query).select_related("content_type"))


def give(group: Group, permissions: list[Permission]) -> list[Permission]:
    """Add the `permissions` `group` lacks; return those added."""
    held = set(group.permissions.values_list("pk", flat=True))
    missing = [permission for permission in permissions if permission.pk not in held]
    if missing:
        group.permissions.add(*missing)
    return missing


def resync_after_migrate(app_config: AppConfig, **kwargs) -> None:
    """post_migrate: give every existing department the grants registered for this app's models."""
    from sites.models import Department

    if not any(grant.app_label == app_config.label for grant in registered_grants()):
        return
    # Permission rows are made by another post_migrate receiver, which may not have run yet.
    create_permissions(app_config, verbosity=0, using=kwargs.get("using", "default"))
    permissions = department_permissions(app_config.label)
    for department in Department.objects.select_related(
        "editors_group", "moderators_group", "site_admins_group"
    ):
        for group in department.groups:
            give(group, permissions)
