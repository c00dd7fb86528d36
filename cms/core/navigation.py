"""The site's navigation, read by the header menu and by the API's `menu` alike."""

from wagtail.models import Page, PageQuerySet


def site_sections(home: Page) -> PageQuerySet:
    """The sections of a site: the live, public children of its (localized) home page."""
    return home.get_children().live().public()
