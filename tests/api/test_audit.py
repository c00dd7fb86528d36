"""API tokens leave an audit trail: every write names its token; issuing and revoking are logged."""

import json
from io import StringIO

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from wagtail.models import ModelLogEntry, PageLogEntry

import pytest

from cms.api.models import ApiToken
from sites.models import Department

pytestmark = pytest.mark.django_db

ARTICLE = {
    "title": "Hải quan Hà Nội hướng dẫn khai báo điện tử",
    "teaser": "Các bước khai báo trực tuyến cho doanh nghiệp.",
    "category": "digital",
    "date": "2026-11-21",
}


def call(client, method, path, host, token, data=None):
    body = json.dumps(data) if data is not None else ""
    return getattr(client, method)(
        path,
        body,
        content_type="application/json",
        HTTP_HOST=host,
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def message(entry, language: str) -> str:
    """The entry's message in `language` (`message` is cached per instance, so a fresh one)."""
    with translation.override(language):
        return str(type(entry).objects.get(pk=entry.pk).message)


def department_entries(department: Department, prefix: str):
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Department),
        object_id=str(department.pk),
        action__startswith=prefix,
    ).order_by("timestamp", "pk")


@pytest.fixture
def hanoi(department):
    return department("HN")


def test_every_api_write_names_its_token_in_the_page_history(client, hanoi, member):
    """Create, update, submit and publish: each one entry saying which token, and every entry
    Wagtail made on the way carries the token's name too; the user is the token's issuer."""
    issuer = member(hanoi, "site_admin")
    submitter = ApiToken(department=hanoi, name="Tin tự động", scope="submit", created_by=issuer)
    publisher = ApiToken(department=hanoi, name="Đăng tin tự động", scope="publish")
    submit_text, publish_text = submitter.issue(), publisher.issue()
    host = hanoi.site.hostname

    pk = call(client, "post", "/api/news/", host, submit_text, ARTICLE).json()["id"]
    call(client, "patch", f"/api/news/{pk}/", host, submit_text, {"teaser": "Bản sửa."})
    assert call(client, "post", f"/api/news/{pk}/submit/", host, submit_text).status_code == 200
    published = call(client, "post", f"/api/news/{pk}/publish/", host, publish_text)
    assert published.status_code == 200

    entries = PageLogEntry.objects.filter(page_id=pk).order_by("timestamp", "pk")
    ours = [(e.action, e.data["api_token"], e.user) for e in entries if e.action.startswith("api.")]
    assert ours == [
        ("api.news.create", "Tin tự động", issuer),
        ("api.news.update", "Tin tự động", issuer),
        ("api.news.submit", "Tin tự động", issuer),
        ("api.news.publish", "Đăng tin tự động", None),
    ]
    wagtails = [e for e in entries if e.action.startswith("wagtail.")]
    assert {e.action for e in wagtails} >= {
        "wagtail.edit",
        "wagtail.workflow.start",
        "wagtail.publish",
    }
    assert all(e.data.get("api_token") for e in wagtails), "no entry without its token"
    publish = next(e for e in entries if e.action == "api.news.publish")
    assert message(publish, "en") == "Published by API token «Đăng tin tự động»"
    assert message(publish, "vi") == "Được công bố bởi mã truy cập API «Đăng tin tự động»"


def test_a_refused_write_logs_nothing(client, hanoi):
    token = ApiToken(department=hanoi, name="Chỉ nháp", scope="draft")
    text = token.issue()
    before = PageLogEntry.objects.count()
    refused = call(
        client, "post", "/api/news/", hanoi.site.hostname, text, {**ARTICLE, "action": "publish"}
    )
    assert refused.status_code == 403
    assert PageLogEntry.objects.count() == before


def test_the_command_logs_issuing_and_rotating_against_the_department(hanoi, department):
    saigon = department("HCM")
    call_command(
        "create_api_token", "HN", "Đồng bộ cổng tin", "--scope", "submit", stdout=StringIO()
    )
    call_command(
        "create_api_token",
        "HN",
        "Đồng bộ cổng tin",
        "--scope",
        "publish",
        "--rotate",
        stdout=StringIO(),
    )

    issue, rotate, scope = department_entries(hanoi, "api.token.")
    assert [issue.action, rotate.action, scope.action] == [
        "api.token.issue",
        "api.token.rotate",
        "api.token.scope",
    ]
    assert issue.data["api_token"] == "Đồng bộ cổng tin" and issue.data["scope"] == "submit"
    assert scope.data["from"] == "submit" and scope.data["to"] == "publish"
    assert not department_entries(saigon, "api.token.").exists()
    assert message(issue, "en") == (
        "Issued API token «Đồng bộ cổng tin» (Write drafts and submit them for moderation)"
    )
    assert message(rotate, "en") == "Gave API token «Đồng bộ cổng tin» a new secret"
    assert message(rotate, "vi") == "Đã đổi khoá bí mật của mã truy cập API «Đồng bộ cổng tin»"


def test_a_site_admin_issuing_and_revoking_in_the_admin_is_logged_with_their_name(
    client, hanoi, member
):
    admin = member(hanoi, "site_admin")
    client.force_login(admin)
    fields = {"department": hanoi.pk, "name": "Cổng tin", "scope": "draft", "is_active": "on"}
    created = client.post(
        reverse("wagtailsnippets_api_apitoken:add"), fields, HTTP_HOST="localhost"
    )
    assert created.status_code == 302
    token = ApiToken.objects.get(name="Cổng tin")
    edit = reverse("wagtailsnippets_api_apitoken:edit", args=[token.pk])
    revoked = client.post(edit, {**fields, "is_active": ""}, HTTP_HOST="localhost")
    assert revoked.status_code == 302

    issue, revoke = department_entries(hanoi, "api.token.")
    assert (issue.action, issue.user) == ("api.token.issue", admin)
    assert (revoke.action, revoke.user) == ("api.token.revoke", admin)
    assert revoke.data == {"api_token": "Cổng tin", "api_token_id": token.pk}
    assert message(revoke, "en") == "Revoked API token «Cổng tin»"
