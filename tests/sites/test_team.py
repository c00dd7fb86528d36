"""A department's site admins manage their own people, and nobody else's."""

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

import pytest

from sites.team import role_of


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
    assert "email" in response.context["form"].errors
    assert role_of(hanoi, other_editor) is None
    assert role_of(saigon, other_editor) == "editor"
    assert mail.outbox == []


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
