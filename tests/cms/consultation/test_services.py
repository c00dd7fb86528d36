"""Reference numbers, due dates in working days, figures."""

import datetime

from django.test import override_settings
from django.utils import timezone

from cms.consultation.models import Question, ReferenceCounter
from cms.consultation.services import add_working_days, figures, next_reference
from tests.cms.consultation.conftest import ask


def test_working_days_skip_weekends():
    friday = datetime.date(2026, 11, 20)
    assert add_working_days(friday, 1) == datetime.date(2026, 11, 23)  # Monday
    assert add_working_days(friday, 5) == datetime.date(2026, 11, 27)
    assert add_working_days(datetime.date(2026, 11, 21), 1) == datetime.date(2026, 11, 23)


@override_settings(CONSULTATION_SLA_WORKING_DAYS=2)
def test_due_date_follows_the_configured_service_level(desks):
    question = ask(desks["HCM"].department)
    received = timezone.localdate(question.received_at)
    assert question.due_on == add_working_days(received, 2)


def test_references_count_per_department_and_year(desks):
    hcm, hn = desks["HCM"].department, desks["HN"].department
    assert next_reference(hcm, 2026) == "HCM-2026-000001"
    assert next_reference(hcm, 2026) == "HCM-2026-000002"
    assert next_reference(hn, 2026) == "HN-2026-000001"
    assert next_reference(hcm, 2027) == "HCM-2027-000001"
    assert ReferenceCounter.objects.get(department=hcm, year=2026).last == 2


def test_questions_get_distinct_sequential_references(desks):
    department = desks["HCM"].department
    references = [ask(department, email=f"a{n}@congty.vn").reference for n in range(3)]
    numbers = [int(reference.rsplit("-", 1)[1]) for reference in references]
    assert len(set(references)) == 3
    assert numbers == sorted(numbers) and numbers[-1] - numbers[0] == 2


def test_figures_count_received_answered_overdue_and_median_time(desks):
    department = desks["HCM"].department
    now = timezone.now()
    answered = [ask(department, email=f"tl{n}@congty.vn") for n in range(3)]
    for hours, question in zip((2, 4, 30), answered, strict=True):
        Question.objects.filter(pk=question.pk).update(
            status="answered", answered_at=question.received_at + datetime.timedelta(hours=hours)
        )
    late = ask(department, email="tre@congty.vn")
    Question.objects.filter(pk=late.pk).update(due_on=now.date() - datetime.timedelta(days=3))
    ask(desks["HN"].department)  # another department's question is not counted

    result = figures(department).as_dict()
    assert result == {
        "department": "HCM",
        "received": 4,
        "answered": 3,
        "open": 1,
        "overdue": 1,
        "median_hours_to_answer": 4.0,
    }
