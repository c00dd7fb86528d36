"""What of the shared install a user may see in the admin: their departments' share of it.

Every check here is on the server and used by the admin hooks and the tenant
guard; superusers (platform admins) see everything.
"""

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db import models
from django.db.models import Q, QuerySet

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission, Page

from sites.models import Department

AnyUser = AbstractUser | AnonymousUser


def department_pages_filter(user: AnyUser) -> Q:
    """A filter on Page for the trees (every locale) of the user's departments."""
    condition = Q(pk__in=[])
    for department in Department.objects.for_user(user).select_related("site"):
        condition |= department.tree_condition()
    return condition


def page_visible_to(user: AnyUser, page_id: int | str) -> bool:
    """The tree root (a chooser's starting point) and the user's departments' pages."""
    if user.is_superuser:
        return True
    pages = Page.objects.filter(pk=page_id)
    return pages.filter(depth=1).exists() or pages.filter(department_pages_filter(user)).exists()


def collections_visible_to(user: AnyUser) -> QuerySet[Collection]:
    """Collections where the user holds any image or document permission (own and shared)."""
    granted = GroupCollectionPermission.objects.filter(group__user=user).values("collection")
    return Collection.objects.filter(pk__in=granted)


def image_visible_to(image_id: int | str, collections: QuerySet[Collection]) -> bool:
    return get_image_model().objects.filter(pk=image_id, collection__in=collections).exists()


def document_visible_to(document_id: int | str, collections: QuerySet[Collection]) -> bool:
    return get_document_model().objects.filter(pk=document_id, collection__in=collections).exists()


_department_owned_namespaces: dict[str, type[models.Model]] = {}


def register_department_owned_namespace(namespace: str, model: type[models.Model]) -> None:
    """Admin URLs under `namespace` whose `pk` names a row of `model` are guarded per department."""
    _department_owned_namespaces[namespace] = model


def department_owned_model_for(namespace: str) -> type[models.Model] | None:
    return _department_owned_namespaces.get(namespace)


def row_visible_to(user: AnyUser, model: type[models.Model], pk: str) -> bool:
    if user.is_superuser:
        return True
    return model._default_manager.filter(
        pk=pk, department__in=Department.objects.for_user(user)
    ).exists()


def users_visible_to(user: AnyUser) -> QuerySet:
    """People of the user's departments (the user included): names a filter may offer."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.all()
    if user.is_superuser:
        return users
    groups = [
        group for department in Department.objects.for_user(user) for group in department.groups
    ]
    return users.filter(Q(groups__in=groups) | Q(pk=user.pk)).distinct()


def instance_visible_to(user: AnyUser, instance: models.Model | None) -> bool:
    """A page of the user's departments, a row they own, or anything that belongs to no department."""
    if instance is None:
        return False
    if user.is_superuser:
        return True
    if isinstance(instance, Page):
        return page_visible_to(user, instance.pk)
    if "department" in {f.name for f in instance._meta.get_fields()}:
        return row_visible_to(user, type(instance), str(instance.pk))
    return True


def translation_visible_to(user: AnyUser, view_kwargs: dict) -> bool:
    """wagtail-localize's editor URLs name a translation or a translation source, not the object:
    resolve it, then apply the page / owned-row rules to the object it translates."""
    from django.apps import apps

    from wagtail_localize.models import Translation, TranslationSource

    source = None
    if "translation_id" in view_kwargs:
        translation = Translation.objects.filter(pk=view_kwargs["translation_id"]).first()
        source = translation.source if translation else None
        if source is None:
            return False
    elif "translation_source_id" in view_kwargs:
        source = TranslationSource.objects.filter(pk=view_kwargs["translation_source_id"]).first()
        if source is None:
            return False
    if source is not None:
        try:
            return instance_visible_to(user, source.get_source_instance())
        except models.ObjectDoesNotExist:
            return False
    if {"app_label", "model_name", "pk"} <= view_kwargs.keys():
        try:
            model = apps.get_model(view_kwargs["app_label"], view_kwargs["model_name"])
        except LookupError:
            return False
        instance = model._default_manager.filter(pk=view_kwargs["pk"]).first()
        return instance_visible_to(user, instance)
    return True


def sites_visible_to(user: AnyUser) -> QuerySet:
    from wagtail.models import Site

    if user.is_superuser:
        return Site.objects.all()
    return Site.objects.filter(department__in=Department.objects.for_user(user))
