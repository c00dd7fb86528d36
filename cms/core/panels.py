"""Admin panels whose HTML identifiers do not depend on the language that first drew them.

Wagtail names a tab (`#tab-promote`, `id="tab-label-promote"`) after its heading, and computes
the name once per process, in whatever language the first request had: after a Vietnamese
editor opened a page form first, every later editor, English ones included, got
`#tab-quang_ba`, and links, bookmarks and scripts naming `#tab-promote` broke. Here a group's
identifiers come from its untranslated headings, so they are the same for every editor in
every process.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy

from wagtail.admin.panels import ObjectList, Panel, TabbedInterface


class StableTabbedInterface(TabbedInterface):
    """Tabs named from their untranslated headings: content, promote, settings."""

    @cached_property
    def child_identifiers(self) -> list[str]:
        with translation.override(None):
            return list(super().child_identifiers)


def page_edit_handler(page_class: Any) -> Panel:
    """Wagtail's default page form (content, promote and settings tabs) with stable tab names."""
    if hasattr(page_class, "edit_handler"):
        return page_class.edit_handler
    tabs = [
        ObjectList(panels, heading=heading)
        for panels, heading in (
            (page_class.content_panels, gettext_lazy("Content")),
            (page_class.promote_panels, gettext_lazy("Promote")),
            (page_class.settings_panels, gettext_lazy("Settings")),
        )
        if panels
    ]
    return StableTabbedInterface(tabs, base_form_class=page_class.base_form_class)
