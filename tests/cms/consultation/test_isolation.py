"""Questions in the isolation matrix: departments × roles × every admin surface of a question.

Follows tests/sites/test_isolation.py: three departments provisioned once for the module,
each with a question whose reference, asker and text carry the department's token. Every
surface must show a department's people their own token where the role has access, and
never another department's; direct URLs to another department's question answer 403 or 404
(GET and POST), and POSTs change nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse

import pytest

from cms.consultation.models import Question
from sites.models import Department
from tests.cms.consultation.conftest import ask
from tests.conftest import ROLES, make_department, make_member

CODES = ("HN", "HCM", "BD")
NS = "wagtailsnippets_consultation_question"
CHOOSER_NS = "wagtailsnippetchoosers_consultation_question"


@dataclass
class Tenant:
    department: Department
    token: str
    question: Question
    users: dict[str, Any] = field(default_factory=dict)

    @property
    def leak_markers(self) -> list[str]:
        return [self.token, self.question.reference, self.question.email]


def build_tenant(code: str) -> Tenant:
    department = make_department(code)
    token = f"zz{code.lower()}q"
    users = {role: make_member(department, role) for role in ROLES}
    question = ask(
        department,
        asker_name=f"Người hỏi {token}",
        email=f"{token}@congty.vn",
        question=f"Câu hỏi về thủ tục hải quan {token}",
    )
    return Tenant(department, token, question, users)


@pytest.fixture(scope="module")
def tenants(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield {code: build_tenant(code) for code in CODES}
        transaction.set_rollback(True)
    cache.clear()


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


ALL = set(ROLES)
LISTINGS = {
    "inbox": lambda t: reverse(f"{NS}:list"),
    "inbox-search": lambda t: reverse(f"{NS}:list_results") + "?q=Câu hỏi",
    "inbox-filter-status": lambda t: reverse(f"{NS}:list") + "?status=new",
    "question-chooser": lambda t: reverse(f"{CHOOSER_NS}:choose"),
    "dashboard-figures": lambda t: reverse("wagtailadmin_home"),
}


@pytest.mark.parametrize("surface", LISTINGS)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("code", CODES)
def test_question_listings_show_nothing_of_other_departments(tenants, db, code, role, surface):
    own = tenants[code]
    response = client_for(own.users[role]).get(LISTINGS[surface](own))
    assert response.status_code == 200
    content = response.content.decode()
    for other_code, other in tenants.items():
        if other_code != code:
            for leak in other.leak_markers:
                assert leak not in content, (
                    f"{surface} shows {other_code}'s {leak!r} to {code} {role}"
                )
            assert f"<td>{other_code}</td>" not in content  # a row of the figures panel
    expected = f"<td>{code}</td>" if surface == "dashboard-figures" else own.question.reference
    assert expected in content, f"{surface} does not show {code}'s own question to {role}"


DIRECT = {
    "edit": "edit",
    "history": "history",
    "usage": "usage",
    "delete": "delete",
    "publish": "publish",
    "export": "export",
    "erase": "erase",
}


@pytest.mark.parametrize("surface", DIRECT)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("code", CODES)
def test_direct_urls_to_other_departments_questions_answer_403_or_404(
    tenants, db, code, role, surface
):
    own = tenants[code]
    client = client_for(own.users[role])
    for other_code, other in tenants.items():
        if other_code == code:
            continue
        url = reverse(f"{NS}:{DIRECT[surface]}", args=[other.question.pk])
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code in (403, 404), (
                f"{surface} of {other_code} answers {response.status_code} to {code} {role}"
            )
            assert other.token not in response.content.decode()
        chosen = client.get(reverse(f"{CHOOSER_NS}:chosen", args=[other.question.pk]))
        assert chosen.status_code in (403, 404)
        stored = Question.objects.get(pk=other.question.pk)
        assert stored.email == other.question.email and stored.qa_page_id is None


@pytest.mark.parametrize("surface", ["edit", "history", "export", "erase"])
def test_own_question_stays_reachable(tenants, db, surface):
    own = tenants["HCM"]
    response = client_for(own.users["editor"]).get(
        reverse(f"{NS}:{DIRECT[surface]}", args=[own.question.pk])
    )
    assert response.status_code == 200
    assert own.question.reference in response.content.decode()


def test_export_holds_only_the_users_departments_questions(tenants, db):
    """The same email asked two departments: HCM's officers export HCM's question only."""
    own, other = tenants["HCM"], tenants["HN"]
    shared = ask(other.department, email=own.question.email, question="Câu hỏi gửi Hà Nội")
    response = client_for(own.users["editor"]).get(reverse(f"{NS}:export", args=[own.question.pk]))
    body = response.json()
    assert [q["reference"] for q in body["questions"]] == [own.question.reference]
    assert shared.reference not in response.content.decode()


def test_erase_leaves_other_departments_questions_of_the_same_email(tenants, db):
    own, other = tenants["HCM"], tenants["HN"]
    shared = ask(other.department, email=own.question.email, question="Câu hỏi gửi Hà Nội")
    response = client_for(own.users["moderator"]).post(
        reverse(f"{NS}:erase", args=[own.question.pk])
    )
    assert response.status_code == 302
    assert Question.objects.get(pk=own.question.pk).email == ""
    assert Question.objects.get(pk=shared.pk).email == own.question.email


def test_platform_admin_sees_every_departments_questions(tenants, db, superuser):
    content = client_for(superuser).get(reverse(f"{NS}:list")).content.decode()
    for tenant in tenants.values():
        assert tenant.question.reference in content
