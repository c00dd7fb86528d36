"""ASCII slugs with their letters kept, in the admin's slug field, on every save and for
translations: "Cảng Cát Lái" -> `cang-cat-lai`, "Đồng Nai" -> `dong-nai`.

- The admin's slug field (every `models.SlugField` in a Wagtail admin form: pages, snippets)
  folds as you type: Wagtail's `w-slug` controller runs the field's *formatters* before its
  own slugify/urlify, and the formatters are the server's own folding table
  (`sites.text.folding_classes`). On the server the form field folds what is posted.
- `settle_slug(page)` (run by `BasePage.full_clean`/`minimal_clean`, so admin, API writes,
  imports, wagtail-localize and the demo all pass through it) folds any slug given, makes an
  empty slug from the title, and gives a translation whose slug is still the source's (no
  translator set one) a slug made from its translated title.
- `slug_repairs()` finds stored slugs that broke those rules (the `repair_slugs` command).
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.db import models
from django.utils.text import slugify as django_slugify

from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets.slug import SlugInput
from wagtail.coreutils import find_available_slug
from wagtail.models import Page
from wagtail.query import PageQuerySet

from sites.text import NUMBERED_SLUG, ascii_slugify, fold_slug, folding_classes, is_lossy_slug


class AsciiSlugFormField(forms.SlugField):
    """A slug form field that folds what is typed or posted instead of refusing it."""

    def to_python(self, value):
        return fold_slug(super().to_python(value))


def ascii_slug_input(**kwargs) -> SlugInput:
    """Wagtail's slug widget, folding Vietnamese letters in the browser as the server does."""
    return SlugInput(formatters=folding_classes(), **kwargs)


def register_ascii_slug_fields() -> None:
    """Every SlugField of a Wagtail admin form folds, in the browser and on the server."""
    register_form_field_override(
        models.SlugField,
        override={"form_class": AsciiSlugFormField, "widget": ascii_slug_input()},
    )


# --- the slug a page should have ----------------------------------------------------------


def parent_of(page: Page) -> Page | None:
    """The page's parent when it is known (saved in the tree, or being added under one)."""
    if page.path:
        return page.get_parent()
    # Set by Wagtail's create view and `add_child` before the page has a path.
    return getattr(page, "_cached_parent_obj", None)


def translation_source(page: Page) -> Page | None:
    """The page `page` was translated from, or None when it is not a translation.

    The source is the page of the same translation key in the locale wagtail-localize
    translated from; without a record of that, the default locale's page.
    """
    from wagtail.models import Locale
    from wagtail_localize.models import TranslationSource

    if not page.translation_key or not page.locale_id:
        return None
    source_locale_id = (
        TranslationSource.objects.filter(object_id=page.translation_key)
        .values_list("locale_id", flat=True)
        .first()
    )
    if source_locale_id is None:
        default = Locale.get_default()
        source_locale_id = default.pk if default else None
    if source_locale_id is None or source_locale_id == page.locale_id:
        return None
    return (
        Page.objects.filter(translation_key=page.translation_key, locale_id=source_locale_id)
        .only("slug", "title")
        .first()
    )


def translator_slug(page: Page) -> str | None:
    """The slug a translator gave `page` in wagtail-localize's editor, as they typed it."""
    from wagtail_localize.models import StringTranslation

    return (
        StringTranslation.objects.filter(
            context__object_id=page.translation_key,
            context__path="slug",
            locale_id=page.locale_id,
        )
        .values_list("data", flat=True)
        .first()
    )


def translator_set_slug(page: Page) -> bool:
    """Whether a translator translated the slug segment of `page` in wagtail-localize."""
    return translator_slug(page) is not None


def same_base(slug: str, base: str) -> bool:
    """`slug` is `base`, or `base` numbered for uniqueness (`base-2`)."""
    numbered = NUMBERED_SLUG.match(slug)
    return base in (slug, numbered["base"] if numbered else None)


def is_site_home(page: Page) -> bool:
    """A site's root page or a translation of one: its slug is in no URL."""
    return bool(page.depth and page.depth <= 2) or (page.pk is not None and page.is_site_root())


def inherits_source_slug(page: Page, slug: str, source: Page | None) -> bool:
    """Whether `slug` is the source page's slug (maybe numbered) on a translation whose own
    title says something else, with no slug set by a translator."""
    if source is None or not slug or is_site_home(page):
        return False
    if not same_base(slug, source.slug):
        return False
    own = ascii_slugify(page.title)
    return bool(own) and own != ascii_slugify(source.title) and not translator_set_slug(page)


def available_slug(page: Page, base: str) -> str:
    parent = parent_of(page)
    if parent is None:
        return base
    return find_available_slug(parent, base, ignore_page_id=page.pk)


def settle_slug(page: Page) -> None:
    """Give `page` the ASCII slug it should have before it is validated and saved."""
    if page.slug:
        page.slug = fold_slug(page.slug)
    if not page.slug:
        base = ascii_slugify(page.title or "")
        if base:
            page.slug = available_slug(page, base)
        return
    source = translation_source(page)
    if source is not None and not is_site_home(page):
        typed = translator_slug(page)
        # wagtail-localize slugifies what the translator typed with Django's slugify, which
        # drops "đ": fold it instead.
        if typed and typed != page.slug and same_base(page.slug, django_slugify(typed)):
            page.slug = available_slug(page, ascii_slugify(typed))
            return
    if not inherits_source_slug(page, page.slug, source):
        return
    # wagtail-localize writes the source's slug back on every sync: a translation keeps the
    # slug it was given from its own title, and gets one when it has none yet.
    stored = (
        Page.objects.filter(pk=page.pk).values_list("slug", flat=True).first() if page.pk else None
    )
    if stored and not inherits_source_slug(page, stored, source):
        page.slug = stored
    else:
        page.slug = available_slug(page, ascii_slugify(page.title))


# --- repairing stored slugs -----------------------------------------------------------------


@dataclass
class SlugRepair:
    page: Page
    old_slug: str
    wanted: str
    reason: str


def slug_repairs(pages: PageQuerySet) -> list[SlugRepair]:
    """The pages among `pages` whose slug is not what their title gives, in tree order:
    translations still carrying their source's slug, and slugs that lost letters."""
    repairs = []
    for page in pages.exclude(depth__lte=2).order_by("path").specific(defer=True):
        if is_site_home(page):
            continue
        wanted = ascii_slugify(page.title)
        if not wanted or page.slug == wanted:
            continue
        if inherits_source_slug(page, page.slug, translation_source(page)):
            repairs.append(SlugRepair(page, page.slug, wanted, "source"))
        elif is_lossy_slug(page.title, page.slug):
            repairs.append(SlugRepair(page, page.slug, wanted, "lossy"))
    return repairs
