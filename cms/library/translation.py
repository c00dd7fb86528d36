"""Publishing library snippets and their translations from code (import, demo, tests)."""

from __future__ import annotations

from wagtail.models import Locale, RevisionMixin, TranslatableMixin

from sites.translation import sync_translation


def publish(instance: RevisionMixin, m2m: dict[str, list] | None = None) -> RevisionMixin:
    """Save `instance` and its many-to-many values, then publish that as a new revision."""
    for name, values in (m2m or {}).items():
        getattr(instance, name).set(values)  # parental: held in memory until save()
    instance.save()
    instance.save_revision().publish()
    return instance


def publish_translation(
    source: TranslatableMixin,
    locale: Locale,
    fields: dict[str, object],
    m2m: dict[str, list] | None = None,
) -> TranslatableMixin:
    """Create or update `source`'s translation into `locale` with `fields`, and publish it."""
    target = source.get_translation_or_none(locale)
    if target is None:
        target = source.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(target, name, value)
    return publish(target, m2m)


def sync_with_localize(
    source: TranslatableMixin, locale: Locale, strings: dict[str, str]
) -> TranslatableMixin:
    """Bring `source`'s translation up to date through wagtail-localize, as its editor UI does.

    `strings` maps a segment's source text (or context path) to its translation;
    segments left out keep their previous translation.
    """
    return sync_translation(source, locale, strings)
