"""Factory for department home pages (provisioning makes the real ones; tests may add more)."""

from wagtail.models import Page

from cms.core.factories import highlight_block, quick_link_block, raw_stream
from cms.home.models import HomePage


def home_page_factory(
    parent: Page | None = None, *, title: str = "Trang chủ", hero_image=None, **fields
) -> HomePage:
    """A published home page with a hero, one quick link and one highlight, under `parent`."""
    parent = parent or Page.get_first_root_node()
    fields.setdefault("hero_text", "Hải quan Việt Nam: chuyên nghiệp, minh bạch, hiệu quả.")
    fields.setdefault("quick_links", raw_stream([("link", quick_link_block())]))
    fields.setdefault("highlights", raw_stream([("highlight", highlight_block())]))
    page = HomePage(title=title, hero_image=hero_image, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page
