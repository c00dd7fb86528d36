"""The personal-data commands: export, erase, and the scheduled retention purge."""

import datetime
import json
from io import StringIO

from django.core.management import CommandError, call_command
from django.utils import timezone

import pytest

from cms.consultation.models import Question
from tests.cms.consultation.conftest import ask


def run(name: str, *args) -> str:
    out = StringIO()
    call_command(name, *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_export_gives_every_question_of_one_asker_and_nobody_elses(desks):
    a, b = desks["HCM"], desks["HN"]
    first = ask(a.department)
    second = ask(b.department)
    ask(a.department, email="nguoi.khac@congty.vn", asker_name="Lê Thị Cúc")

    data = json.loads(run("export_asker_data", "AN.NGUYEN@congty.vn"))
    assert [q["reference"] for q in data["questions"]] == [first.reference, second.reference]
    assert data["questions"][0]["name"] == "Nguyễn Văn An"
    assert data["questions"][0]["tax_code"] == "0301234567"
    assert "Lê Thị Cúc" not in json.dumps(data, ensure_ascii=False)

    only_hn = json.loads(run("export_asker_data", "an.nguyen@congty.vn", "--department", "HN"))
    assert [q["reference"] for q in only_hn["questions"]] == [second.reference]


def test_bad_input_is_one_line_and_a_non_zero_exit(desks):
    with pytest.raises(CommandError, match="Invalid email address"):
        run("export_asker_data", "khong-phai-email")
    with pytest.raises(CommandError, match="Unknown department code 'XX'"):
        run("erase_asker_data", "an@congty.vn", "--department", "XX")
    with pytest.raises(CommandError, match="at least 1 day"):
        run("purge_consultation_personal_data", "--days", "0")


def test_erase_blanks_the_askers_data_and_is_idempotent(desks):
    question = ask(desks["HCM"].department)
    other = ask(desks["HCM"].department, email="nguoi.khac@congty.vn", asker_name="Lê Thị Cúc")

    assert run("erase_asker_data", "an.nguyen@congty.vn").startswith("1 question(s) erased")
    question.refresh_from_db()
    assert question.email == "" and question.phone == "" and question.tax_code == ""
    assert "Nguyễn" not in question.asker_name and question.organisation == ""
    assert question.personal_data_erased_at is not None
    assert question.reference  # the record and its figures stay
    other.refresh_from_db()
    assert other.asker_name == "Lê Thị Cúc"
    assert run("erase_asker_data", "an.nguyen@congty.vn").startswith("0 question(s) erased")


def test_purge_erases_closed_questions_past_retention_only(desks):
    department = desks["HCM"].department
    old = timezone.now() - datetime.timedelta(days=800)
    closed_old = ask(department)
    open_old = ask(department, email="mo@congty.vn")
    closed_recent = ask(department, email="moi@congty.vn")
    Question.objects.filter(pk__in=[closed_old.pk, open_old.pk]).update(received_at=old)
    Question.objects.filter(pk__in=[closed_old.pk, closed_recent.pk]).update(status="rejected")

    output = run("purge_consultation_personal_data", "--days", "730")
    assert output.startswith("1 question(s) erased")
    assert Question.objects.get(pk=closed_old.pk).email == ""
    assert Question.objects.get(pk=open_old.pk).email == "mo@congty.vn"
    assert Question.objects.get(pk=closed_recent.pk).email == "moi@congty.vn"
    assert run("purge_consultation_personal_data").startswith("0 question(s) erased")
