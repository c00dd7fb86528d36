"""What of the shared install a user's departments may see: one registry, asked by every admin queryset.

`visible_to(user, queryset)` narrows any queryset (or model) to the rows the user's departments
own, plus the rows every department shares (the library), by the scope registered for the
model or its nearest registered base class. Admin listings, choosers, chosen views, bulk
actions, the admin API, tag autocomplete, reports, the dashboard and history all take their rows
from it (see `sites.admin_scoped` and `sites.viewsets`), so a department's boundary is a
property of the data read, not of the URL that reads it.

A scope is two filters on the model: `owned(user)` (the user's departments' rows) and, optionally,
`shared()` (rows every department may see and choose). Log entries and tags are scoped by the
scopes of the objects they describe: a log entry is visible when its object is owned, a tag when
a visible object uses it. Models that belong to no department (locales, the library's
procedures) have no scope and stay install-wide; superusers see everything.

Content apps register their own models with `register_scope` (a `DepartmentOwned` model is
scoped by its `department` without registering anything); `sites` never imports them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, AnonymousUser, Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.http import Http404

from taggit.managers import TaggableManager
from taggit.models import TagBase
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import (
    Collection,
    ModelLogEntry,
    Page,
    PageLogEntry,
    Site,
    Task,
    Workflow,
)

from sites.models import Department, DepartmentAlias, DepartmentOwned

AnyUser = AbstractUser | AnonymousUser
NOTHING = Q(pk__in=[])


@dataclass(frozen=True)
class Scope:
    """How one model's rows divide between departments."""

    #: The rows of the user's departments (what their log entries and tags follow).
    owned: Callable[[AnyUser], Q]
    #: The rows every department may see as well (the shared library); None: none.
    shared: Callable[[], Q] | None = None


_scopes: dict[type[models.Model], Scope] = {}


def register_scope(
    model: type[models.Model],
    owned: Callable[[AnyUser], Q],
    shared: Callable[[], Q] | None = None,
) -> None:
    """Scope `model` and its subclasses (a subclass may register a narrower scope of its own)."""
    _scopes[model] = Scope(owned, shared)


def scope_for(model: type[models.Model]) -> Scope | None:
    """The scope registered for `model` or its nearest base class; None: install-wide."""
    for klass in model.__mro__:
        if klass in _scopes:
            return _scopes[klass]
    if issubclass(model, TagBase):
        return _tag_scope(model)
    return None


def visible_to(
    user: AnyUser, rows: QuerySet | type[models.Model], *, shared: bool = True
) -> QuerySet:
    """The rows of `rows` the user's departments own, plus the shared rows unless `shared=False`.

    The one entry point of admin isolation: anything listed, chosen, counted, acted on in bulk
    or served by the admin API passes through here. Anonymous and inactive users see nothing of
    a scoped model; superusers see everything.
    """
    queryset = rows if isinstance(rows, QuerySet) else rows._default_manager.all()
    if user.is_active and user.is_superuser:
        return queryset
    condition = scope_condition(user, queryset.model, shared=shared)
    return queryset if condition is None else queryset.filter(condition)


def scope_condition(user: AnyUser, model: type[models.Model], *, shared: bool = True) -> Q | None:
    """The filter `visible_to` applies to `model`; None when the model has no scope."""
    scope = scope_for(model)
    if scope is None:
        return None
    if not (user.is_authenticated and user.is_active):
        return NOTHING
    condition = scope.owned(user)
    if shared and scope.shared is not None:
        condition |= scope.shared()
    return condition


#: Primary keys are 64-bit signed integers on every database the portal supports.
LARGEST_PK = 2**63 - 1


def primary_keys(model: type[models.Model], values: Iterable[object]) -> list:
    """The ids a request names (`?id=…`, a chosen view's pk) as `model`'s primary keys.

    Anything that is not one — `abc`, an integer past 64 bits, a NUL byte — is not found (404),
    never a database error: admin views hand these ids straight to a query.
    """
    field = model._meta.pk
    keys = []
    for value in values:
        try:
            key = field.to_python(value)
        except (ValidationError, TypeError, ValueError) as error:
            raise Http404 from error
        if key is None or (isinstance(key, int) and not 0 < key <= LARGEST_PK):
            raise Http404
        keys.append(key)
    return keys


def owned_by(user: AnyUser, model: type[models.Model]) -> QuerySet:
    """The user's departments' own rows of `model` (no shared rows): what their history covers."""
    return visible_to(user, model, shared=False)


# --- The scopes of Wagtail's and Django's models ------------------------------------------------


def _departments(user: AnyUser) -> QuerySet[Department]:
    return Department.objects.for_user(user)


def _pages(user: AnyUser) -> Q:
    """Every locale of the user's departments' trees."""
    condition = NOTHING
    for department in _departments(user).select_related("site"):
        condition |= department.tree_condition()
    return condition


def _collection_trees(collections: QuerySet[Collection]) -> Q:
    """The collections and their descendants (Wagtail's permissions hold for child collections)."""
    condition = NOTHING
    for path in collections.values_list("path", flat=True):
        condition |= Q(path__startswith=path)
    return condition


def _own_collections(user: AnyUser) -> Q:
    return _collection_trees(Collection.objects.filter(department__in=_departments(user)))


def _library_collections() -> Q:
    from sites.provisioning import SHARED_LIBRARY_COLLECTION

    root = Collection.get_first_root_node()
    if root is None:
        return NOTHING
    return _collection_trees(root.get_children().filter(name=SHARED_LIBRARY_COLLECTION))


def _in_collections(condition: Callable[..., Q]) -> Callable[..., Q]:
    def member_condition(*args: AnyUser) -> Q:
        return Q(collection__in=Collection.objects.filter(condition(*args)))

    return member_condition


def _groups(user: AnyUser) -> QuerySet[Group]:
    departments = _departments(user)
    return Group.objects.filter(
        Q(department_as_editors__in=departments)
        | Q(department_as_moderators__in=departments)
        | Q(department_as_site_admins__in=departments)
    )


def _people(user: AnyUser) -> Q:
    """The people of the user's departments, and the user."""
    members = get_user_model().objects.filter(groups__in=_groups(user)).values("pk")
    return Q(pk__in=members) | Q(pk=user.pk)


def _workflows(user: AnyUser) -> Q:
    return Q(department__in=_departments(user))


def _tasks(user: AnyUser) -> Q:
    workflows = Workflow.objects.filter(_workflows(user))
    return Q(pk__in=Task.objects.filter(workflow_tasks__workflow__in=workflows).values("pk"))


def _page_log_entries(user: AnyUser) -> Q:
    return Q(page__in=Page.objects.filter(_pages(user)).values("pk"))


def _model_log_entries(user: AnyUser) -> Q:
    """Entries about rows the user's departments own, of every scoped model; none of others."""
    condition = NOTHING
    for model in apps.get_models():
        # Pages are logged in PageLogEntry; tags and log entries are not logged.
        if issubclass(model, (Page, TagBase, ModelLogEntry, PageLogEntry)):
            continue
        if scope_for(model) is None:
            continue
        pks = owned_by(user, model).annotate(logged_pk=Cast("pk", CharField())).values("logged_pk")
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        condition |= Q(content_type=content_type, object_id__in=pks)
    return condition


def _tagged_fields(tag_model: type[TagBase]) -> list[tuple[type[models.Model], str]]:
    """(model, field name) of every taggable field whose tags are `tag_model` rows."""
    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, TaggableManager) and issubclass(field.related_model, tag_model)
    ]


def _tag_scope(tag_model: type[TagBase]) -> Scope:
    """A tag belongs to the departments whose objects use it; the shared objects' tags to all."""

    def used_by(rows: Callable[[type[models.Model]], QuerySet]) -> Q:
        condition = NOTHING
        for model, name in _tagged_fields(tag_model):
            condition |= Q(pk__in=rows(model).values(name))
        return condition

    def owned(user: AnyUser) -> Q:
        return used_by(lambda model: visible_to(user, model, shared=False))

    def shared() -> Q:
        def shared_rows(model: type[models.Model]) -> QuerySet:
            scope = scope_for(model)
            if scope is None:  # install-wide objects: their tags are everyone's
                return model._default_manager.all()
            return model._default_manager.filter(scope.shared() if scope.shared else NOTHING)

        return used_by(shared_rows)

    return Scope(owned, shared)


register_scope(Page, _pages)
register_scope(Collection, _own_collections, _library_collections)
register_scope(
    AbstractImage, _in_collections(_own_collections), _in_collections(_library_collections)
)
register_scope(
    AbstractDocument, _in_collections(_own_collections), _in_collections(_library_collections)
)
register_scope(DepartmentOwned, lambda user: Q(department__in=_departments(user)))
register_scope(Department, lambda user: Q(pk__in=_departments(user).values("pk")))
register_scope(DepartmentAlias, lambda user: Q(department__in=_departments(user)))
register_scope(Site, lambda user: Q(department__in=_departments(user)))
register_scope(BaseSiteSetting, lambda user: Q(site__department__in=_departments(user)))
register_scope(get_user_model(), _people)
register_scope(Group, lambda user: Q(pk__in=_groups(user).values("pk")))
register_scope(Workflow, _workflows)
register_scope(Task, _tasks)
register_scope(PageLogEntry, _page_log_entries)
register_scope(ModelLogEntry, _model_log_entries)
