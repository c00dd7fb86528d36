"""Admin hooks of the core app."""

from django.utils.html import format_html

from wagtail import hooks
from wagtail.admin.staticfiles import versioned_static

from .slugs import ascii_slug_input


@hooks.register("insert_editor_js")
def fold_every_slug_field() -> str:
    """Wagtail's copy-page form builds its own slug widget: give it the same folding table."""
    table = ascii_slug_input().attrs["data-w-slug-formatters-value"]
    return format_html(
        '<script src="{}" data-formatters="{}"></script>',
        versioned_static("core/js/slug_folding.js"),
        table,
    )
