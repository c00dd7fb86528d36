"""How a department's own rows follow it when it is merged: one registry, declared by the apps.

Rows that refer to a `Department` by a foreign key move to the department they are merged
into, unless their app says otherwise. A row may collide with one the target already has
(a unique constraint over the department and other fields: one popular-query row per day,
one local note per procedure): the app declares how the two become one — counters added or
the larger kept, text appended — in its AppConfig.ready():

    register_merge_rule("portal_search.PopularQuery", add=("hits",))

A model with such a constraint and no rule makes a merge that would collide refuse to run.
`sites` never imports content apps; they name their models by label.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db import models


@dataclass(frozen=True)
class MergeRule:
    model: str
    #: False: the rows stay with the merged department (a history that must not be rewritten).
    follow: bool = True
    #: On a collision, the source row's value is added to the target row's.
    add: tuple[str, ...] = ()
    #: On a collision, the target row keeps the larger value.
    maximum: tuple[str, ...] = ()
    #: On a collision, the source row's text is appended to the target row's.
    append: tuple[str, ...] = ()
    #: On a collision, the target row stays as it is and the source row goes (listed in the
    #: report): e.g. a year's targets, a hidden alert both departments had hidden.
    keep_target: bool = False

    @property
    def resolves_collisions(self) -> bool:
        return bool(self.add or self.maximum or self.append or self.keep_target)

    def combine(self, source: models.Model, target: models.Model, source_name: str) -> list[str]:
        """Fold `source` into `target` (in memory); the names of the fields changed."""
        changed = []
        for name in self.add:
            setattr(target, name, (getattr(target, name) or 0) + (getattr(source, name) or 0))
            changed.append(name)
        for name in self.maximum:
            setattr(target, name, max(getattr(target, name) or 0, getattr(source, name) or 0))
            changed.append(name)
        for name in self.append:
            extra = (getattr(source, name) or "").strip()
            if extra:
                own = (getattr(target, name) or "").rstrip()
                setattr(target, name, f"{own}\n\n{source_name}:\n{extra}".strip())
                changed.append(name)
        return changed


_rules: dict[str, MergeRule] = {}


def register_merge_rule(model: str, **options) -> None:
    """Declare how rows of `model` ("app_label.ModelName") follow a merged department."""
    _rules[model.lower()] = MergeRule(model, **options)


def rule_for(model: type[models.Model]) -> MergeRule | None:
    return _rules.get(model._meta.label_lower)


def department_foreign_keys() -> list[models.ForeignKey]:
    """Every many-to-one reference to a department (not the department's own one-to-ones)."""
    department = apps.get_model("departments", "Department")
    return [
        relation.field
        for relation in department._meta.get_fields(include_hidden=True)
        if isinstance(relation, models.ManyToOneRel)
        and not isinstance(relation, models.OneToOneRel)
        and isinstance(relation.field, models.ForeignKey)
    ]


def colliding_fields(model: type[models.Model], field_name: str) -> list[tuple[str, ...]]:
    """The other fields of each unique constraint over `field_name` (a row's clash key)."""
    keys = []
    for constraint in model._meta.constraints:
        if (
            isinstance(constraint, models.UniqueConstraint)
            and constraint.condition is None
            and field_name in constraint.fields
        ):
            keys.append(tuple(name for name in constraint.fields if name != field_name))
    for together in model._meta.unique_together:
        if field_name in together:
            keys.append(tuple(name for name in together if name != field_name))
    return keys
