"""A second factor after the password: required of platform and site admins, TOTP or recovery code."""

import logging
import re
import time
from datetime import timedelta
from io import StringIO

from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

HOME = reverse("wagtailadmin_home")


@pytest.fixture(autouse=True)
def _enforced(settings):
    """The test settings leave the second factor off for the rest of the suite; here it is on."""
    settings.OTP_ENFORCED = True


def signed_in(user) -> Client:
    """A session after the password step (the second factor not yet given)."""
    client = Client()
    client.force_login(user)
    return client


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """What the person's authenticator app shows (`steps_ahead` = 1: the next 30 seconds' code,
    which the device accepts too and which a code already used in this step does not block)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def authenticator(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=True)


def recovery_codes(user, *codes: str) -> None:
    device = StaticDevice.objects.create(user=user, name="Recovery codes")
    for code in codes:
        device.token_set.create(token=code)


def admin_page_status(client: Client) -> tuple[int, str]:
    response = client.get(HOME)
    return response.status_code, response.get("Location", "")


def test_platform_admin_without_a_device_is_sent_to_set_one_up(superuser):
    assert admin_page_status(signed_in(superuser)) == (
        302,
        reverse("signin:enrol") + "?next=%2Fadmin%2F",
    )


def test_site_admin_without_a_device_is_sent_to_set_one_up(department, member):
    site_admin = member(department("HN"), "site_admin")
    status, location = admin_page_status(signed_in(site_admin))
    assert (status, location.split("?")[0]) == (302, reverse("signin:enrol"))


def test_editor_is_not_forced_unless_the_setting_says_so(department, member, settings):
    editor = member(department("HN"), "editor")
    assert admin_page_status(signed_in(editor))[0] == 200

    settings.OTP_REQUIRED_FOR_ALL = True
    status, location = admin_page_status(signed_in(editor))
    assert (status, location.split("?")[0]) == (302, reverse("signin:enrol"))


def test_without_enforcement_the_admin_opens_after_the_password(superuser, settings):
    settings.OTP_ENFORCED = False
    assert admin_page_status(signed_in(superuser))[0] == 200


def test_setting_up_shows_a_qr_code_then_ten_recovery_codes_once(superuser):
    client = signed_in(superuser)
    page = client.get(reverse("signin:enrol"))
    assert page.status_code == 200
    content = page.content.decode()
    assert "<svg" in content and "otpauth" not in content  # the URL is only inside the QR code
    device = TOTPDevice.objects.get(user=superuser, confirmed=False)
    assert page.context["secret"].replace(" ", "") in content.replace(" ", "")

    wrong = client.post(reverse("signin:enrol"), {"code": "000000"})
    assert wrong.status_code == 200 and wrong.context["form"].errors
    assert admin_page_status(client)[1].startswith(reverse("signin:enrol"))

    device.throttle_reset()
    done = client.post(reverse("signin:enrol"), {"code": code_for(device), "next": HOME})

    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == len(set(codes)) == 10
    assert all(code in done.content.decode() for code in codes)
    assert "no-store" in done["Cache-Control"]
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(codes)
    assert admin_page_status(client)[0] == 200
    # Set up once: the page now asks for a code instead of showing a new secret.
    other_session = signed_in(superuser)
    assert other_session.get(reverse("signin:enrol"))["Location"].startswith(
        reverse("signin:verify")
    )


def test_with_a_device_the_admin_needs_a_valid_code(superuser, caplog):
    device = authenticator(superuser)
    client = signed_in(superuser)
    status, location = admin_page_status(client)
    assert (status, location) == (302, reverse("signin:verify") + "?next=%2Fadmin%2F")

    with caplog.at_level(logging.WARNING, logger="cms.signin"):
        wrong = client.post(reverse("signin:verify"), {"code": "123456", "next": HOME})
    assert wrong.status_code == 200
    assert "Mã không đúng" in str(wrong.context["form"].errors["code"])
    assert "Mã không đúng" in wrong.content.decode()  # in the page's messages, as on the login
    assert admin_page_status(client)[0] == 302
    assert any("Wrong second-factor code" in r.getMessage() for r in caplog.records)

    device.throttle_reset()
    right = client.post(reverse("signin:verify"), {"code": code_for(device), "next": HOME})
    assert (right.status_code, right["Location"]) == (302, HOME)
    assert admin_page_status(client)[0] == 200


def test_wrong_codes_are_throttled(superuser):
    device = authenticator(superuser)
    client = signed_in(superuser)
    client.post(reverse("signin:verify"), {"code": "000000"})

    # Straight after a wrong code even the right one waits (django-otp doubles the wait).
    refused = client.post(reverse("signin:verify"), {"code": code_for(device)})
    assert "Nhập sai mã quá nhiều lần" in str(refused.context["form"].errors["code"])
    assert admin_page_status(client)[0] == 302

    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(seconds=5)
    )
    assert client.post(reverse("signin:verify"), {"code": code_for(device)}).status_code == 302
    assert admin_page_status(client)[0] == 200


def test_a_recovery_code_works_once(superuser):
    authenticator(superuser)
    recovery_codes(superuser, "abcd2345", "efgh6723")

    first = signed_in(superuser)
    response = first.post(reverse("signin:verify"), {"code": "ABCD 2345", "next": HOME})
    assert response.status_code == 302
    assert admin_page_status(first)[0] == 200

    second = signed_in(superuser)
    again = second.post(reverse("signin:verify"), {"code": "abcd2345"})
    assert again.status_code == 200 and again.context["form"].errors
    assert admin_page_status(second)[0] == 302
    assert list(StaticToken.objects.values_list("token", flat=True)) == ["efgh6723"]


def test_a_recovery_code_does_not_throttle_the_authenticator(superuser):
    device = authenticator(superuser)
    recovery_codes(superuser, "abcd2345")
    client = signed_in(superuser)
    client.post(reverse("signin:verify"), {"code": "wrongcode"})

    assert client.post(reverse("signin:verify"), {"code": code_for(device)}).status_code == 302


def test_signing_out_and_resetting_a_password_stay_open_before_the_second_factor(superuser):
    authenticator(superuser)
    client = signed_in(superuser)
    assert client.get(reverse("wagtailadmin_password_reset")).status_code == 200
    assert client.post(reverse("wagtailadmin_logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_after_the_code_only_pages_on_this_host_are_followed(superuser):
    device = authenticator(superuser)
    client = signed_in(superuser)
    response = client.post(
        reverse("signin:verify"), {"code": code_for(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == HOME


def test_new_recovery_codes_replace_the_old_ones(superuser):
    device = authenticator(superuser)
    recovery_codes(superuser, "abcd2345")
    client = signed_in(superuser)
    client.post(reverse("signin:verify"), {"code": code_for(device)})
    overview = client.get(reverse("signin:index"))
    assert overview.status_code == 200 and overview.context["codes_left"] == 1

    response = client.post(reverse("signin:recovery_codes"))

    codes = response.context["codes"]
    assert len(codes) == 10
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(codes)
    assert "abcd2345" not in codes


def test_new_recovery_codes_need_the_second_factor_first(superuser):
    authenticator(superuser)
    recovery_codes(superuser, "abcd2345")
    response = signed_in(superuser).post(reverse("signin:recovery_codes"))
    assert response.status_code == 302
    assert list(StaticToken.objects.values_list("token", flat=True)) == ["abcd2345"]


def test_platform_admin_resets_a_persons_second_factor(superuser, caplog):
    device = authenticator(superuser)
    recovery_codes(superuser, "abcd2345")
    client = signed_in(superuser)
    client.post(reverse("signin:verify"), {"code": code_for(device)})
    assert admin_page_status(client)[0] == 200

    out = StringIO()
    with caplog.at_level(logging.WARNING, logger="cms.signin"):
        call_command("reset_second_factor", superuser.username, stdout=out)

    assert "2 two-step verification devices removed" in out.getvalue()
    assert not TOTPDevice.objects.exists() and not StaticDevice.objects.exists()
    assert any("Second factor reset" in r.getMessage() for r in caplog.records)
    # The verified session is verified no more: it sets up a new authenticator.
    assert admin_page_status(client)[1].startswith(reverse("signin:enrol"))


def test_resetting_an_unknown_account_is_one_clear_error(db):
    with pytest.raises(CommandError, match="No account"):
        call_command("reset_second_factor", "khong-ton-tai")


def test_the_verify_page_is_the_admin_login_style_in_vietnamese(superuser):
    authenticator(superuser)
    client = signed_in(superuser)
    page = client.get(reverse("signin:verify"), HTTP_ACCEPT_LANGUAGE="vi")
    content = page.content.decode()
    assert 'class="login' in content or re.search(r"<body[^>]*login", content)
    assert "Xác thực hai bước" in content
