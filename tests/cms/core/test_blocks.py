"""The shared block family: every block renders in the theme and gives an API representation."""

from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.models import Locale

import pytest

from cms.core.blocks import BodyBlock
from cms.core.factories import body_with_every_block, document_factory, image_factory
from cms.standard.factories import standard_page_factory
from cms.standard.models import StandardPage

pytestmark = pytest.mark.django_db

EMBED_URL = "https://www.youtube.com/watch?v=demo"


@pytest.fixture
def cached_embed(db):
    """The oEmbed answer, stored as Wagtail caches it, so no test reaches the network."""
    return Embed.objects.create(
        url=EMBED_URL,
        max_width=None,
        type="video",
        html='<iframe src="https://www.youtube.com/embed/demo" title="Video"></iframe>',
        title="Video",
        width=640,
        height=360,
        hash=get_embed_hash(EMBED_URL),
    )


def intro_page(department):
    vi = Locale.objects.get(language_code="vi")
    return StandardPage.objects.descendant_of(department.site.root_page).get(
        slug="gioi-thieu", locale=vi
    )


def test_every_block_sets_icon_label_group_description_and_preview():
    for name, block in BodyBlock().child_blocks.items():
        meta = block.meta
        assert meta.icon, name
        assert meta.label, name
        assert meta.group, name
        assert block.get_description(), name
        assert meta.preview_value is not None, name


def test_standard_page_renders_every_block_in_the_theme(client, department, cached_embed):
    hcm = department("HCM")
    image = image_factory(collection=hcm.collection)
    document = document_factory(collection=hcm.collection)
    page = intro_page(hcm)
    page.body = body_with_every_block(image, document, page=page.get_parent())
    page.save_revision().publish()
    html = client.get(page.url, HTTP_HOST=hcm.site.hostname).content.decode()
    assert '<h2 class="block-heading">Chức năng, nhiệm vụ</h2>' in html
    assert "Quản lý nhà nước về <b>hải quan</b>" in html
    assert 'alt="Xe container qua cửa khẩu"' in html and "<figcaption>Cửa khẩu</figcaption>" in html
    assert f'href="{document.url}" download' in html
    assert "<caption>Số thu ngân sách (tỷ đồng)</caption>" in html
    assert '<th scope="col">Quý</th>' in html and 'class="numeric">4512.5' in html
    assert "<summary>Thời gian làm việc?</summary>" in html
    assert 'class="block-cta"' in html and 'class="button" href="/vi/"' in html
    assert EMBED_URL in html
    assert "Doanh nghiệp là trung tâm phục vụ." in html


def test_block_api_representation_gives_rendition_urls_and_expanded_rich_text(department):
    hcm = department("HCM")
    image = image_factory(collection=hcm.collection)
    document = document_factory(collection=hcm.collection)
    home = hcm.site.root_page
    page = intro_page(hcm)
    link = f'<p>Xem <a linktype="page" id="{home.pk}">trang chủ</a>.</p>'
    page.body = [
        *body_with_every_block(image, document, page=home),
        {"type": "paragraph", "value": link},
    ]
    page.save_revision().publish()
    page.refresh_from_db()
    stream = page.body.stream_block
    representation = stream.get_api_representation(page.body)
    by_type = {}
    for item in representation:
        by_type.setdefault(item["type"], []).append(item["value"])

    image_value = by_type["image"][0]
    assert image_value["caption"] == "Cửa khẩu"
    assert image_value["image"]["alt"] == "Xe container qua cửa khẩu"
    assert image_value["image"]["renditions"]["small"]["url"].startswith("/media/images/")
    assert image_value["image"]["renditions"]["large"]["width"] <= 1200
    assert by_type["paragraph"][-1] == '<p>Xem <a href="/vi/">trang chủ</a>.</p>'
    assert by_type["documents"][0]["documents"][0]["url"] == document.url
    assert by_type["call_to_action"][0]["url"] == "/vi/"
    assert by_type["accordion"][0]["items"][0]["body"] == "<p>Từ thứ Hai đến thứ Sáu.</p>"
    assert by_type["table"][0]["table"]["columns"][1] == {"type": "numeric", "heading": "Số thu"}
    assert by_type["embed"][0] == {"url": EMBED_URL, "title": "Video hướng dẫn"}
    assert by_type["quote"][0] == {
        "quote": "Doanh nghiệp là trung tâm phục vụ.",
        "attribution": "Tổng cục trưởng",
    }


def test_call_to_action_needs_a_page_or_an_address():
    from django.core.exceptions import ValidationError

    from cms.core.blocks import CallToActionBlock

    block = CallToActionBlock()
    value = block.to_python({"title": "Dịch vụ công", "button_text": "Truy cập"})
    with pytest.raises(ValidationError):
        block.clean(value)


def test_standard_page_factory_publishes_a_page_with_the_block_family(department):
    hcm = department("HCM")
    image = image_factory(collection=hcm.collection)
    document = document_factory(collection=hcm.collection)
    page = standard_page_factory(
        hcm.site.root_page, title="Tổ chức bộ máy", body=body_with_every_block(image, document)
    )
    assert page.live
    assert [block.block_type for block in page.body] == [
        "heading",
        "paragraph",
        "image",
        "documents",
        "table",
        "accordion",
        "call_to_action",
        "embed",
        "quote",
    ]
