"""Factories for standard, contact and leaflet pages (add and publish under a parent)."""

from wagtail.models import Page

from cms.standard.models import ContactPage, ContactUnit, LeafletFile, LeafletPage, StandardPage


def _publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def standard_page_factory(parent: Page, *, title: str = "Giới thiệu", **fields) -> StandardPage:
    return _publish(parent, StandardPage(title=title, **fields))


def contact_page_factory(
    parent: Page,
    *,
    title: str = "Liên hệ",
    units: tuple[tuple[str, str], ...] = (("Chi cục Hải quan cửa khẩu", "028 3829 0000"),),
    **fields,
) -> ContactPage:
    fields.setdefault("address", "2 Hàm Nghi, Quận 1, TP. Hồ Chí Minh")
    fields.setdefault("phone", "028 3829 1234")
    fields.setdefault("hotline", "1900 9299")
    page = ContactPage(title=title, **fields)
    page.units = [ContactUnit(name=name, phone=phone) for name, phone in units]
    return _publish(parent, page)


def leaflet_page_factory(parent: Page, *, title: str = "Tờ rơi", **fields) -> LeafletPage:
    return _publish(parent, LeafletPage(title=title, **fields))


def leaflet_file_factory(
    page: LeafletPage, document, *, title: str = "Tờ rơi hướng dẫn"
) -> LeafletFile:
    item = LeafletFile(page=page, document=document, title=title)
    item.save()
    return item
