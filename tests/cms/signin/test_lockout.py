"""Repeated failed logins lock the account and the address (django-axes), and each is recorded."""

import logging
import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest
from axes.models import AccessAttempt, AccessFailureLog

PASSWORD = "Hải-quan-đúng-2026"
HOME = "203.0.113.10"
ELSEWHERE = "198.51.100.20"


@pytest.fixture
def people(db):
    User = get_user_model()
    return {
        name: User.objects.create_user(name, f"{name}@customs.gov.vn", PASSWORD)
        for name in ("nguyen.lan", "tran.minh", "le.hoa")
    }


def attempt(username: str, password: str, address: str = HOME) -> tuple[int, bool]:
    """One login on the Wagtail admin's form: its status, and whether it signed the person in."""
    client = Client(REMOTE_ADDR=address)
    response = client.post(
        reverse("wagtailadmin_login"), {"username": username, "password": password}
    )
    return response.status_code, "_auth_user_id" in client.session


def test_the_right_password_signs_in(people):
    assert attempt("nguyen.lan", PASSWORD) == (302, True)


def test_thirty_wrong_passwords_then_the_right_one_is_still_refused(people):
    statuses = [attempt("nguyen.lan", f"sai-{n}")[0] for n in range(30)]

    assert statuses[:4] == [200] * 4  # the login form again, with its error
    assert set(statuses[4:]) == {429}  # from the fifth failure: the lockout page
    assert attempt("nguyen.lan", PASSWORD) == (429, False)


def test_the_lock_is_per_account_from_any_address(people):
    for n in range(5):
        attempt("nguyen.lan", f"sai-{n}", address=HOME)

    assert attempt("nguyen.lan", PASSWORD, address=ELSEWHERE) == (429, False)
    assert attempt("tran.minh", PASSWORD, address=ELSEWHERE) == (302, True)


def test_the_lock_is_per_address_for_any_account(people, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    # Seven guesses at seven accounts (none reaches the account limit): the address still works.
    for n in range(7):
        attempt(f"khong-co-{n}", "sai")
    assert attempt("le.hoa", PASSWORD) == (302, True)

    attempt("khong-co-7", "sai")

    assert attempt("tran.minh", PASSWORD) == (429, False)
    assert attempt("tran.minh", PASSWORD, address=ELSEWHERE) == (302, True)


def test_every_failure_is_recorded_and_logged(people, caplog):
    with caplog.at_level(logging.WARNING, logger="cms.signin"):
        for n in range(3):
            attempt("nguyen.lan", f"sai-{n}")
        attempt("khong-ton-tai", "sai", address=ELSEWHERE)

    assert AccessFailureLog.objects.filter(username="nguyen.lan", ip_address=HOME).count() == 3
    assert AccessFailureLog.objects.filter(username="khong-ton-tai").count() == 1
    assert AccessAttempt.objects.get(username="nguyen.lan").failures_since_start == 3
    failures = [r.getMessage() for r in caplog.records if "Failed login" in r.getMessage()]
    assert len(failures) == 4
    assert "'nguyen.lan' from 203.0.113.10" in failures[0]
    assert all("sai-" not in line for line in failures), "passwords are never logged"


def test_lockout_page_says_when_to_try_again_in_both_languages(people):
    for n in range(5):
        attempt("nguyen.lan", f"sai-{n}")
    client = Client(REMOTE_ADDR=ELSEWHERE)
    response = client.post(
        reverse("wagtailadmin_login"), {"username": "nguyen.lan", "password": PASSWORD}
    )

    assert response.status_code == 429
    assert response["Retry-After"] == str(15 * 60)
    page = response.content.decode()
    assert "Đăng nhập tạm dừng 15 phút" in page
    assert "Signing in is paused for 15 minutes" in page
    assert reverse("wagtailadmin_password_reset") in page


def test_lockout_page_does_not_tell_whether_the_account_exists(people):
    def locked_page(username: str, address: str) -> str:
        for n in range(5):
            attempt(username, f"sai-{n}", address=address)
        response = Client(REMOTE_ADDR=address).post(
            reverse("wagtailadmin_login"), {"username": username, "password": "sai"}
        )
        assert response.status_code == 429
        page = re.sub(r"\d\d:\d\d", "HH:MM", response.content.decode())
        return re.sub(r'"CSRF_TOKEN": "\w+"', "", page)

    assert locked_page("nguyen.lan", HOME) == locked_page("khong-ton-tai", ELSEWHERE)


def test_the_account_opens_again_after_the_cool_off(people):
    for n in range(5):
        attempt("nguyen.lan", f"sai-{n}")
    assert attempt("nguyen.lan", PASSWORD, address=ELSEWHERE) == (429, False)

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))

    assert attempt("nguyen.lan", PASSWORD, address=ELSEWHERE) == (302, True)


def test_tests_still_log_people_in_with_login_and_force_login(people):
    """`client.login` works with or without a request; only a request is counted by axes."""
    assert Client().login(username="nguyen.lan", password=PASSWORD)
    assert not Client().login(username="nguyen.lan", password="sai")
    assert not AccessAttempt.objects.exists()
    client = Client()
    assert client.login(request=HttpRequest(), username="nguyen.lan", password=PASSWORD)
    assert not Client().login(request=HttpRequest(), username="nguyen.lan", password="sai")

    forced = Client()
    forced.force_login(people["tran.minh"])
    assert forced.session["_auth_user_id"] == str(people["tran.minh"].pk)
