"""Shared fixtures: departments (tenants), their people, and small page trees.

Departments are made with the real provisioning operation, so every test
runs against the same groups and permissions production has.
"""

from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser

from wagtail.models import Page

import pytest

from sites.models import Department
from sites.provisioning import DepartmentSpec, provision_department


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite the API's golden responses (tests/api/expected/) from what the server "
        "answers now, instead of comparing with them; review the diff before committing.",
    )


def pytest_configure() -> None:
    """WhiteNoise warns on every request when STATIC_ROOT is missing (`make test` makes it too)."""
    Path(str(settings.STATIC_ROOT)).mkdir(parents=True, exist_ok=True)


DEPARTMENTS = {
    "HN": ("Cục Hải quan TP. Hà Nội", "Ha Noi Customs Department", "hanoi.localhost"),
    "HCM": (
        "Cục Hải quan TP. Hồ Chí Minh",
        "Ho Chi Minh City Customs Department",
        "hcm.localhost",
    ),
    "BD": ("Cục Hải quan tỉnh Bình Dương", "Binh Duong Customs Department", "binhduong.localhost"),
    "HQ": ("Tổng cục Hải quan", "General Department of Vietnam Customs", "localhost"),
}
ROLES = ("editor", "moderator", "site_admin")


def make_department(code: str) -> Department:
    name, name_en, hostname = DEPARTMENTS[code]
    spec = DepartmentSpec(
        code=code,
        name=name,
        name_en=name_en,
        hostname=hostname,
        is_headquarters=code == "HQ",
    )
    return provision_department(spec).department


def make_member(department: Department, role: str) -> AbstractBaseUser:
    """A user in one of the department's groups: editor, moderator or site_admin."""
    user = get_user_model().objects.create_user(
        username=f"{role}-{department.code.lower()}",
        email=f"{role}-{department.code.lower()}@customs.gov.vn",
        password="password",
    )
    user.groups.add(getattr(department, f"{role}s_group"))
    return user


@pytest.fixture
def department(db) -> Callable[[str], Department]:
    """Factory: `department("HCM")` provisions (or returns) that demo department."""
    return make_department


@pytest.fixture
def member(db) -> Callable[[Department, str], AbstractBaseUser]:
    return make_member


@pytest.fixture
def superuser(db) -> AbstractBaseUser:
    return get_user_model().objects.create_superuser("platform", "platform@customs.gov.vn", "pw")


def add_page(parent: Page, page_class: type[Page], **fields) -> Page:
    """Add and publish a page under `parent`."""
    page = page_class(**fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture(autouse=True)
def forget_resolved_sites() -> None:
    """Each test starts with no site resolved (`sites.resolver`).

    The resolver forgets its sites when a Site or a Department is saved or deleted; a test's
    rollback sends no signal, so without this a site the last test made (and rolled back) would
    still answer for its hostname in this process.
    """
    from sites import resolver

    resolver.invalidate()


@pytest.fixture(scope="module")
def restore_database_after_module(django_db_blocker) -> Iterator[None]:
    """For a module of transactional tests (a live server, a worker process): put the migrated
    data back when the module is done.

    A transactional test empties every table when it ends (Django's flush; `serialized_rollback`
    reloads the data only when the *next* transactional test starts). `make test` keeps a file on
    one worker (`--dist loadfile`), so the file after it on that worker would find no root page,
    no content types and no sites.
    """
    yield
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
