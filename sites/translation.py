"""Make and sync page translations with wagtail-localize, from code."""

from django.utils import translation

from wagtail.models import DraftStateMixin, Locale, Page, TranslatableMixin
from wagtail_localize.models import Translation, TranslationSource


def sync_translation(
    page: TranslatableMixin, locale: Locale, strings: dict[str, str]
) -> TranslatableMixin:
    """Bring the translation of `page` (or any translatable model) into `locale` up to date
    through wagtail-localize, published, and return it as its own class.

    `strings` maps a segment to its translation, keyed by the segment's
    context path ("title", "slug", …) or by its source text; segments left
    out keep the translation they had, or the source text.
    """
    source, created = TranslationSource.get_or_create_from_instance(page)
    if not created:
        source.update_from_db()
    job, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    po = job.export_po()
    for entry in po:
        text = strings.get(entry.msgctxt) or strings.get(entry.msgid)
        if text:
            entry.msgstr = text
    job.import_po(po)
    if not isinstance(page, DraftStateMixin):  # saved as it is, live at once (a local note)
        job.save_target(publish=True)
        return type(page)._default_manager.get(pk=page.get_translation(locale).pk)
    with translation.override(locale.language_code):
        # wagtail-localize defers publishing to transaction.on_commit with the page it held,
        # whose tree fields (numchild) are stale by then inside a longer transaction;
        # save a draft and publish it now instead.
        job.save_target(publish=False)
        target = page.get_translation(locale)
        target.get_latest_revision().publish()
    return type(page)._default_manager.get(pk=target.pk)


def translate_page(page: Page, locale: Locale, strings: dict[str, str]) -> Page:
    """Create `page`'s translation into `locale`, or return the one that exists untouched."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing
    return sync_translation(page, locale, strings)
