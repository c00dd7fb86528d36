"""Consultation fixtures: two departments with officers, and helpers to ask and answer."""

from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.test import Client

import pytest

from cms.consultation.models import QAIndexPage, Question
from cms.consultation.services import Submission, receive_question
from sites.models import Department
from tests.conftest import ROLES, make_department, make_member

QUESTION_TEXT = "Doanh nghiệp chúng tôi nhập khẩu máy móc để tạo tài sản cố định, có được miễn thuế nhập khẩu không?"


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@dataclass
class Desk:
    department: Department
    users: dict[str, Any]

    @property
    def host(self) -> str:
        return self.department.site.hostname

    def qa_index(self, language: str = "vi") -> QAIndexPage:
        home = self.department.home_pages().get(locale__language_code=language)
        return QAIndexPage.objects.child_of(home).get()

    def client(self, role: str) -> Client:
        client = Client()
        client.force_login(self.users[role])
        return client


def make_desk(code: str) -> Desk:
    department = make_department(code)
    return Desk(department, {role: make_member(department, role) for role in ROLES})


@pytest.fixture(scope="module")
def _module_desks(django_db_setup, django_db_blocker):
    """Provisioned once per test module and rolled back after it (as tests/sites/test_isolation)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield {code: make_desk(code) for code in ("HCM", "HN")}
        transaction.set_rollback(True)


@pytest.fixture
def desks(_module_desks, db) -> dict[str, Desk]:
    """HCM (department A) and HN (department B), each with an editor, moderator and site admin;
    what a test adds is rolled back after it."""
    return _module_desks


def ask(department: Department, **fields) -> Question:
    data = {
        "asker_name": "Nguyễn Văn An",
        "email": "an.nguyen@congty.vn",
        "question": QUESTION_TEXT,
        "language": "vi",
        "topic_category": "declaration",
        "organisation": "Công ty TNHH Xuất nhập khẩu Sài Gòn",
        "tax_code": "0301234567",
        "phone": "028 3829 1234",
        "consent_to_publish": True,
        **fields,
    }
    data.pop("answer", None)
    return receive_question(department, Submission(**data))


def form_data(**fields) -> dict:
    return {
        "name": "Trần Thị Bình",
        "organisation": "Công ty Cổ phần Logistics Bình Dương",
        "tax_code": "3701234567",
        "email": "binh.tran@logistics.vn",
        "phone": "0274 3822 111",
        "topic": "refund",
        "question": QUESTION_TEXT,
        "language": "vi",
        "consent": "on",
        "website": "",
        **fields,
    }
