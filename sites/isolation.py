"""Checks of single objects for the admin hooks and the tenant guard (`sites.middleware`).

Every answer comes from the one scoping registry, `sites.scoping.visible_to`;
superusers (platform admins) see everything.
"""

from django.contrib.admin.utils import unquote
from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404

from wagtail.models import Collection, Page

from sites.scoping import primary_keys, scope_condition, scope_for, visible_to

AnyUser = AbstractUser | AnonymousUser


def department_pages_filter(user: AnyUser) -> Q:
    """A filter on Page for the trees (every locale) of the user's departments (superusers: all)."""
    if user.is_active and user.is_superuser:
        return Q()
    return scope_condition(user, Page) or Q()


def page_visible_to(user: AnyUser, page_id: int | str) -> bool:
    """The tree root (a chooser's starting point) and the user's departments' pages."""
    pages = Page.objects.filter(pk=page_id)
    return pages.filter(depth=1).exists() or visible_to(user, pages).exists()


def collections_visible_to(user: AnyUser) -> QuerySet[Collection]:
    """The user's departments' collections with their child collections, and the library's."""
    return visible_to(user, Collection)


def object_visible_to(user: AnyUser, model: type[models.Model], pk: int | str) -> bool:
    """Whether the row `pk` of `model` exists and is the user's departments' or shared
    (a `pk` that cannot be one of the model's keys is not found: Http404)."""
    (key,) = primary_keys(model, [pk])
    return visible_to(user, model._default_manager.filter(pk=key)).exists()


_department_owned_namespaces: dict[str, type[models.Model]] = {}


def register_department_owned_namespace(namespace: str, model: type[models.Model]) -> None:
    """Admin URLs under `namespace` whose `pk` names a row of `model` are guarded per department."""
    _department_owned_namespaces[namespace] = model


def department_owned_model_for(namespace: str) -> type[models.Model] | None:
    return _department_owned_namespaces.get(namespace)


def users_visible_to(user: AnyUser) -> QuerySet:
    """People of the user's departments (the user included): names a filter may offer."""
    from django.contrib.auth import get_user_model

    return visible_to(user, get_user_model())


def instance_visible_to(user: AnyUser, instance: models.Model | None) -> bool:
    """A page of the user's departments, a row they own, or anything that belongs to no department."""
    if instance is None:
        return False
    if user.is_superuser:
        return True
    if isinstance(instance, Page):
        return page_visible_to(user, instance.pk)
    return object_visible_to(user, type(instance), instance.pk)


def localize_target(view_kwargs: dict) -> tuple[type[models.Model] | None, object | None]:
    """The translatable snippet model and the key a wagtail-localize URL names, checked for
    everyone (platform admins too): an unknown model, a model that is not a translatable
    snippet, or a key that cannot be one of its keys is not found (Http404), never a query
    that fails. Translation and source ids are checked as keys of their models too."""
    from django.apps import apps

    from wagtail.models import TranslatableMixin
    from wagtail.snippets.models import get_snippet_models
    from wagtail_localize.models import Translation, TranslationSource

    for name, owner in (
        ("translation_id", Translation),
        ("translation_source_id", TranslationSource),
    ):
        if name in view_kwargs:
            primary_keys(owner, [view_kwargs[name]])
    if not {"app_label", "model_name"} <= view_kwargs.keys():
        return None, None
    try:
        model = apps.get_model(view_kwargs["app_label"], view_kwargs["model_name"])
    except (LookupError, ValueError) as error:
        raise Http404 from error
    if not issubclass(model, TranslatableMixin) or model not in get_snippet_models():
        raise Http404
    if "pk" not in view_kwargs:
        return model, None
    (key,) = primary_keys(model, [unquote(str(view_kwargs["pk"]))])
    return model, key


def translation_visible_to(user: AnyUser, view_kwargs: dict) -> bool:
    """wagtail-localize's editor URLs name a translation or a translation source, not the object:
    resolve it, then apply the page / owned-row rules to the object it translates."""
    from wagtail_localize.models import Translation, TranslationSource

    model, key = localize_target(view_kwargs)
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
    if model is not None:
        if key is None:
            # wagtail-localize's snippet listing API lists every row of the model, unscoped:
            # open for models every department shares (no scope) only.
            return scope_for(model) is None
        return instance_visible_to(user, model._default_manager.filter(pk=key).first())
    return True


def sites_visible_to(user: AnyUser) -> QuerySet:
    from wagtail.models import Site

    return visible_to(user, Site)
