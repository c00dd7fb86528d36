"""Editor's picks and popular queries stay inside their department; queries carry no personal data."""

import pytest

from cms.standard.models import StandardPage
from search.models import EditorsPick, PopularQuery
from tests.conftest import add_page

pytestmark = pytest.mark.django_db


def test_a_pick_shows_first_on_its_own_site_only(client, department):
    hn, hcm = department("HN"), department("HCM")
    page = add_page(hn.site.root_page, StandardPage, title="Hướng dẫn khai báo", slug="huong-dan")
    EditorsPick.objects.create(department=hn, query="Khai Báo", page=page)
    response = client.get("/vi/search/", {"q": "khai bao"}, HTTP_HOST=hn.site.hostname)
    assert [p["title"] for p in response.context["picks"]] == ["Hướng dẫn khai báo"]
    other = client.get("/vi/search/", {"q": "khai bao"}, HTTP_HOST=hcm.site.hostname)
    assert other.context["picks"] == []
    assert "Hướng dẫn khai báo" not in other.content.decode()


def test_a_pick_of_another_departments_page_is_never_shown(client, department):
    hn, hcm = department("HN"), department("HCM")
    foreign = add_page(
        hcm.site.root_page, StandardPage, title="Trang của Hồ Chí Minh", slug="trang-hcm"
    )
    EditorsPick.objects.create(department=hn, query="khai bao", page=foreign)
    response = client.get("/vi/search/", {"q": "khai bao"}, HTTP_HOST=hn.site.hostname)
    assert response.context["picks"] == []


def test_popular_queries_are_counted_per_site_folded_and_without_personal_data(
    client, department, member
):
    hn, hcm = department("HN"), department("HCM")
    for query in ["Thủ tục", "thu  tuc", "THỦ TỤC"]:
        client.get("/vi/search/", {"q": query}, HTTP_HOST=hn.site.hostname)
    row = PopularQuery.objects.get(department=hn)
    assert (row.query, row.hits) == ("thu tuc", 3)
    assert not PopularQuery.objects.filter(department=hcm).exists()
    assert {f.name for f in PopularQuery._meta.get_fields()} == {
        "id",
        "department",
        "query",
        "date",
        "hits",
    }
    hcm_editor = member(hcm, "editor")
    assert not PopularQuery.objects.for_user(hcm_editor).exists()
    assert PopularQuery.objects.for_user(member(hn, "editor")).get() == row


def test_editors_see_only_their_departments_picks_in_the_admin(
    client, department, member, superuser
):
    hn, hcm = department("HN"), department("HCM")
    page = add_page(hn.site.root_page, StandardPage, title="Hướng dẫn khai báo", slug="huong-dan")
    EditorsPick.objects.create(department=hn, query="hướng dẫn riêng", page=page)
    client.force_login(member(hcm, "editor"))
    response = client.get("/admin/snippets/portal_search/editorspick/", HTTP_HOST="localhost")
    assert "huong dan rieng" not in response.content.decode()
    client.force_login(superuser)
    response = client.get("/admin/snippets/portal_search/editorspick/", HTTP_HOST="localhost")
    assert "huong dan rieng" in response.content.decode()
