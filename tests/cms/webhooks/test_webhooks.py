"""Webhooks: signed JSON posted to a local receiver, retried with backoff, scoped per department."""

from __future__ import annotations

import json
from datetime import timedelta

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

import pytest

from cms.standard.models import StandardPage
from cms.webhooks import signing
from cms.webhooks.delivery import backoff, retry_due, send_event
from cms.webhooks.models import Delivery, Event, Subscription
from cms.webhooks.urls import validate_webhook_url
from tests.cms.webhooks.receiver import start_receiver
from tests.conftest import add_page, make_department, make_member

PORT = 8671


@pytest.fixture(scope="module")
def departments(django_db_setup, django_db_blocker):
    """HCM and HN, provisioned once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield {code: make_department(code) for code in ("HCM", "HN")}
        transaction.set_rollback(True)
    cache.clear()


@pytest.fixture
def hcm(departments, db):
    return departments["HCM"]


@pytest.fixture
def receiver():
    receiver, server = start_receiver(PORT)
    yield receiver
    server.shutdown()
    server.server_close()


def subscribe(
    department, url: str, events=(Event.PUBLISHED,), name="Hệ thống tin tức"
) -> Subscription:
    subscription = Subscription(department=department, name=name, url=url, events=list(events))
    subscription.new_secret()
    subscription.save()
    return subscription


def test_publishing_posts_a_signed_payload(hcm, receiver, django_capture_on_commit_callbacks):
    subscription = subscribe(hcm, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        page = add_page(
            hcm.site.root_page, StandardPage, title="Thông báo lịch làm việc", slug="lich"
        )

    assert len(receiver.received) == 1
    request = receiver.received[0]
    assert signing.verify(
        subscription.secret, request.headers[signing.SIGNATURE_HEADER], request.body
    )
    assert not signing.verify("khóa sai", request.headers[signing.SIGNATURE_HEADER], request.body)
    assert not signing.verify(
        subscription.secret, request.headers[signing.SIGNATURE_HEADER], request.body + b" "
    )
    payload = json.loads(request.body)
    assert payload["event"] == "published" and payload["department"] == "HCM"
    assert payload["data"]["page"]["id"] == page.pk
    assert payload["data"]["page"]["title"] == "Thông báo lịch làm việc"
    assert request.headers[signing.EVENT_HEADER] == "published"
    delivery = Delivery.objects.get(subscription=subscription)
    assert request.headers[signing.DELIVERY_HEADER] == str(delivery.uuid) == payload["id"]
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("succeeded", 1, 200)


def test_an_old_signature_is_refused_by_the_check_receivers_use():
    body = b'{"event":"alert"}'
    old = signing.signature_header("bí mật", body, timestamp=int(timezone.now().timestamp()) - 3600)
    assert not signing.verify("bí mật", old, body)
    assert signing.verify("bí mật", signing.signature_header("bí mật", body), body)


def test_only_listened_events_of_own_department_and_platform_wide(
    departments, db, receiver, django_capture_on_commit_callbacks
):
    hcm, hn = departments["HCM"], departments["HN"]
    own = subscribe(hcm, receiver.url + "/hcm", events=[Event.ALERT])
    other = subscribe(hn, receiver.url + "/hn", events=[Event.ALERT, Event.STATISTICS])
    platform = subscribe(None, receiver.url + "/all", events=[Event.ALERT])
    with django_capture_on_commit_callbacks(execute=True):
        send_event(hcm, Event.ALERT, {"message": "Hệ thống VNACCS tạm dừng"})
        send_event(hcm, Event.STATISTICS, {"declarations": 1200})

    assert sorted(r.path for r in receiver.received) == ["/hook/all", "/hook/hcm"]
    assert Delivery.objects.filter(subscription=own).count() == 1
    assert Delivery.objects.filter(subscription=platform).count() == 1
    assert not Delivery.objects.filter(subscription=other).exists()
    assert json.loads(receiver.received[0].body)["data"] == {"message": "Hệ thống VNACCS tạm dừng"}
    with pytest.raises(ValueError):
        send_event(hcm, "not-an-event", {})


@override_settings(WEBHOOK_RETRY_BASE_SECONDS=10, WEBHOOK_MAX_ATTEMPTS=4)
def test_failures_are_retried_with_exponential_backoff(
    hcm, receiver, django_capture_on_commit_callbacks
):
    receiver.statuses = [500, 503, 200]
    subscription = subscribe(hcm, receiver.url, events=[Event.ALERT])
    with django_capture_on_commit_callbacks(execute=True):
        send_event(hcm, Event.ALERT, {"message": "Cảnh báo"})
    delivery = Delivery.objects.get(subscription=subscription)
    assert (delivery.status, delivery.attempts, delivery.error) == ("retrying", 1, "HTTP 500")
    assert delivery.next_attempt_at - delivery.last_attempt_at == timedelta(seconds=10)

    assert retry_due(now=delivery.last_attempt_at + timedelta(seconds=5)) == []  # not due yet
    retry_due(now=delivery.next_attempt_at)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("retrying", 2, 503)
    assert delivery.next_attempt_at - delivery.last_attempt_at == timedelta(seconds=20)

    retry_due(now=delivery.next_attempt_at)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.error) == ("succeeded", 3, "")
    ids = {r.headers[signing.DELIVERY_HEADER] for r in receiver.received}
    assert ids == {str(delivery.uuid)} and len(receiver.received) == 3  # one id: receivers dedupe


@override_settings(WEBHOOK_RETRY_BASE_SECONDS=1, WEBHOOK_MAX_ATTEMPTS=2)
def test_gives_up_after_the_last_attempt_and_never_follows_redirects(
    hcm, receiver, django_capture_on_commit_callbacks
):
    receiver.statuses = [302]
    subscribe(hcm, receiver.url, events=[Event.ALERT])
    with django_capture_on_commit_callbacks(execute=True):
        (delivery,) = send_event(hcm, Event.ALERT, {"message": "Cảnh báo"})
    retry_due(now=timezone.now() + timedelta(seconds=5))
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("failed", 2, 302)
    assert [r.path for r in receiver.received] == ["/hook", "/hook"]  # never /elsewhere
    assert retry_due(now=timezone.now() + timedelta(days=1)) == []
    assert backoff(3) == timedelta(seconds=4)


@pytest.mark.parametrize(
    "url",
    [
        "ftp://1.1.1.1/hook",
        "javascript:alert(1)",
        "http://127.0.0.1:8000/",
        "http://localhost/",
        "http://10.0.0.5/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://0.0.0.0/",
    ],
)
@override_settings(WEBHOOK_ALLOW_PRIVATE_ADDRESSES=False)
def test_refuses_other_schemes_and_private_addresses(url):
    with pytest.raises(ValidationError):
        validate_webhook_url(url)


@override_settings(WEBHOOK_ALLOW_PRIVATE_ADDRESSES=False)
def test_accepts_a_public_https_address():
    validate_webhook_url("https://1.1.1.1/hook")  # an address literal: nothing is resolved


def test_private_addresses_allowed_where_the_setting_says_so():
    with override_settings(WEBHOOK_ALLOW_PRIVATE_ADDRESSES=True):
        validate_webhook_url("http://127.0.0.1:8000/hook")
    with pytest.raises(ValidationError):
        validate_webhook_url("file:///etc/passwd")


def test_a_subscription_turned_private_is_not_posted_to(
    hcm, receiver, django_capture_on_commit_callbacks
):
    """The address is checked again when sending (a name may resolve elsewhere since)."""
    subscribe(hcm, receiver.url, events=[Event.ALERT])
    with override_settings(WEBHOOK_ALLOW_PRIVATE_ADDRESSES=False):
        with django_capture_on_commit_callbacks(execute=True):
            (delivery,) = send_event(hcm, Event.ALERT, {"message": "Cảnh báo"})
    delivery.refresh_from_db()
    assert delivery.status == "retrying" and "(127.0.0.1)" in delivery.error
    assert receiver.received == []


def test_unpublish_move_and_delete_are_sent(hcm, receiver, django_capture_on_commit_callbacks):
    subscribe(hcm, receiver.url, events=[Event.UNPUBLISHED, Event.MOVED, Event.DELETED])
    home = hcm.site.root_page
    section = add_page(home, StandardPage, title="Chuyên mục", slug="chuyen-muc")
    page = add_page(home, StandardPage, title="Quy trình thông quan", slug="quy-trinh")
    with django_capture_on_commit_callbacks(execute=True):
        page.move(section, pos="last-child")
        page.refresh_from_db()
        page.unpublish()
        section.refresh_from_db()
        section.delete()  # with the page under it
    events = [json.loads(r.body) for r in receiver.received]
    sent = [(e["event"], e["data"]["page"]["title"]) for e in events]
    assert sent[:2] == [("moved", "Quy trình thông quan"), ("unpublished", "Quy trình thông quan")]
    assert events[0]["data"]["url_path_before"].endswith("/quy-trinh/")
    assert events[0]["data"]["page"]["url_path"].endswith("/chuyen-muc/quy-trinh/")
    # Deleting: Wagtail unpublishes the live section; both pages were public once: "deleted".
    assert sorted(sent[2:]) == [
        ("deleted", "Chuyên mục"),
        ("deleted", "Quy trình thông quan"),
        ("unpublished", "Chuyên mục"),
    ]


# --- Admin -------------------------------------------------------------------------------------


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_site_admin_adds_a_webhook_and_sees_its_secret_once(hcm):
    admin = client_for(make_member(hcm, "site_admin"))
    response = admin.post(
        reverse("wagtailsnippets_webhooks_subscription:add"),
        {
            "department": hcm.pk,
            "name": "Cổng dịch vụ công",
            "url": "https://1.1.1.1/hook",
            "events": ["published", "alert"],
            "is_active": "on",
        },
        follow=True,
    )
    assert response.status_code == 200
    subscription = Subscription.objects.get(name="Cổng dịch vụ công")
    assert subscription.department == hcm and subscription.events == ["published", "alert"]
    assert len(subscription.secret) >= 40
    assert subscription.secret in response.content.decode()  # once, in the success message

    listing = admin.get(reverse("wagtailsnippets_webhooks_subscription:list")).content.decode()
    edit = admin.get(
        reverse("wagtailsnippets_webhooks_subscription:edit", args=[subscription.pk])
    ).content.decode()
    assert "Cổng dịch vụ công" in listing and subscription.secret_hint in listing
    assert subscription.secret not in listing and subscription.secret not in edit


def test_rotating_the_secret_shows_the_new_one_once(hcm):
    subscription = subscribe(hcm, "https://1.1.1.1/hook")
    old = subscription.secret
    admin = client_for(make_member(hcm, "site_admin"))
    response = admin.post(
        reverse("wagtailsnippets_webhooks_subscription:edit", args=[subscription.pk]),
        {
            "department": hcm.pk,
            "name": subscription.name,
            "url": subscription.url,
            "events": ["published"],
            "is_active": "on",
            "rotate_secret": "on",
        },
        follow=True,
    )
    subscription.refresh_from_db()
    assert subscription.secret != old
    assert subscription.secret in response.content.decode() and old not in response.content.decode()


def test_only_platform_admins_make_platform_wide_webhooks(hcm, superuser):
    data = {"name": "Toàn hệ thống", "url": "https://1.1.1.1/all", "events": ["alert"]}
    admin = client_for(make_member(hcm, "site_admin"))
    admin.post(reverse("wagtailsnippets_webhooks_subscription:add"), data)
    assert not Subscription.objects.exists()
    client_for(superuser).post(reverse("wagtailsnippets_webhooks_subscription:add"), data)
    assert Subscription.objects.get().department is None


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_editors_and_moderators_read_the_log_but_not_the_webhooks(hcm, role):
    subscription = subscribe(hcm, "https://1.1.1.1/hook", name="Hệ thống báo chí")
    delivery = Delivery.objects.create(
        subscription=subscription, event=Event.ALERT, payload={"data": {}}, status="failed"
    )
    client = client_for(make_member(hcm, role))
    assert client.get(reverse("wagtailsnippets_webhooks_subscription:list")).status_code in (
        302,
        403,
    )
    log = client.get(reverse("wagtailsnippets_webhooks_delivery:list"))
    assert log.status_code == 200 and "Hệ thống báo chí" in log.content.decode()
    inspect = client.get(reverse("wagtailsnippets_webhooks_delivery:inspect", args=[delivery.pk]))
    assert inspect.status_code == 200 and str(delivery.uuid) in inspect.content.decode()
    assert subscription.secret not in inspect.content.decode()
    for view in ("edit", "delete"):
        url = reverse(f"wagtailsnippets_webhooks_delivery:{view}", args=[delivery.pk])
        assert client.get(url).status_code in (302, 403)


def test_the_log_is_read_only_for_platform_admins_too(hcm, superuser):
    delivery = Delivery.objects.create(
        subscription=subscribe(hcm, "https://1.1.1.1/hook"), event=Event.ALERT, payload={}
    )
    client = client_for(superuser)
    assert client.get(reverse("wagtailsnippets_webhooks_delivery:list")).status_code == 200
    url = reverse("wagtailsnippets_webhooks_delivery:edit", args=[delivery.pk])
    assert client.get(url).status_code in (302, 403)
    assert client.get(reverse("wagtailsnippets_webhooks_delivery:add")).status_code in (302, 403)


def test_the_webhook_log_and_the_task_queue_leave_the_api_cache_alone(hcm):
    """Deliveries and queued tasks are written all day: they change no public content."""
    from cms.api.cache import generation
    from cms.core.storage_settings import task_backends
    from cms.core.tasks import send_email

    before = generation()
    subscription = subscribe(hcm, "https://1.1.1.1/hook")
    Delivery.objects.create(subscription=subscription, event=Event.ALERT, payload={})
    with override_settings(TASKS=task_backends("database")):
        send_email.enqueue("Thư", "Nội dung", ["an@example.vn"])
    assert generation() == before
    hcm.save()  # control: a department's own data is content
    assert generation() > before
