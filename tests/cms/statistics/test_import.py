"""`manage.py import_statistics`: good files in both formats, every bad row reported with
nothing changed, and idempotence."""

import json
from io import StringIO

from django.core.management import CommandError, call_command

import pytest

from cms.statistics.models import MonthlyFigure

from .factories import service

HEADER = (
    "department,service,month,received_online,received_other,processed,on_time,late,"
    "pending,online_traders\n"
)


@pytest.fixture
def world(department):
    department("HQ"), department("HCM"), department("BD")
    service()
    service(code="GH-QC", name="Gia hạn thời gian quá cảnh hàng hóa", kind="other")


def run(path) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_statistics", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_csv_import_creates_the_rows_and_a_second_run_changes_nothing(world, tmp_path):
    path = tmp_path / "figures.csv"
    path.write_text(
        HEADER
        + "HCM,1.008316,2026-01,1200,30,1225,1225,0,5,310\n"
        + "HCM,GH-QC,2026-01,40,0,40,38,2,0,12\n"
        + "BD,1.008316,2026-02-01,300,3,303,303,0,0,41\n",
        encoding="utf-8",
    )
    out, _err = run(path)
    assert "3 tạo mới" in out or "3 created" in out
    row = MonthlyFigure.objects.get(department__code="HCM", service__code="GH-QC")
    assert (row.received_online, row.late, row.online_traders) == (40, 2, 12)
    out, _err = run(path)
    assert MonthlyFigure.objects.count() == 3
    assert "0 tạo mới, 0 cập nhật, 3 không đổi" in out or "0 created, 0 updated, 3 unchanged" in out


def test_json_import_corrects_an_existing_month(world, tmp_path):
    first = {
        "department": "HCM",
        "service": "1.008316",
        "month": "2026-03",
        "received_online": 10,
        "processed": 10,
        "on_time": 10,
    }
    path = tmp_path / "figures.json"
    path.write_text(json.dumps([first]), encoding="utf-8")
    run(path)
    path.write_text(json.dumps([{**first, "received_online": 12}]), encoding="utf-8")
    run(path)
    assert list(MonthlyFigure.objects.values_list("received_online", flat=True)) == [12]


def test_every_bad_row_is_listed_and_nothing_is_imported(world, tmp_path):
    path = tmp_path / "figures.csv"
    path.write_text(
        HEADER
        + "HCM,1.008316,2026-01,1200,30,1225,1225,0,5,310\n"  # good
        + "XX,1.008316,2026-01,1,0,1,1,0,0,1\n"  # unknown department
        + "HCM,9.999999,2026-13,1,0,1,1,0,0,1\n"  # unknown service, no such month
        + "BD,1.008316,2026-01,-5,0,10,9,0,0,1\n"  # negative, 9 + 0 ≠ 10
        + "HCM,1.008316,2026-01,1,0,1,1,0,0,1\n",  # the same key as row 1
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="4 of 5 rows are invalid; nothing was imported"):
        run(path)
    assert not MonthlyFigure.objects.exists()


def test_bad_rows_name_their_row_and_reason(world, tmp_path):
    path = tmp_path / "figures.csv"
    path.write_text(
        HEADER
        + "HCM,1.008316,2026-01,1,0,1,1,0,0,1\n"
        + "XX,9.9,2026-1,abc,0,10,9,0,0,1\n"
        + "HCM,1.008316,2026-01,1,0,1,1,0,0,1\n",
        encoding="utf-8",
    )
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_statistics", str(path), stdout=StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert all(line.startswith(("row 2:", "row 3:")) for line in lines)
    text = err.getvalue()
    assert "“XX”" in text and "“9.9”" in text and "“2026-1”" in text and "“abc”" in text
    assert "row 3:" in text and "1" in text.split("row 3:")[1]


def test_a_file_without_the_columns_is_one_clear_line(world, tmp_path):
    path = tmp_path / "figures.csv"
    path.write_text("department,service\nHCM,1.008316\n", encoding="utf-8")
    with pytest.raises(CommandError, match="month"):
        run(path)
    path = tmp_path / "figures.xlsx"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(CommandError, match="csv"):
        run(path)
