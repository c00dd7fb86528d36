"""Write API edge cases: submitting or publishing an article that has no revision yet is a 409
problem (not a 500), and a bad PATCH body is a 400 naming the field."""

import pytest

from cms.api.models import ApiToken
from cms.news.models import NewsArticlePage, NewsIndexPage
from tests.api.test_writes import call

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom(department):
    hcm = department("HCM")
    tokens = {
        scope: ApiToken(department=hcm, name=f"Tin tự động {scope}", scope=scope).issue()
        for scope in ("draft", "submit", "publish")
    }
    index = NewsIndexPage.objects.child_of(hcm.site.root_page).get()
    bare = NewsArticlePage(title="Bài chưa có phiên bản", slug="chua-co-phien-ban", live=False)
    index.add_child(instance=bare)  # made by code: no revision
    assert bare.get_latest_revision() is None
    return {"host": hcm.site.hostname, "tokens": tokens, "bare": bare}


@pytest.mark.parametrize("action", ["submit", "publish"])
def test_submit_or_publish_without_a_revision_is_a_409_problem(client, newsroom, action):
    path = f"/api/news/{newsroom['bare'].pk}/{action}/"
    response = call(client, "post", path, newsroom["host"], newsroom["tokens"][action])
    assert response.status_code == 409, response.content[:300]
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["status"] == 409


@pytest.mark.parametrize(
    ("data", "parameter"),
    [
        ({"category": "sport"}, "category"),
        ({"title": ""}, "title"),
        ({"date": "hôm nay"}, "date"),
        ({"tags": "thông quan"}, "tags"),
        ({"body": [{"type": "video", "value": "x"}]}, "body"),
        ({"body": "đoạn văn"}, "body"),
        ({"colour": "đỏ"}, "colour"),
    ],
)
def test_a_bad_patch_body_is_a_400_naming_the_field(client, newsroom, data, parameter):
    path = f"/api/news/{newsroom['bare'].pk}/"
    response = call(client, "patch", path, newsroom["host"], newsroom["tokens"]["draft"], data)
    assert response.status_code == 400, response.content[:300]
    assert response.json()["parameter"] == parameter


def test_control_a_good_patch_saves_a_draft_then_submit_works(client, newsroom):
    path = f"/api/news/{newsroom['bare'].pk}/"
    tokens = newsroom["tokens"]
    response = call(client, "patch", path, newsroom["host"], tokens["draft"], {"title": "Tin mới"})
    assert response.status_code == 200, response.content[:300]
    response = call(client, "post", path + "submit/", newsroom["host"], tokens["submit"])
    assert response.status_code == 200, response.content[:300]
