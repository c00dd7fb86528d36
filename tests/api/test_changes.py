"""Change feed: a full sync from an empty cursor, then created/updated/deleted since the cursor."""

import pytest

from cms.standard.models import StandardPage
from tests.conftest import add_page

pytestmark = pytest.mark.django_db


def feed(client, host, since, **params):
    response = client.get("/api/changes/", {"since": since, **params}, HTTP_HOST=host)
    assert response.status_code == 200, response.content
    return response.json()


def full_sync(client, host, limit=2, **params):
    cursor, seen, pages = "", [], 0
    while True:
        data = feed(client, host, cursor, limit=limit, **params)
        seen += data["items"]
        cursor = data["meta"]["next"]
        pages += 1
        if not data["meta"]["has_more"]:
            return seen, cursor, pages


def test_empty_cursor_pages_through_every_live_page_of_the_department(client, sites):
    hcm = sites["HCM"]
    items, _cursor, pages = full_sync(client, hcm["host"])
    ids = {item["id"] for item in items}
    assert pages > 1
    assert hcm["public"].pk in ids and hcm["vi_only"].pk in ids
    assert hcm["draft"].pk not in ids and hcm["private"].pk not in ids
    assert sites["HN"]["public"].pk not in ids
    assert {item["locale"] for item in items} == {"vi"}
    assert len(ids) == len(items)


def test_cursor_returns_updates_creations_and_tombstones_per_language(client, sites):
    hcm = sites["HCM"]
    _items, cursor, _pages = full_sync(client, hcm["host"])
    assert feed(client, hcm["host"], cursor)["items"] == []

    new = add_page(
        hcm["department"].site.root_page, StandardPage, title="Lịch làm việc", slug="lich-lam-viec"
    )
    hcm["public"].title = "Thông báo đã cập nhật"
    hcm["public"].save_revision().publish()
    hcm["vi_only"].unpublish()
    sites["HN"]["public"].save_revision().publish()  # another department: not in this feed

    data = feed(client, hcm["host"], cursor)
    actions = [(item["action"], item["id"]) for item in data["items"]]
    assert actions == [
        ("updated", new.pk),
        ("updated", hcm["public"].pk),
        ("deleted", hcm["vi_only"].pk),
    ]
    assert data["items"][1]["title"] == "Thông báo đã cập nhật"
    english = feed(client, hcm["host"], cursor, locale="en")
    assert english["items"] == []
    assert feed(client, hcm["host"], data["meta"]["next"])["items"] == []


def test_deleting_a_page_leaves_a_tombstone(client, sites):
    hcm = sites["HCM"]
    _items, cursor, _pages = full_sync(client, hcm["host"], limit=100)
    page_id = hcm["vi_only"].pk
    hcm["vi_only"].delete()
    assert [(i["action"], i["id"]) for i in feed(client, hcm["host"], cursor)["items"]] == [
        ("deleted", page_id)
    ]
