"""Four departments (HQ, HN, HCM, BD), made once per test module and rolled back after it."""

from django.core.cache import cache
from django.db import transaction

import pytest

from tests.conftest import make_department

HOSTS = {
    "HQ": "localhost",
    "HN": "hanoi.localhost",
    "HCM": "hcm.localhost",
    "BD": "binhduong.localhost",
}


@pytest.fixture(scope="module")
def departments(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield {code: make_department(code) for code in HOSTS}
        transaction.set_rollback(True)
    cache.clear()


@pytest.fixture
def sites(departments, db):
    cache.clear()
    yield departments
    cache.clear()
