"""A department's pages, rows and settings refer only to its own objects or shared ones.

Every probe of another department's object pairs with the same reference to the department's
own object and to the shared library collection, which must be accepted.
"""

from io import StringIO

from django.core.exceptions import ValidationError
from django.core.management import call_command

from wagtail import blocks
from wagtail.models import Page
from wagtail.snippets.blocks import SnippetChooserBlock
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from cms.core.factories import document_factory, image_factory
from cms.news.factories import news_article_factory
from cms.news.models import NewsArticlePage, NewsRelatedLink
from search.models import EditorsPick
from sites.models import DepartmentSettings
from sites.provisioning import shared_library_collection
from sites.references import Ownership, Reference
from tests.cms.news.test_news_pages import news_index
from tests.testapp.models import Notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(department):
    """HCM (the department saving) and HN (another department), each with an image, a document
    and a draft article; plus an image and a document in the shared library collection."""
    hcm, hn = department("HCM"), department("HN")
    shared = shared_library_collection()
    return {
        "hcm": hcm,
        "hn": hn,
        "own_image": image_factory("Cửa khẩu Mộc Bài", collection=hcm.collection),
        "own_document": document_factory("Tờ rơi TP.HCM", collection=hcm.collection),
        "own_page": news_article_factory(news_index(hcm), title="Tin TP.HCM", publish=False),
        "their_image": image_factory("Cửa khẩu Nội Bài", collection=hn.collection),
        "their_document": document_factory("Tờ rơi Hà Nội", collection=hn.collection),
        "their_page": news_article_factory(news_index(hn), title="Nháp Hà Nội", publish=False),
        "shared_image": image_factory("Biểu trưng ngành", collection=shared),
        "shared_document": document_factory("Mẫu tờ khai", collection=shared),
    }


def refused_fields(instance) -> dict[str, list[str]]:
    try:
        instance.full_clean()
    except ValidationError as error:
        return error.message_dict
    return {}


def article_of(two) -> NewsArticlePage:
    return news_article_factory(news_index(two["hcm"]), title="Bài của TP.HCM")


def test_lead_image_and_editors_picks_of_another_department_are_refused(two):
    article = article_of(two)
    article.lead_image = two["their_image"]
    article.related_links = [NewsRelatedLink(related=two["their_page"])]
    errors = refused_fields(article)
    assert set(errors) == {"lead_image", "related_links"}
    assert str(two["their_image"].pk) in errors["lead_image"][0]
    assert (
        two["hcm"].name in errors["lead_image"][0] or two["hcm"].name_en in errors["lead_image"][0]
    )

    for image in (two["own_image"], two["shared_image"]):
        article.lead_image = image
        article.related_links = [NewsRelatedLink(related=two["own_page"])]
        assert refused_fields(article) == {}
    article.save_revision().publish()


@pytest.mark.parametrize("kind", ["image", "page", "document"])
def test_streamfield_choosers_at_any_depth_refuse_another_departments_objects(two, kind):
    def body(image, page, document):
        return {
            "image": [("image", {"image": image, "alt_text": "", "caption": ""})],
            "page": [
                (
                    "call_to_action",
                    {"title": "Xem", "page": page, "url": "", "button_text": "Mở"},
                )
            ],
            "document": [
                (
                    "documents",
                    {"heading": "Tải về", "documents": [{"document": document, "title": ""}]},
                )
            ],
        }[kind]

    article = article_of(two)
    article.body = body(two["their_image"], two["their_page"], two["their_document"])
    assert set(refused_fields(article)) == {"body"}
    article.body = body(two["own_image"], two["own_page"], two["own_document"])
    assert refused_fields(article) == {}
    article.body = body(two["shared_image"], two["own_page"], two["shared_document"])
    assert refused_fields(article) == {}


def test_rich_text_links_and_embeds_to_another_department_are_refused(two):
    article = article_of(two)
    cases = {
        "page link": '<p><a linktype="page" id="{page}">xem</a></p>',
        "document link": '<p><a linktype="document" id="{document}">tải</a></p>',
        "image embed": '<embed embedtype="image" id="{image}" format="fullwidth" alt="ảnh"/>',
    }
    for case, html in cases.items():
        theirs = html.format(
            page=two["their_page"].pk,
            document=two["their_document"].pk,
            image=two["their_image"].pk,
        )
        article.body = [
            ("accordion", {"heading": "Hỏi đáp", "items": [{"heading": "?", "body": theirs}]})
        ]
        assert set(refused_fields(article)) == {"body"}, case
        article.body = [("paragraph", theirs)]
        assert set(refused_fields(article)) == {"body"}, case
        own = html.format(
            page=two["own_page"].pk, document=two["own_document"].pk, image=two["own_image"].pk
        )
        article.body = [("paragraph", own)]
        assert refused_fields(article) == {}, case
    shared = f'<p><a linktype="document" id="{two["shared_document"].pk}">mẫu</a></p>'
    article.body = [("paragraph", shared)]
    assert refused_fields(article) == {}

    home = two["hcm"].site.root_page.specific
    home.intro = f'<p><a linktype="page" id="{two["their_page"].pk}">Hà Nội</a></p>'
    assert set(refused_fields(home)) == {"intro"}
    home.intro = f'<p><a linktype="page" id="{two["own_page"].pk}">TP.HCM</a></p>'
    assert refused_fields(home) == {}


def test_an_id_that_names_nothing_is_refused_like_another_departments(two):
    article = article_of(two)
    for page_id in ('id="987654"', 'id="99999999999999999999999"', 'id="một"', ""):
        html = f'<p><a linktype="page" {page_id}>?</a></p>'
        article.body = [("paragraph", html)]
        assert set(refused_fields(article)) == {"body"}


def test_hq_pages_may_not_refer_to_a_department_but_use_the_shared_library(two, department):
    hq = department("HQ")
    article = news_article_factory(news_index(hq), title="Tin toàn ngành")
    article.lead_image = two["their_image"]
    assert set(refused_fields(article)) == {"lead_image"}
    article.lead_image = two["shared_image"]
    assert refused_fields(article) == {}


def test_editors_pick_and_snippet_chooser_refuse_another_departments_objects(two):
    pick = EditorsPick(department=two["hcm"], query="thông quan", page=two["their_page"])
    assert set(refused_fields(pick)) == {"page"}
    pick.page = two["own_page"]
    assert refused_fields(pick) == {}

    theirs = Notice.objects.create(department=two["hn"], title="Thông báo Hà Nội")
    own = Notice.objects.create(department=two["hcm"], title="Thông báo TP.HCM")
    stream = blocks.StreamBlock([("notice", SnippetChooserBlock(Notice))])
    ownership = Ownership()
    for notice, allowed in ((theirs, False), (own, True)):
        value = stream.to_python([{"type": "notice", "value": notice.pk}])
        (model, pk, _path, _content), *_rest = stream.extract_references(value)
        assert ownership.allows(two["hcm"], Reference("body", "body", model, pk)) is allowed


def test_settings_logo_of_another_department_is_refused(two):
    settings = DepartmentSettings.for_site(two["hcm"].site)
    settings.logo = two["their_image"]
    assert set(refused_fields(settings)) == {"logo"}
    for image in (two["own_image"], two["shared_image"]):
        settings.logo = image
        assert refused_fields(settings) == {}


def settings_form(logo) -> dict:
    return {
        "display_name": "Hải quan TP.HCM",
        "display_name_en": "HCMC Customs",
        "logo": logo.pk,
        "brand_colour": "#0b4f8a",
        "theme": "default",
        "address": "",
        "address_en": "",
        "phone": "",
        "hotline": "",
        "email": "",
        "facebook_url": "",
        "youtube_url": "",
        "zalo_url": "",
    }


def test_settings_form_refuses_another_departments_logo_even_to_a_superuser(client, two, superuser):
    site = two["hcm"].site
    url = f"/admin/settings/departments/departmentsettings/{site.pk}/"
    client.force_login(superuser)
    response = client.post(url, settings_form(two["their_image"]))
    assert response.status_code == 200
    assert "logo" in response.context["form"].errors
    assert DepartmentSettings.for_site(site).logo_id != two["their_image"].pk

    response = client.post(url, settings_form(two["own_image"]))
    assert response.status_code == 302
    assert DepartmentSettings.for_site(site).logo_id == two["own_image"].pk


def article_form(title: str, lead_image, related) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": "bai-thu",
            "teaser": "",
            "date": "2026-05-01",
            "category": "other",
            "tags": "",
            "lead_image": lead_image.pk,
            "body": streamfield([]),
            "source": "",
            "related_links": inline_formset([{"related": related.pk}]),
        }
    )


def test_article_form_names_the_field_holding_another_departments_object(client, two, member):
    index = news_index(two["hcm"])
    url = f"/admin/pages/add/news/newsarticlepage/{index.pk}/"
    client.force_login(member(two["hcm"], "editor"))
    response = client.post(url, article_form("Bài thử", two["their_image"], two["their_page"]))
    assert response.status_code == 200
    form = response.context["form"]
    assert "lead_image" in form.errors
    assert "related" in form.formsets["related_links"].forms[0].errors
    assert not index.get_children().filter(slug="bai-thu").exists()

    response = client.post(url, article_form("Bài thử", two["own_image"], two["own_page"]))
    assert response.status_code == 302
    saved = index.get_children().get(slug="bai-thu").specific
    assert saved.lead_image == two["own_image"]


def test_api_write_refuses_rich_text_linking_another_departments_page(client, two):
    from cms.api.models import ApiToken
    from tests.api.test_writes import call

    token = ApiToken(department=two["hcm"], name="Tin tự động", scope="draft").issue()
    host = two["hcm"].site.hostname

    def write(page: Page):
        html = f'<p>Xem <a linktype="page" id="{page.pk}">bài liên quan</a>.</p>'
        article = {"title": "Tin tự động", "body": [{"type": "paragraph", "value": html}]}
        return call(client, "post", "/api/news/", host, token, article)

    response = write(two["their_page"])
    assert response.status_code == 400
    assert response.json()["parameter"] == "body"
    assert not NewsArticlePage.objects.filter(title="Tin tự động").exists()
    assert write(two["own_page"]).status_code == 201


def test_check_references_lists_stored_cross_references_and_exits_1(two):
    out = StringIO()
    call_command("check_references", stdout=out)
    assert out.getvalue().strip().splitlines()[-1] == "0"

    article = article_of(two)
    NewsArticlePage.objects.filter(pk=article.pk).update(lead_image=two["their_image"])
    out = StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("check_references", stdout=out)
    assert exit_.value.code == 1
    *lines, count = out.getvalue().strip().splitlines()
    assert count == "1"
    assert lines == [
        f"news.NewsArticlePage {article.pk} “Bài của TP.HCM” [HCM] lead_image → "
        f"wagtailimages.Image {two['their_image'].pk} [HN]"
    ]
