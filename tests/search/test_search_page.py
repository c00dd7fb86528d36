"""The themed search page on every department's site."""

import pytest

from cms.standard.models import StandardPage
from tests.conftest import add_page

pytestmark = pytest.mark.django_db


def test_search_page_finds_own_pages_without_diacritics_and_highlights_them(client, department):
    hn = department("HN")
    add_page(
        hn.site.root_page,
        StandardPage,
        title="Thủ tục hải quan điện tử",
        slug="thu-tuc",
        teaser="Khai báo hải quan",
    )
    response = client.get("/vi/search/", {"q": "hai quan"}, HTTP_HOST=hn.site.hostname)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thủ tục <mark>hải</mark> <mark>quan</mark> điện tử" in html
    assert "Khai báo <mark>hải</mark> <mark>quan</mark>" in html


def test_search_page_never_shows_another_departments_page(client, department):
    hn, hcm = department("HN"), department("HCM")
    add_page(hcm.site.root_page, StandardPage, title="Tin riêng của Hồ Chí Minh", slug="tin-rieng")
    html = client.get(
        "/vi/search/", {"q": "tin rieng"}, HTTP_HOST=hn.site.hostname
    ).content.decode()
    assert "Tin riêng" not in html
    html = client.get(
        "/vi/search/", {"q": "tin rieng"}, HTTP_HOST=hcm.site.hostname
    ).content.decode()
    assert "<mark>Tin</mark> <mark>riêng</mark> của Hồ Chí Minh" in html


def test_search_page_is_paginated(client, department):
    hn = department("HN")
    for number in range(12):
        add_page(
            hn.site.root_page,
            StandardPage,
            title=f"Thông báo số {number}",
            slug=f"thong-bao-{number}",
        )
    first = client.get("/vi/search/", {"q": "thong bao"}, HTTP_HOST=hn.site.hostname)
    second = client.get("/vi/search/", {"q": "thong bao", "page": 2}, HTTP_HOST=hn.site.hostname)
    assert len(first.context["results"]) == 10
    assert len(second.context["results"]) == 2
    assert first.context["page_obj"].paginator.count == 12


def test_facet_links_keep_the_query_and_combine_and_pagination_keeps_the_facets(client, department):
    from urllib.parse import parse_qs

    from django.utils import translation

    from cms.library.models import Procedure
    from tests.cms.library.factories import legal_document, procedure

    hn = department("HN")
    for number in range(12):
        add_page(
            hn.site.root_page,
            StandardPage,
            title=f"Hướng dẫn thủ tục số {number}",
            slug=f"huong-dan-{number}",
        )
    procedure("1.008316", title="Thủ tục hải quan đối với hàng hóa xuất khẩu", en=False)
    procedure(
        "1.008317",
        title="Thủ tục hoàn thuế hàng hóa nhập khẩu",
        category="refund",
        en=False,
    )
    legal_document("85/2019/NĐ-CP", title="Nghị định về thủ tục hành chính", en=False)

    def get(**params):
        return client.get("/vi/search/", {"q": "thu tuc", **params}, HTTP_HOST=hn.site.hostname)

    def params(url):
        return {name: values[0] for name, values in parse_qs(url.lstrip("?")).items()}

    first = get()
    # 12 pages, the procedures section ("Thủ tục hành chính"), 2 procedures, 1 legal document.
    assert first.context["page_obj"].paginator.count == 16
    facets = first.context["facets"]
    by_type = {choice["value"]: choice for choice in facets["type"]}
    assert {value: choice["count"] for value, choice in by_type.items()} == {
        "standard.standardpage": 12,
        "library.procedureindexpage": 1,
        "library.procedure": 2,
        "library.legaldocument": 1,
    }
    assert by_type["library.procedure"]["label"] == "thủ tục"  # shown in the page's language
    assert params(by_type["library.procedure"]["url"]) == {
        "q": "thu tuc",
        "type": "library.procedure",
    }
    assert params(first.context["next_url"]) == {"q": "thu tuc", "page": "2"}

    procedures = get(type="library.procedure")
    assert sorted(str(r["object"]) for r in procedures.context["results"]) == [
        "1.008316 – Thủ tục hải quan đối với hàng hóa xuất khẩu",
        "1.008317 – Thủ tục hoàn thuế hàng hóa nhập khẩu",
    ]
    # The category facet counts within the chosen type, and its links keep q and the type.
    categories = {c["value"]: c for c in procedures.context["facets"]["category"]}
    with translation.override("vi"):
        declaration = str(Procedure.Category.DECLARATION.label)
        drawback = str(Procedure.Category.REFUND.label)
    assert {value: c["count"] for value, c in categories.items()} == {declaration: 1, drawback: 1}
    refund = params(categories[drawback]["url"])
    assert refund == {"q": "thu tuc", "type": "library.procedure", "category": drawback}
    both = get(**{k: v for k, v in refund.items() if k != "q"})
    assert [r["object"].code for r in both.context["results"]] == ["1.008317"]
    # Choosing a chosen facet again clears it (the link toggles), keeping the others.
    chosen_type = next(c for c in both.context["facets"]["type"] if c["selected"])
    assert params(chosen_type["url"]) == {"q": "thu tuc", "category": drawback}
    assert params(both.context["clear_facets_url"]) == {"q": "thu tuc"}

    pages = get(type="standard.standardpage")
    assert params(pages.context["next_url"]) == {
        "q": "thu tuc",
        "type": "standard.standardpage",
        "page": "2",
    }
    second = get(type="standard.standardpage", page=2)
    assert len(second.context["results"]) == 2
    assert params(second.context["previous_url"]) == {
        "q": "thu tuc",
        "type": "standard.standardpage",
        "page": "1",
    }
    html = second.content.decode()
    assert 'href="?q=thu+tuc&amp;type=standard.standardpage&amp;page=1"' in html


def test_year_facet_and_highlighted_library_snippet(client, department):
    import datetime

    from tests.cms.library.factories import legal_document

    hn = department("HN")
    legal_document(
        "85/2019/NĐ-CP",
        title="Nghị định về thủ tục hành chính hải quan",
        summary="Quy định thủ tục hải quan, kiểm tra, giám sát hải quan",
        issued_on=datetime.date(2019, 11, 14),
        en=False,
    )
    response = client.get("/vi/search/", {"q": "giam sat"}, HTTP_HOST=hn.site.hostname)
    assert [c["value"] for c in response.context["facets"]["year"]] == ["2019"]
    (result,) = response.context["results"]
    assert "kiểm tra, <mark>giám</mark> <mark>sát</mark> hải quan" in result["snippet"]
    assert "kiểm tra, <mark>giám</mark> <mark>sát</mark> hải quan" in response.content.decode()
