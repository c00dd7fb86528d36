"""import_library / export_library: validated, idempotent, and a round trip."""

import csv
import json
from pathlib import Path

from django.core.management import CommandError, call_command
from django.utils import translation

import pytest

from cms.demo.library import DATASET, ensure_forms
from cms.library.models import LegalDocument, Procedure


def snapshot() -> list[tuple]:
    """What a visitor or editor could notice: every row's content and its revision count."""
    rows = []
    for model, fields, links in (
        (LegalDocument, ["number", "title", "status", "locale_id", "live"], "amends"),
        (
            Procedure,
            ["code", "title", "online_level", "agency", "locale_id", "live"],
            "legal_bases",
        ),
    ):
        for item in model.objects.order_by("pk"):
            rows.append(
                (
                    *(getattr(item, name) for name in fields),
                    item.revisions.count(),
                    tuple(sorted(getattr(item, links).values_list("pk", flat=True))),
                )
            )
    return rows


def run(command: str, path: Path) -> str:
    from io import StringIO

    out = StringIO()
    call_command(command, str(path), stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture(autouse=True)
def english():
    """Commands speak the default language (Vietnamese); these tests read them in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def forms(db):
    ensure_forms()


def test_commands_speak_vietnamese_by_default(forms):
    with translation.override("vi"):
        assert "Thủ tục: 44 tạo mới, 0 cập nhật, 0 không đổi" in run("import_library", DATASET)


def test_demo_file_imports_twice_with_the_same_counts_and_no_duplicates(forms):
    first = run("import_library", DATASET)
    assert "Procedures: 44 created, 0 updated, 0 unchanged" in first
    assert "Legal documents: 26 created" in first
    counts = (LegalDocument.objects.count(), Procedure.objects.count())
    assert counts == (52, 88)  # both languages
    before = snapshot()
    second = run("import_library", DATASET)
    assert "Procedures: 0 created, 0 updated, 44 unchanged" in second
    assert "Legal documents: 0 created, 0 updated, 26 unchanged" in second
    assert snapshot() == before
    english = Procedure.objects.get(code="1.008316", locale__language_code="en")
    assert english.title == "Customs procedure for commercial exports and imports"
    assert [b.value for b in english.steps][0].startswith("The declarant files")


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_export_then_import_changes_nothing(forms, tmp_path, suffix):
    run("import_library", DATASET)
    before = snapshot()
    exported = tmp_path / f"library{suffix}"
    run("export_library", exported)
    result = run("import_library", exported)
    assert "Procedures: 0 created, 0 updated, 44 unchanged" in result
    assert "Legal documents: 0 created, 0 updated, 26 unchanged" in result
    assert snapshot() == before


def test_csv_import_creates_both_languages(forms, tmp_path):
    run("import_library", DATASET)
    exported = tmp_path / "library.csv"
    run("export_library", exported)
    LegalDocument.objects.all().delete()
    Procedure.objects.all().delete()
    assert "Procedures: 44 created" in run("import_library", exported)
    amended = LegalDocument.objects.get(number="08/2015/NĐ-CP", locale__language_code="vi")
    amending = amended.amended_by.filter(locale=amended.locale)
    assert list(amending.values_list("number", flat=True)) == ["59/2018/NĐ-CP"]


def test_three_bad_rows_give_three_numbered_reasons_a_non_zero_exit_and_no_change(
    forms, tmp_path, capsys
):
    run("import_library", DATASET)
    before = snapshot()
    records = json.loads(DATASET.read_text(encoding="utf-8"))
    records[30]["title_vi"] = "Tiêu đề mới không được nhập"
    records[40]["online_level"] = "7"
    records[45]["category"] = "tau-ngam"
    records[50]["legal_bases"] = ["999/2099/NĐ-CP"]
    records[0]["title_en"] = ""
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match="4 of 70 rows are invalid"):
        call_command("import_library", str(bad))
    err = capsys.readouterr().err
    assert "row 1: title_en is empty" in err
    assert "row 41: online_level “7” is not 1, 2, 3 or 4" in err
    assert "row 46: category “tau-ngam” is not one of" in err
    assert "row 51: legal_bases names 999/2099/NĐ-CP" in err
    assert snapshot() == before
    assert not Procedure.objects.filter(title="Tiêu đề mới không được nhập").exists()


def test_three_bad_csv_rows_give_three_numbered_reasons_and_no_change(forms, tmp_path, capsys):
    """CommandError is the command line's one-line message and exit status 1 (PortalCommand)."""
    exported = tmp_path / "library.csv"
    run("import_library", DATASET)
    run("export_library", exported)
    before = snapshot()
    with exported.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows[2]["issued_on"] = "14/11/2019"
    rows[5]["status"] = "sap-het"
    rows[60]["code"] = "mã sai"
    rows[61]["title_vi"] = "Không được nhập"
    with exported.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(CommandError, match="3 of 70 rows are invalid; nothing was imported"):
        call_command("import_library", str(exported))
    lines = capsys.readouterr().err.splitlines()
    assert lines == [
        "row 3: issued_on “14/11/2019” is not a date (YYYY-MM-DD)",
        "row 6: status “sap-het” is not one of in_force, amended, replaced, expired",
        "row 61: code “mã sai” may hold only letters, digits, dots and hyphens",
    ]
    assert snapshot() == before
