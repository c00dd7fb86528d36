"""Password reset and invitation links work once, and not after `PASSWORD_RESET_TIMEOUT`."""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

NEW_PASSWORD = "Cửa-khẩu-Lào-Cai-2026"


def link_for(user, token: str) -> str:
    return reverse(
        "wagtailadmin_password_reset_confirm",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": token},
    )


def set_password_with(link: str, password: str = NEW_PASSWORD) -> bool:
    """Follow the link as its recipient would; True when it let them set a password."""
    client = Client()
    page = client.get(link, follow=True)
    if not page.context["validlink"]:
        return False
    response = client.post(
        page.redirect_chain[-1][0], {"new_password1": password, "new_password2": password}
    )
    return response.status_code == 302


def test_reset_links_expire_within_a_day():
    assert settings.PASSWORD_RESET_TIMEOUT <= 24 * 60 * 60


def test_an_invitation_link_sets_a_password_once(department, member):
    hanoi = department("HN")
    admin = member(hanoi, "site_admin")
    client = Client()
    client.force_login(admin)
    client.post(
        reverse("departments_team:add", args=[hanoi.code]),
        {"email": "pham.thu@customs.gov.vn", "first_name": "Thu", "role": "editor"},
    )
    link = mail.outbox[-1].body.split("http://testserver", 1)[1].split()[0]

    assert set_password_with(link)
    person = get_user_model().objects.get(email="pham.thu@customs.gov.vn")
    assert person.check_password(NEW_PASSWORD)

    assert not set_password_with(link, "Một-mật-khẩu-khác-2026")
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)


def test_a_reset_link_older_than_the_timeout_is_refused(db, monkeypatch):
    person = get_user_model().objects.create_user("vu.hai", "vu.hai@customs.gov.vn", "Cũ-2025-x")
    issued = datetime.now() - timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: issued)
    old_token = default_token_generator.make_token(person)
    monkeypatch.undo()

    assert not set_password_with(link_for(person, old_token))
    assert set_password_with(link_for(person, default_token_generator.make_token(person)))


def test_a_tampered_reset_link_is_refused(db):
    person = get_user_model().objects.create_user("dao.an", "dao.an@customs.gov.vn", "Cũ-2025-x")
    token = default_token_generator.make_token(person)
    tampered = token[:-1] + ("0" if token[-1] != "0" else "1")
    assert not set_password_with(link_for(person, tampered))
