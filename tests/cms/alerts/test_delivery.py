"""Alerts reach every surface at once and leave at their end, through the API's cache too:
`/api/alerts/`, `/api/department/`, the change feed and the Atom feed."""

from __future__ import annotations

import datetime
import time
import xml.etree.ElementTree as ET

from django.test import Client
from django.utils import timezone

import pytest

from cms.alerts.models import Alert, AlertHide, Severity

from .conftest import HOSTS
from .factories import alert

ATOM = "{http://www.w3.org/2005/Atom}"


def api(code: str, path: str, **query):
    return Client(HTTP_HOST=HOSTS[code]).get(path, query)


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content[:300]
    return [item["title"] for item in response.json()["items"]]


def test_published_alert_is_in_a_cached_api_answer_at_once(sites):
    assert titles(api("HN", "/api/alerts/")) == []
    assert api("HN", "/api/alerts/")["X-Cache"] == "hit"
    alert(sites["HQ"], "Cổng thanh toán điện tử bảo trì", reach=Alert.Reach.ALL)
    response = api("HN", "/api/alerts/")
    assert response["X-Cache"] == "miss"
    assert titles(response) == ["Cổng thanh toán điện tử bảo trì"]
    department = api("HN", "/api/department/").json()
    assert [a["title"] for a in department["alerts"]] == ["Cổng thanh toán điện tử bảo trì"]


def test_alert_leaves_every_cached_answer_at_its_end_with_no_write_in_between(sites):
    alert(
        sites["HCM"],
        "Tạm dừng VNACCS",
        severity=Severity.EMERGENCY,
        ends=datetime.timedelta(seconds=2),
    )
    first = api("HCM", "/api/alerts/")
    assert titles(first) == ["Tạm dừng VNACCS"]
    assert api("HCM", "/api/alerts/")["X-Cache"] == "hit"
    # Neither the server's copy nor a client's may outlive the end.
    assert int(first["Cache-Control"].split("max-age=")[1]) <= 2
    time.sleep(2.1)
    assert titles(api("HCM", "/api/alerts/")) == []
    assert api("HCM", "/api/department/").json()["alerts"] == []


def test_scheduled_alert_appears_at_its_start_in_a_cached_answer(sites):
    alert(sites["HCM"], "Sắp diễn ra", starts=datetime.timedelta(seconds=2))
    assert titles(api("HCM", "/api/alerts/")) == []
    assert api("HCM", "/api/alerts/")["X-Cache"] == "hit"
    time.sleep(2.1)
    assert titles(api("HCM", "/api/alerts/")) == ["Sắp diễn ra"]


def test_api_speaks_the_requested_language_and_marks_national_alerts(sites):
    alert(
        sites["HQ"], "Quốc tang", reach=Alert.Reach.ALL, title_en="National mourning", mourning=True
    )
    body = api("BD", "/api/alerts/", locale="en").json()
    assert body["meta"] == {"total_count": 1, "locale": "en", "mourning": True}
    (item,) = body["items"]
    assert (item["title"], item["national"], item["department"]) == (
        "National mourning",
        True,
        "HQ",
    )


def test_change_feed_lists_an_alert_and_a_tombstone_once_the_site_hides_it(sites):
    cursor = api("HN", "/api/changes/", since="", limit=100).json()["meta"]["next"]
    national = alert(sites["HQ"], "Thông tin chung", reach=Alert.Reach.ALL)
    page = api("HN", "/api/changes/", since=cursor).json()
    assert [(i["kind"], i["action"], i["id"]) for i in page["items"]] == [
        ("alert", "updated", national.pk)
    ]
    AlertHide.objects.create(department=sites["HN"], alert=national)
    later = api("HN", "/api/changes/", since=page["meta"]["next"]).json()
    assert [(i["kind"], i["action"], i["id"]) for i in later["items"]] == [
        ("alert", "deleted", national.pk)
    ]
    # HCM never hid it: its feed still shows the alert.
    full = api("HCM", "/api/changes/", since="", limit=100).json()
    assert national.pk in [i["id"] for i in full["items"] if i["kind"] == "alert"]


@pytest.mark.parametrize(("language", "title"), [("vi", "Hệ thống gián đoạn"), ("en", "Outage")])
def test_atom_feed_per_site_and_language_parses_and_lists_the_active_alerts(sites, language, title):
    alert(sites["HCM"], "Hệ thống gián đoạn", title_en="Outage", severity=Severity.WARNING)
    alert(
        sites["HCM"],
        "Đã hết hạn",
        starts=datetime.timedelta(hours=-3),
        ends=datetime.timedelta(hours=-1),
    )
    response = api("HCM", f"/feeds/alerts/{language}.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1
    assert entries[0].findtext(f"{ATOM}title").endswith(title)
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    assert api("HN", f"/feeds/alerts/{language}.xml").content.count(b"<entry") == 0
    assert api("HCM", "/feeds/alerts/fr.xml").status_code == 404


def test_window_is_recomputed_after_the_boundary_without_a_write(sites):
    from cms.alerts.services import alert_window

    row = alert(sites["HCM"], "Ngắn", ends=datetime.timedelta(minutes=10))
    key, remaining = alert_window(1)
    assert key == row.ends_at.isoformat() and 0 < remaining <= 600
    after, _ = alert_window(1, at=row.ends_at + datetime.timedelta(seconds=1))
    assert after != key
    assert timezone.now() < row.ends_at


def test_the_caching_proxy_keeps_a_page_no_longer_than_the_next_alert_start_or_end(sites):
    """Pages are kept by the proxy for PROXY_CACHE_SECONDS, purged on change; an alert's start
    or end is no change, so `Surrogate-Control` stops at the next one (`sites.edge.limit_age`)."""
    home = Client(HTTP_HOST=HOSTS["HN"]).get("/vi/")
    assert home.status_code == 200
    assert home["Surrogate-Control"] == "max-age=3600"  # the control: nothing scheduled
    alert(sites["HN"], "Cửa khẩu tạm dừng làm thủ tục", starts=datetime.timedelta(seconds=40))
    home = Client(HTTP_HOST=HOSTS["HN"]).get("/vi/")
    assert 1 <= int(home["Surrogate-Control"].removeprefix("max-age=")) <= 40
    assert "Cửa khẩu tạm dừng làm thủ tục" not in home.content.decode()  # not yet
