"""One rule for every reference a department's object holds: its own things, or shared ones.

A department's pages, its rows (`sites.models.DepartmentOwned`) and its site settings may refer
only to pages, images, documents and rows of the same department, and to what is deliberately
shared: objects that belong to no department (the library's procedures and legal documents,
tags, locales, users) and the images and documents of the shared library collection
(`sites.provisioning.SHARED_LIBRARY_COLLECTION`, HQ's, which every site may use). The rule is
symmetric: HQ's objects may not refer to a department's either. Superusers get no exception:
this is about what the data says, not who typed it.

References are read generically, for any model, as Wagtail's reference index reads them: forward
foreign keys, many-to-many fields (ParentalManyToManyField too), every field that can
`extract_references` (StreamField chooser blocks at any depth, RichTextField and RichTextBlock
page and document links and image embeds) and the same in clusterable child objects
(orderables, inline panels).

Who owns what:
- a page: the department whose tree (in any language) contains it;
- an image or document (any `CollectionMember`): the department whose collection contains it
  (itself or a descendant); shared when the shared library collection does;
- a `DepartmentOwned` row: its department;
- an object of any other model: nobody, so every department may refer to it.
An id that names nothing is refused like another department's object, with the same words:
the message must not tell an editor whether someone else's object exists.

Two entry points run the rule:
- `ReferencesChecked.clean()` on models (full_clean, save, save_revision, API writes, imports);
- `ReferencesCheckedForm.clean()` in admin forms, on the values the form is about to save
  (child formsets included), with the error on the offending field.
Content apps join by subclassing: `ReferencesChecked` for the model (with `reference_owner`),
`ReferencesCheckedForm` for its admin form. `manage.py check_references` reports what is
already stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from django import forms
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel, get_all_child_relations
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.models import Collection, CollectionMember, Page

if TYPE_CHECKING:
    from sites.models import Department

    # What `ReferencesChecked` extends, for `super()`: a model, mostly Wagtail's (pages,
    # snippets, settings), which has no type information. As `models.Model` the Django plugin
    # would read every page as a model whose modelcluster relations it cannot resolve, so the
    # mixin is as untyped as they are.
    _Model: Any = models.Model
else:
    _Model = object

PAGE, MEDIA, ROW = "page", "media", "row"
SHARED = "shared"
# What `Ownership` reads owners by: PAGE and a page's id, or a model and its row's id.
TargetKey = tuple[type[models.Model] | str, str]

REFUSED = _(
    "%(kind)s %(id)s belongs neither to %(department)s nor to the shared library: "
    "choose one of the department's own."
)
MALFORMED = _("A link or embedded item here names no object: remove it or choose it again.")
ELSEWHERE = _("%(field)s: %(reason)s")


@dataclass(frozen=True)
class Reference:
    """One object a source refers to, and where: `field` is the source's own field or child
    relation holding it, `path` goes down to the child object's field (for reports)."""

    field: str
    path: str
    model: type[models.Model] | None  # None: a rich-text link or embed without an id
    pk: str

    @property
    def kind_label(self) -> str:
        if self.model is None:
            return ""
        model = Page if _kind(self.model) == PAGE else self.model
        return capfirst(str(model._meta.verbose_name))


def _kind(model: type[models.Model]) -> str | None:
    from sites.models import DepartmentOwned  # sites.models builds on this module

    if issubclass(model, Page):
        return PAGE
    if issubclass(model, CollectionMember):
        return MEDIA
    if issubclass(model, DepartmentOwned):
        return ROW
    return None


@cache
def _plan(model: type[models.Model]) -> tuple[tuple[models.Field, ...], tuple[str, ...]]:
    """The fields of `model` that may hold references to owned objects, and the child
    relations whose objects may (read once per model)."""
    fields = []
    for field in [*model._meta.fields, *model._meta.many_to_many]:
        if hasattr(field, "extract_references"):
            fields.append(field)
        elif (
            field.is_relation
            and field.related_model is not None
            and not isinstance(field, ParentalKey)
            and not getattr(field.remote_field, "parent_link", False)
            and _kind(field.related_model) is not None
        ):
            fields.append(field)
    children = []
    if issubclass(model, ClusterableModel):
        for relation in get_all_child_relations(model):
            child_fields, grandchildren = _plan(relation.related_model)
            if child_fields or grandchildren:
                children.append(relation.get_accessor_name())
    return tuple(fields), tuple(children)


def _value(instance: models.Model, field: models.Field) -> Any:
    if field.many_to_many:
        return field.value_from_object(instance)
    if field.is_relation:
        return getattr(instance, field.attname)
    return field.value_from_object(instance)


def _targets(field: models.Field, value: Any) -> Iterator[tuple[type[models.Model] | None, str]]:
    """(model, primary key) of each object `value` of `field` refers to."""
    if value is None:
        return
    if hasattr(field, "extract_references"):
        try:
            found = [(model, str(pk)) for model, pk, _m, _c in field.extract_references(value)]
        except KeyError:  # a rich-text <a linktype="…"> or <embed> without its id
            found = [(None, "")]
        yield from found
    elif field.many_to_many:
        for item in value:
            yield field.related_model, str(getattr(item, "pk", item))
    else:
        yield field.related_model, str(getattr(value, "pk", value))


def _inside(relation: str, reference: Reference) -> Reference:
    """A child object's reference, as its parent holds it (in the child relation)."""
    return Reference(relation, f"{relation}.{reference.path}", reference.model, reference.pk)


def references_of(instance: models.Model) -> Iterator[Reference]:
    """Every reference to an owned kind of object that `instance` holds, its children's too."""
    fields, children = _plan(type(instance))
    for field in fields:
        for model, pk in _targets(field, _value(instance, field)):
            yield Reference(field.name, field.name, model, pk)
    for relation in children:
        for child in getattr(instance, relation).all():
            for reference in references_of(child):
                yield _inside(relation, reference)


class Ownership:
    """Who owns pages, images, documents and rows, read in a few queries per batch."""

    def __init__(self) -> None:
        from sites.models import Department
        from sites.provisioning import SHARED_LIBRARY_COLLECTION

        self.departments = {d.pk: d for d in Department.objects.select_related("collection")}
        self.homes = [
            (path, department)
            for department in self.departments.values()
            for _locale, path in department.home_paths()
        ]
        self.collections: list[tuple[str, Department | str]] = [
            (department.collection.path, department) for department in self.departments.values()
        ]
        shared = Collection.objects.filter(depth=2, name=SHARED_LIBRARY_COLLECTION).first()
        if shared is not None:
            self.collections.append((shared.path, SHARED))
        self.targets: dict[TargetKey, Department | str | None] = {}

    def of_path(self, path: str) -> Department | None:
        """The department whose tree holds the page at `path`."""
        for home, department in self.homes:
            if path.startswith(home):
                return department
        return None

    def of_page(self, page: Page) -> Department | None:
        """The department of a page in the tree (None before it is added to the tree)."""
        if not page.path:
            return None
        owner = self.of_path(page.path)
        if owner is None and page.depth == 2:
            # A new translation of a home page is not among the home paths until it is saved.
            found = Page.objects.filter(
                translation_key=page.translation_key, sites_rooted_here__department__isnull=False
            ).values_list("sites_rooted_here__department", flat=True)
            department_id = next(iter(found), None)
            owner = self.departments.get(department_id) if department_id is not None else None
        return owner

    def of_collection_path(self, path: str | None) -> Department | str | None:
        for prefix, owner in self.collections:
            if path and path.startswith(prefix):
                return owner
        return None

    @staticmethod
    def _key(model: type[models.Model], pk: str) -> TargetKey:
        return (PAGE if _kind(model) == PAGE else model, pk)

    def resolve(self, references: Iterable[Reference]) -> None:
        """Read the owners of the targets not read yet (a query per kind of target)."""
        wanted: dict[type[models.Model] | str, set[int]] = {}
        for reference in references:
            if reference.model is None or _kind(reference.model) is None:
                continue
            key = self._key(reference.model, reference.pk)
            if key in self.targets:
                continue
            self.targets[key] = None  # until found: an id that names nothing owns nothing
            if reference.pk.isascii() and reference.pk.isdigit() and len(reference.pk) < 19:
                wanted.setdefault(key[0], set()).add(int(reference.pk))
        for group, ids in wanted.items():
            if isinstance(group, str):  # PAGE: every page type, read through Page
                for pk, path in Page.objects.filter(pk__in=ids).values_list("pk", "path"):
                    self.targets[(PAGE, str(pk))] = self.of_path(path)
            elif _kind(group) == MEDIA:
                rows = group._base_manager.filter(pk__in=ids).values_list("pk", "collection__path")
                for pk, path in rows:
                    self.targets[(group, str(pk))] = self.of_collection_path(path)
            else:
                rows = group._base_manager.filter(pk__in=ids).values_list("pk", "department_id")
                for pk, department_id in rows:
                    self.targets[(group, str(pk))] = self.departments.get(department_id)

    def target_owner(self, reference: Reference) -> Department | str | None:
        """The target's department, `SHARED`, or None (nobody's, or no such object)."""
        if reference.model is None:
            return None
        self.resolve([reference])
        return self.targets[self._key(reference.model, reference.pk)]

    def allows(self, owner: Department, reference: Reference) -> bool:
        if reference.model is None:
            return False
        if _kind(reference.model) is None:
            return True
        target = self.target_owner(reference)
        if isinstance(target, str):
            return target == SHARED
        return target is not None and target.pk == owner.pk


def refusal(owner: Department, reference: Reference) -> str:
    """Why `reference` may not be saved, in the current language."""
    if reference.model is None:
        return str(MALFORMED)
    return str(REFUSED) % {
        "kind": reference.kind_label,
        "id": reference.pk,
        "department": owner.localized_name(get_language() or "vi"),
    }


def field_label(model: type[models.Model], name: str) -> str:
    """The editor's name of a field or child relation of `model`."""
    field = model._meta.get_field(name)
    if field.auto_created and field.related_model is not None:
        return capfirst(str(field.related_model._meta.verbose_name_plural))
    return capfirst(str(getattr(field, "verbose_name", name)))


def reference_errors(instance: ReferencesChecked) -> dict[str, list[ValidationError]]:
    """The refused references of `instance` by field (empty when its owner is not known yet)."""
    owner = instance.reference_owner()
    if owner is None:
        return {}
    references = list(references_of(instance))
    ownership = Ownership()
    ownership.resolve(references)
    errors: dict[str, list[ValidationError]] = {}
    for reference in references:
        if not ownership.allows(owner, reference):
            message = refusal(owner, reference)
            messages = errors.setdefault(reference.field, [])
            if all(message != error.message for error in messages):
                messages.append(ValidationError(message, code="foreign_reference"))
    return errors


# Instances whose admin form is validating them: the form judges their references itself,
# from the values it is about to save (its child formsets' too), not from the stale ones.
_checked_by_form: ContextVar[tuple[int, ...]] = ContextVar("references_checked_by_form", default=())


class ReferencesChecked(_Model):
    """Model mixin: `clean()` refuses references to another department's objects.

    Subclasses say whose references they are with `reference_owner()`; their admin forms
    build on `ReferencesCheckedForm`.
    """

    def reference_owner(self) -> Department | None:
        """The department the object belongs to; None while that is not known yet."""
        raise NotImplementedError

    def clean(self) -> None:
        errors: dict[str, list] = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if id(self) not in _checked_by_form.get():
            for field, messages in reference_errors(self).items():
                errors.setdefault(field, []).extend(messages)
        if errors:
            raise ValidationError(errors)


def _form_references(
    form: forms.BaseModelForm,
) -> Iterator[tuple[forms.BaseModelForm, str | None, Reference]]:
    """(form, form field or None, reference) for what `form` is about to save."""
    instance: models.Model = form.instance
    fields, children = _plan(type(instance))
    for field in fields:
        if field.name in form.fields:
            if field.name not in form.cleaned_data:
                continue  # refused by the field itself
            value, key = form.cleaned_data[field.name], field.name
        else:
            value, key = _value(instance, field), None
        for model, pk in _targets(field, value):
            yield form, key, Reference(field.name, field.name, model, pk)
    formsets = getattr(form, "formsets", {})
    for relation in children:
        formset = formsets.get(relation)
        if formset is None:
            for child in getattr(instance, relation).all():
                for reference in references_of(child):
                    yield form, None, _inside(relation, reference)
            continue
        formset.is_valid()
        for child_form in formset.forms:
            data = getattr(child_form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            for owner_form, key, reference in _form_references(child_form):
                yield owner_form, key, _inside(relation, reference)


class ReferencesCheckedForm(WagtailAdminModelForm):
    """Admin form mixin for `ReferencesChecked` models: refuses, on the field that holds it,
    any reference the form would save to another department's object.

    Subclasses whose owner comes from the form (a new page's parent, a chosen department)
    override `reference_owner()`.
    """

    instance: Any
    cleaned_data: dict

    def reference_owner(self) -> Department | None:
        return self.instance.reference_owner()

    def full_clean(self) -> None:
        token = _checked_by_form.set((*_checked_by_form.get(), id(self.instance)))
        try:
            super().full_clean()
        finally:
            _checked_by_form.reset(token)

    def clean(self) -> dict:
        cleaned_data = super().clean()
        owner = self.reference_owner()
        if owner is None:
            return cleaned_data
        found = list(_form_references(self))
        ownership = Ownership()
        ownership.resolve(reference for _form, _key, reference in found)
        given: set[tuple[int, str | None, str]] = set()
        for form, key, reference in found:
            if ownership.allows(owner, reference):
                continue
            message = refusal(owner, reference)
            if key is None:
                label = field_label(type(form.instance), reference.path.split(".")[0])
                message = str(ELSEWHERE) % {"field": label, "reason": message}
            if (id(form), key, message) not in given:
                given.add((id(form), key, message))
                form.add_error(key, message)
        return cleaned_data


class ReferencesCheckedModelForm(ReferencesCheckedForm, WagtailAdminModelForm):
    """The admin form of a `ReferencesChecked` snippet or setting."""


class ReferencesCheckedPageForm(ReferencesCheckedForm, WagtailAdminPageForm):
    """The admin form of every portal page: a new page belongs to its parent's department."""

    def reference_owner(self) -> Department | None:
        if self.instance.path:
            return self.instance.reference_owner()
        parent = getattr(self, "parent_page", None)
        return Ownership().of_path(parent.path) if parent is not None else None


def checked_models() -> list[type[ReferencesChecked]]:
    """Every installed model whose references the rule judges."""
    return [model for model in apps.get_models() if issubclass(model, ReferencesChecked)]


def stored_references(model: type[models.Model]) -> Iterator[tuple[models.Model, list[Reference]]]:
    """Each stored row of `model` (pages: of exactly that type) with its references."""
    rows = model._base_manager.order_by("pk")
    if issubclass(model, Page):
        rows = rows.filter(content_type=ContentType.objects.get_for_model(model))
    rows = rows.prefetch_related(*_plan(model)[1])
    for instance in rows.iterator(chunk_size=500):
        yield instance, list(references_of(instance))


def owner_of(instance: models.Model, ownership: Ownership) -> Department | None:
    """`instance.reference_owner()`, reading pages' departments from `ownership`."""
    if isinstance(instance, Page):
        return ownership.of_page(instance)
    if isinstance(instance, ReferencesChecked):
        return instance.reference_owner()
    return None  # a model the rule does not judge: nobody's
