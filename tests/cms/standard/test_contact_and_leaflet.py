"""Contact and leaflet pages on a department's public site."""

from django.core.files.base import ContentFile

from wagtail.documents.models import Document
from wagtail.models import Locale

import pytest

from cms.standard.factories import leaflet_page_factory
from cms.standard.models import ContactPage, ContactUnit, LeafletFile

pytestmark = pytest.mark.django_db


def test_provisioned_contact_section_is_a_contact_page_showing_hotline_and_units(
    client, department
):
    hcm = department("HCM")
    vi = Locale.objects.get(language_code="vi")
    contact = ContactPage.objects.descendant_of(hcm.site.root_page).get(locale=vi)
    contact.hotline = "1900 9299"
    contact.units = [ContactUnit(name="Chi cục Hải quan cửa khẩu cảng Sài Gòn KV1")]
    contact.save_revision().publish()
    html = client.get(contact.url, HTTP_HOST=hcm.site.hostname).content.decode()
    assert "1900 9299" in html
    assert "Chi cục Hải quan cửa khẩu cảng Sài Gòn KV1" in html


def test_leaflet_page_links_its_files_for_download(client, department):
    hcm = department("HCM")
    document = Document.objects.create(
        title="Tờ rơi khai báo hải quan",
        file=ContentFile(b"%PDF-1.4 demo", name="to-roi.pdf"),
        collection=hcm.collection,
    )
    page = leaflet_page_factory(hcm.site.root_page, title="Tờ rơi tuyên truyền")
    page.files = [LeafletFile(title="Hướng dẫn khai báo hải quan", document=document)]
    page.save_revision().publish()
    html = client.get(page.url, HTTP_HOST=hcm.site.hostname).content.decode()
    assert "Hướng dẫn khai báo hải quan" in html
    assert document.url in html
