"""A freshly seeded demo department is complete in English: issue #15's translation dashboard
shows 0 missing and 0 outdated, so what an editor adds is what the dashboard reports."""

import pytest

from sites.models import Department
from sites.translation_status import translation_status
from tests.browser.conftest import seed_departments


@pytest.mark.django_db
def test_a_seeded_department_is_complete_in_english():
    seed_departments(8000, codes=("HCM",))
    status = translation_status(Department.objects.get(code="HCM"), "en")
    not_complete = [
        (item.model, item.title, item.status, item.reason)
        for item in [*status.missing, *status.outdated]
    ]
    assert not_complete == []
    assert status.counts["complete"] > 0
