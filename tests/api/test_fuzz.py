"""Property-based tests driven by /api/openapi.json (schemathesis), with every check it has.

Besides "no 5xx" and "every answer is documented", the run holds the document to what the
server enforces: data the document allows is accepted (positive_data_acceptance), data it
forbids is refused (negative_data_rejection), undocumented methods answer 405 with `Allow`
(unsupported_method, allow_header_conformance). Derandomized with a fixed budget: CI runs
the same examples every time, so a red build is a real regression.
"""

from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import override_settings

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS, load_all_checks

from cms.api.contract import document
from cms.api.models import ApiToken
from cms.standard.models import StandardPage
from cms.wsgi import application
from tests.conftest import add_page, make_department

load_all_checks()
EVERY_CHECK = CHECKS.get_all()

schema = schemathesis.openapi.from_dict(document())
schema.app = application
# The document says no string may hold U+0000 (PostgreSQL cannot store it); the server refuses it.
schema.config.generation.update(allow_x00=False, codec="utf-8")


# The department's write token, issued by the module fixture before any example is generated.
TOKEN: list[str] = []


@schema.auth()
class DepartmentToken:
    """Writes are exercised with a real token; ignored_auth and missing_required_header probe
    the same requests without it (401 expected)."""

    def get(self, case, ctx) -> str:
        # Called at collection too, before the fixture issues the token: `set` reads it.
        return "department token"

    def set(self, case, data: str, ctx) -> None:
        if TOKEN:
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {TOKEN[0]}"}


@pytest.fixture(scope="module")
def _fuzz_host(django_db_setup, django_db_blocker):
    """One provisioned department for the whole run, rolled back after it: every operation is a
    test of its own, and provisioning per test would cost more than the examples."""
    with django_db_blocker.unblock(), transaction.atomic():
        department = make_department("HCM")
        add_page(department.site.root_page, StandardPage, title="Thông báo", slug="thong-bao")
        TOKEN.append(ApiToken(department=department, name="Kiểm thử", scope="publish").issue())
        yield department.site.hostname
        TOKEN.clear()
        transaction.set_rollback(True)


@pytest.fixture
def fuzz_host(_fuzz_host, db):
    """Calling the WSGI app directly fires request_started/finished, whose close_old_connections
    would close the test's transaction on PostgreSQL; Django's test client disconnects it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield _fuzz_host
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
@override_settings(
    CONSULTATION_RATE_LIMIT_PER_ADDRESS=10_000, CONSULTATION_RATE_LIMIT_PER_EMAIL=10_000
)
@pytest.mark.django_db
def test_api_never_errors_and_keeps_to_its_document_under_every_check(case, fuzz_host):
    headers = dict(case.headers or {})
    headers["Host"] = fuzz_host
    case.headers = headers
    case.call_and_validate(checks=EVERY_CHECK)
