"""A department's site admins manage their own people, and nobody else's."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from sites.team import ALREADY_MEMBER, CANNOT_ADD, role_of


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def hanoi(department):
    return department("HN")


@pytest.fixture
def saigon(department):
    return department("HCM")


def test_site_admin_sees_own_team_and_no_other_departments(hanoi, saigon, member):
    admin = member(hanoi, "site_admin")
    own_editor = member(hanoi, "editor")
    other_editor = member(saigon, "editor")

    page = client_for(admin).get(reverse("departments_team:index"))

    assert page.status_code == 200
    content = page.content.decode()
    assert own_editor.email in content
    assert hanoi.name in content
    assert other_editor.email not in content
    assert saigon.name not in content


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_editors_and_moderators_have_no_team_screen(hanoi, member, role):
    client = client_for(member(hanoi, role))
    assert client.get(reverse("departments_team:index")).status_code == 404
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("departments_team:index") not in dashboard


def test_site_admin_adds_a_new_person_who_gets_a_link_to_set_a_password(hanoi, member):
    admin = member(hanoi, "site_admin")
    response = client_for(admin).post(
        reverse("departments_team:add", args=[hanoi.code]),
        {
            "email": "Nguyen.Van.An@customs.gov.vn",
            "first_name": "An",
            "last_name": "Nguyễn Văn",
            "role": "moderator",
        },
    )

    assert response.status_code == 302
    person = get_user_model().objects.get(email="nguyen.van.an@customs.gov.vn")
    assert role_of(hanoi, person) == "moderator"
    assert not person.has_usable_password()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nguyen.van.an@customs.gov.vn"]
    assert "/admin/password_reset/confirm/" in mail.outbox[0].body
    assert hanoi.name in mail.outbox[0].subject


def test_a_person_of_another_department_is_not_taken_over(hanoi, saigon, member):
    admin = member(hanoi, "site_admin")
    other_editor = member(saigon, "editor")

    response = client_for(admin).post(
        reverse("departments_team:add", args=[hanoi.code]),
        {"email": other_editor.email, "role": "editor"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [str(CANNOT_ADD)]
    assert saigon.name not in response.content.decode()
    assert role_of(hanoi, other_editor) is None
    assert role_of(saigon, other_editor) == "editor"
    assert mail.outbox == []


def _post_add(client: Client, department, email: str):
    """The add form posted with `email`, and the queries its answer took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            reverse("departments_team:add", args=[department.code]),
            {"email": email, "role": "editor"},
        )
    return response, len(queries)


def _without_request_noise(response, email: str) -> str:
    """The page with the posted address and the (per-render, 64 characters) CSRF token blanked."""
    content = response.content.decode().replace(email, "EMAIL")
    return re.sub(r"\b[A-Za-z0-9]{64}\b", "CSRF", content)


def test_every_address_that_cannot_be_added_gets_one_identical_answer(
    hanoi, saigon, member, superuser
):
    """A platform admin, another department's member, a deactivated account and an account with
    powers of its own are refused alike: same status, template, page and queries."""
    User = get_user_model()
    inactive = User.objects.create_user("da-nghi", "da.nghi@customs.gov.vn", "pw", is_active=False)
    powered = User.objects.create_user("kiem-toan", "kiem.toan@customs.gov.vn", "pw")
    powered.groups.add(Group.objects.create(name="Kiểm toán nội bộ"))
    refused = [superuser.email, member(saigon, "editor").email, inactive.email, powered.email]
    client = client_for(member(hanoi, "site_admin"))
    client.get(reverse("departments_team:add", args=[hanoi.code]))  # warm the session's caches

    answers = [(email, *_post_add(client, hanoi, email)) for email in refused]

    first_email, first, first_queries = answers[0]
    expected = _without_request_noise(first, first_email)
    assert first.status_code == 200
    assert str(CANNOT_ADD) in first.content.decode()
    for email, response, queries in answers[1:]:
        assert response.status_code == first.status_code
        assert [t.name for t in response.templates] == [t.name for t in first.templates]
        assert _without_request_noise(response, email) == expected, email
        assert queries == first_queries, email
    assert saigon.name not in expected
    assert mail.outbox == []
    assert role_of(hanoi, inactive) is None and role_of(hanoi, powered) is None


def test_a_free_account_joins_and_is_emailed_the_sign_in_link(hanoi, member):
    """Someone with an account in no department and no powers of their own can be added."""
    person = get_user_model().objects.create_user(
        "tran.thi.binh", "tran.thi.binh@customs.gov.vn", "mật-khẩu-cũ"
    )
    response = client_for(member(hanoi, "site_admin")).post(
        reverse("departments_team:add", args=[hanoi.code]),
        {"email": "Tran.Thi.Binh@customs.gov.vn", "role": "editor"},
    )

    assert response.status_code == 302
    assert role_of(hanoi, person) == "editor"
    person.refresh_from_db()
    assert person.check_password("mật-khẩu-cũ"), "their password stays"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["tran.thi.binh@customs.gov.vn"]
    assert "/admin/login/" in mail.outbox[0].body
    assert "/admin/password_reset/" not in mail.outbox[0].body


def test_a_member_of_the_team_is_told_so(hanoi, member):
    editor = member(hanoi, "editor")
    response = client_for(member(hanoi, "site_admin")).post(
        reverse("departments_team:add", args=[hanoi.code]),
        {"email": editor.email, "role": "moderator"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [str(ALREADY_MEMBER)]
    assert role_of(hanoi, editor) == "editor"


def test_bad_email_is_a_form_error_and_creates_no_one(hanoi, member):
    admin = member(hanoi, "site_admin")
    users_before = get_user_model().objects.count()
    response = client_for(admin).post(
        reverse("departments_team:add", args=[hanoi.code]),
        {"email": "không-phải-email", "role": "editor"},
    )
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert get_user_model().objects.count() == users_before


def test_site_admin_changes_a_role_and_removes_a_member(hanoi, member):
    admin = member(hanoi, "site_admin")
    editor = member(hanoi, "editor")
    client = client_for(admin)
    url = reverse("departments_team:edit", args=[hanoi.code, editor.pk])

    assert client.post(url, {"role": "moderator"}).status_code == 302
    assert role_of(hanoi, editor) == "moderator"

    assert client.post(url, {"remove": "1"}).status_code == 302
    assert role_of(hanoi, editor) is None
    assert get_user_model().objects.filter(pk=editor.pk).exists(), "the account itself stays"


def test_site_admin_cannot_change_their_own_role(hanoi, member):
    admin = member(hanoi, "site_admin")
    client_for(admin).post(
        reverse("departments_team:edit", args=[hanoi.code, admin.pk]), {"remove": "1"}
    )
    assert role_of(hanoi, admin) == "site_admin"


def test_site_admin_cannot_reach_another_departments_team(hanoi, saigon, member):
    admin = member(hanoi, "site_admin")
    other_editor = member(saigon, "editor")
    client = client_for(admin)

    assert client.get(reverse("departments_team:add", args=[saigon.code])).status_code == 404
    edit = reverse("departments_team:edit", args=[saigon.code, other_editor.pk])
    assert client.get(edit).status_code == 404
    assert client.post(edit, {"remove": "1"}).status_code == 404
    # A person of another department named under one's own department is not found either.
    crossed = reverse("departments_team:edit", args=[hanoi.code, other_editor.pk])
    assert client.post(crossed, {"role": "site_admin"}).status_code == 404
    assert role_of(saigon, other_editor) == "editor"
    assert role_of(hanoi, other_editor) is None
