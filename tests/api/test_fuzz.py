"""Property-based tests driven by /api/openapi.json (schemathesis): no 5xx, no response off the schema."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from cms.api.openapi import document
from cms.wsgi import application

schema = schemathesis.openapi.from_dict(document())
schema.app = application


@pytest.fixture
def fuzz_sites(sites):
    return sites


@schema.parametrize()
@settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@pytest.mark.django_db
def test_api_never_errors_and_always_matches_its_document(case, fuzz_sites):
    headers = dict(case.headers or {})
    headers["Host"] = fuzz_sites["HCM"]["host"]
    case.headers = headers
    # Free-form parameters (`fields`, `order`, `type`) have values the schema cannot enumerate, so a
    # schema-valid request may rightly get 400: the checks are "no 5xx, and every answer is documented".
    case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ]
    )
