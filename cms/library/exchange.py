"""The library's exchange format (CSV or JSON, both languages in one record) and its import.

One record per legal document or procedure, keyed by number or code; each
translatable field comes twice (`title_vi`, `title_en`). Import validates every
record before it writes anything, so a file with a bad row changes nothing, and
it writes only what differs, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import csv
import datetime
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.documents import get_document_model
from wagtail.models import Locale

from cms.core.exchange import Counts, ExchangeError, json_records
from cms.library.models import LegalDocument, Procedure
from cms.library.models.procedures import code_validator
from cms.library.translation import publish, publish_translation
from sites.provisioning import shared_library_collection

LEGAL = "legal_document"
PROCEDURE = "procedure"
LANGUAGES = ("vi", "en")
LEGAL_TEXT = ("title", "issuer", "summary")
PROCEDURE_TEXT = ("title", "agency", "processing_time", "fees", "applicants")
LIST_FIELDS = ("amends", "replaces", "legal_bases", "forms")
COLUMNS = [
    "record",
    "number",
    "code",
    *(f"{name}_{lang}" for name in ("title", "issuer", "summary") for lang in LANGUAGES),
    "doc_type",
    "issued_on",
    "expires_on",
    "amends",
    "replaces",
    "category",
    "online_level",
    "online",
    *(
        f"{name}_{lang}"
        for name in ("agency", "processing_time", "fees", "applicants", "dossier", "steps")
        for lang in LANGUAGES
    ),
    "agency_level",
    "legal_bases",
    "forms",
    "online_url",
    "effective_on",
    "status",
]


@dataclass
class Result:
    legal_documents: Counts = field(default_factory=Counts)
    procedures: Counts = field(default_factory=Counts)


# Reading and writing files


def read_records(path: Path) -> list[dict]:
    """Canonical records from a .json or .csv file (lists as lists, everything else strings)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ExchangeError(
            _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error}
        ) from error
    if path.suffix.lower() == ".json":
        return [normalise(row) for row in json_records(path, text)]
    if path.suffix.lower() == ".csv":
        return [
            normalise(from_csv_row(row)) for row in csv.DictReader(text.splitlines(keepends=True))
        ]
    raise ExchangeError(_("Use a .csv or .json file, not %(name)s.") % {"name": path.name})


def write_records(path: Path, records: list[dict]) -> None:
    if path.suffix.lower() == ".json":
        path.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return
    if path.suffix.lower() != ".csv":
        raise ExchangeError(_("Use a .csv or .json file, not %(name)s.") % {"name": path.name})
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for record in records:
            writer.writerow(to_csv_row(record))


def from_csv_row(row: dict) -> dict:
    """Lists in a CSV cell: references separated by ";", steps by new lines, dossier as
    "item | originals | copies" lines."""
    record = {key: (value or "") for key, value in row.items() if key}
    for name in LIST_FIELDS:
        record[name] = [part.strip() for part in record.get(name, "").split(";") if part.strip()]
    for lang in LANGUAGES:
        record[f"steps_{lang}"] = [
            line.strip() for line in record.get(f"steps_{lang}", "").splitlines() if line.strip()
        ]
        record[f"dossier_{lang}"] = [
            [part.strip() for part in line.split("|")]
            for line in record.get(f"dossier_{lang}", "").splitlines()
            if line.strip()
        ]
    return record


def to_csv_row(record: dict) -> dict:
    row = {}
    for column in COLUMNS:
        value = record.get(column, "")
        if column in LIST_FIELDS:
            value = "; ".join(value)
        elif column.startswith("steps_"):
            value = "\n".join(value)
        elif column.startswith("dossier_"):
            value = "\n".join(" | ".join(str(part) for part in item) for item in value)
        row[column] = value
    return row


def normalise(record: dict) -> dict:
    """Every column present; strings stripped; lists as lists."""
    result: dict[str, str | list] = {}
    for column in COLUMNS:
        value = record.get(column)
        if column in LIST_FIELDS or column.startswith(("steps_", "dossier_")):
            result[column] = list(value) if isinstance(value, list | tuple) else []
        else:
            result[column] = "" if value is None else str(value).strip()
    return result


# Validation


def _date(value: str) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def validate(records: list[dict]) -> list[tuple[int, str]]:
    """Every problem of every record as (row number from 1, reason); empty when all are good."""
    errors: list[tuple[int, str]] = []
    numbers = {r["number"] for r in records if r["record"] == LEGAL and r["number"]}
    numbers |= set(LegalDocument.objects.values_list("number", flat=True))
    form_titles = set(
        get_document_model()
        .objects.filter(collection=shared_library_collection())
        .values_list("title", flat=True)
    )
    seen: set[tuple[str, str]] = set()
    for number, record in enumerate(records, start=1):
        for reason in record_errors(record, numbers, form_titles, seen):
            errors.append((number, reason))
    return errors


def record_errors(record: dict, numbers: set, form_titles: set, seen: set) -> Iterable[str]:
    kind = record["record"]
    if kind not in (LEGAL, PROCEDURE):
        yield _("record must be “%(legal)s” or “%(procedure)s”, not “%(value)s”") % {
            "legal": LEGAL,
            "procedure": PROCEDURE,
            "value": kind,
        }
        return
    key = record["number"] if kind == LEGAL else record["code"]
    if not key:
        yield _("%(column)s is empty") % {"column": "number" if kind == LEGAL else "code"}
    elif (kind, key) in seen:
        yield _("%(key)s appears twice in the file") % {"key": key}
    seen.add((kind, key))
    for lang in LANGUAGES:
        if not record[f"title_{lang}"]:
            yield _("title_%(lang)s is empty") % {"lang": lang}
    date_columns = (
        ("issued_on", "effective_on", "expires_on") if kind == LEGAL else ("effective_on",)
    )
    for column in date_columns:
        try:
            _date(record[column])
        except ValueError:
            yield _("%(column)s “%(value)s” is not a date (YYYY-MM-DD)") % {
                "column": column,
                "value": record[column],
            }
    if kind == LEGAL:
        yield from legal_errors(record, numbers)
    else:
        yield from procedure_errors(record, numbers, form_titles)


def _choice(record: dict, column: str, choices) -> Iterable[str]:
    if record[column] not in choices.values:
        yield _("%(column)s “%(value)s” is not one of %(choices)s") % {
            "column": column,
            "value": record[column],
            "choices": ", ".join(choices.values),
        }


def legal_errors(record: dict, numbers: set) -> Iterable[str]:
    if not record["issued_on"]:
        yield _("issued_on is empty")
    yield from _choice(record, "doc_type", LegalDocument.Type)
    yield from _choice(record, "status", LegalDocument.Status)
    for column in ("amends", "replaces"):
        for number in record[column]:
            if number not in numbers:
                yield _(
                    "%(column)s names %(number)s, which is neither in the file nor in the library"
                ) % {
                    "column": column,
                    "number": number,
                }


def procedure_errors(record: dict, numbers: set, form_titles: set) -> Iterable[str]:
    if record["code"]:
        try:
            code_validator(record["code"])
        except ValidationError:
            yield _("code “%(code)s” may hold only letters, digits, dots and hyphens") % {
                "code": record["code"]
            }
    yield from _choice(record, "category", Procedure.Category)
    yield from _choice(record, "online", Procedure.Online)
    yield from _choice(record, "agency_level", Procedure.AgencyLevel)
    yield from _choice(record, "status", Procedure.Status)
    if record["online_level"] not in {"1", "2", "3", "4"}:
        yield _("online_level “%(value)s” is not 1, 2, 3 or 4") % {"value": record["online_level"]}
    for lang in LANGUAGES:
        if not record[f"agency_{lang}"]:
            yield _("agency_%(lang)s is empty") % {"lang": lang}
        for item in record[f"dossier_{lang}"]:
            if len(item) != 3 or not all(str(n).isascii() and str(n).isdigit() for n in item[1:]):
                yield _(
                    "dossier_%(lang)s item “%(item)s” is not “document | originals | copies”"
                ) % {
                    "lang": lang,
                    "item": " | ".join(map(str, item)),
                }
    if len(record["dossier_vi"]) != len(record["dossier_en"]):
        yield _("dossier_vi and dossier_en list different numbers of documents")
    if len(record["steps_vi"]) != len(record["steps_en"]):
        yield _("steps_vi and steps_en list different numbers of steps")
    if record["online_url"]:
        try:
            URLValidator()(record["online_url"])
        except ValidationError:
            yield _("online_url “%(value)s” is not a web address") % {"value": record["online_url"]}
    for number in record["legal_bases"]:
        if number not in numbers:
            yield _(
                "legal_bases names %(number)s, which is neither in the file nor in the library"
            ) % {"number": number}
    for title in record["forms"]:
        if title not in form_titles:
            yield _(
                "forms names “%(title)s”, which is not a document in the shared library collection"
            ) % {"title": title}


# Import


def legal_values(record: dict, lang: str) -> dict:
    return {
        **{name: record[f"{name}_{lang}"] for name in LEGAL_TEXT},
        "doc_type": record["doc_type"],
        "issued_on": _date(record["issued_on"]),
        "effective_on": _date(record["effective_on"]),
        "expires_on": _date(record["expires_on"]),
        "status": record["status"],
    }


def procedure_values(record: dict, lang: str) -> dict:
    return {
        **{name: record[f"{name}_{lang}"] for name in PROCEDURE_TEXT},
        "category": record["category"],
        "online_level": int(record["online_level"]),
        "online": record["online"],
        "agency_level": record["agency_level"],
        "online_url": record["online_url"],
        "effective_on": _date(record["effective_on"]),
        "status": record["status"],
        "dossier": [
            ("component", {"item": item, "originals": int(originals), "copies": int(copies)})
            for item, originals, copies in record[f"dossier_{lang}"]
        ],
        "steps": [("step", text) for text in record[f"steps_{lang}"]],
    }


def comparable(instance, name: str):
    value = getattr(instance, name)
    if name == "dossier":
        return [[b.value["item"], int(b.value["originals"]), int(b.value["copies"])] for b in value]
    if name == "steps":
        return [b.value for b in value]
    return value


def wanted(values: dict, name: str):
    value = values[name]
    if name == "dossier":
        return [[v["item"], v["originals"], v["copies"]] for _type, v in value]
    if name == "steps":
        return [text for _type, text in value]
    return value


def differs(instance, values: dict, m2m: dict[str, list]) -> bool:
    if instance is None or not instance.live or instance.has_unpublished_changes:
        return True
    if any(comparable(instance, name) != wanted(values, name) for name in values):
        return True
    return any(
        sorted(getattr(instance, name).values_list("pk", flat=True)) != sorted(o.pk for o in objs)
        for name, objs in m2m.items()
    )


class Importer:
    def __init__(self, progress: Callable[[int, int], None] | None = None):
        self.vi, self.en = (Locale.objects.get_or_create(language_code=c)[0] for c in LANGUAGES)
        self.progress = progress or (lambda done, total: None)
        self.result = Result()

    def run(self, records: list[dict]) -> Result:
        legal = [r for r in records if r["record"] == LEGAL]
        procedures = [r for r in records if r["record"] == PROCEDURE]
        total, done = len(records) + len(legal), 0
        with transaction.atomic():
            states = {}
            for record in legal:  # first without links, so a link may point further down
                existed, changed = self.save_legal(record, links=False)
                states[record["number"]] = (existed, changed)
                done += 1
                self.progress(done, total)
            for record in legal:
                existed, changed = states[record["number"]]
                _existed, links_changed = self.save_legal(record, links=True)
                self._count(self.result.legal_documents, existed, changed or links_changed)
                done += 1
                self.progress(done, total)
            for record in procedures:
                existed, changed = self.save_procedure(record)
                self._count(self.result.procedures, existed, changed)
                done += 1
                self.progress(done, total)
        return self.result

    @staticmethod
    def _count(counts: Counts, existed: bool, changed: bool) -> None:
        if not existed:
            counts.created += 1
        elif changed:
            counts.updated += 1
        else:
            counts.unchanged += 1

    def legal_documents(self, numbers: list[str]) -> list[LegalDocument]:
        return list(LegalDocument.objects.filter(locale=self.vi, number__in=numbers))

    def save_legal(self, record: dict, links: bool) -> tuple[bool, bool]:
        """Create or update one document in both languages; (existed before, changed)."""
        source = LegalDocument.objects.filter(locale=self.vi, number=record["number"]).first()
        m2m = (
            {name: self.legal_documents(record[name]) for name in ("amends", "replaces")}
            if links
            else {}
        )
        return self.save(
            LegalDocument, source, {"number": record["number"]}, legal_values, record, m2m
        )

    def save(
        self, model, source, key: dict, values_for, record: dict, m2m: dict
    ) -> tuple[bool, bool]:
        existed, changed = source is not None, False
        for lang, locale in (("vi", self.vi), ("en", self.en)):
            values = values_for(record, lang)
            target = source if lang == "vi" else source.get_translation_or_none(locale)
            if not differs(target, values, m2m):
                continue
            changed = True
            if lang == "vi":
                source = source or model(locale=locale, **key)
                for name, value in values.items():
                    setattr(source, name, value)
                publish(source, m2m)
            else:
                publish_translation(source, locale, values, m2m)
        return existed, changed

    def save_procedure(self, record: dict) -> tuple[bool, bool]:
        source = Procedure.objects.filter(locale=self.vi, code=record["code"]).first()
        forms = list(
            get_document_model().objects.filter(
                collection=shared_library_collection(), title__in=record["forms"]
            )
        )
        m2m = {"legal_bases": self.legal_documents(record["legal_bases"]), "forms": forms}
        return self.save(Procedure, source, {"code": record["code"]}, procedure_values, record, m2m)


# Export


def export_records() -> list[dict]:
    """Every legal document and procedure of the default locale, with its English translation."""
    vi, en = (Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES)
    records = []
    for document in LegalDocument.objects.filter(locale=vi).order_by("issued_on", "number"):
        english = document.get_translation_or_none(en) or document
        record: dict[str, Any] = {"record": LEGAL, "number": document.number}
        for lang, instance in (("vi", document), ("en", english)):
            for name in LEGAL_TEXT:
                record[f"{name}_{lang}"] = getattr(instance, name)
        record.update(
            doc_type=document.doc_type,
            issued_on=_iso(document.issued_on),
            effective_on=_iso(document.effective_on),
            expires_on=_iso(document.expires_on),
            status=document.status,
            amends=sorted(document.amends.values_list("number", flat=True)),
            replaces=sorted(document.replaces.values_list("number", flat=True)),
        )
        records.append(record)
    for procedure in Procedure.objects.filter(locale=vi).order_by("code"):
        english = procedure.get_translation_or_none(en) or procedure
        record = {"record": PROCEDURE, "code": procedure.code}
        for lang, instance in (("vi", procedure), ("en", english)):
            for name in PROCEDURE_TEXT:
                record[f"{name}_{lang}"] = getattr(instance, name)
            record[f"dossier_{lang}"] = comparable(instance, "dossier")
            record[f"steps_{lang}"] = comparable(instance, "steps")
        record.update(
            category=procedure.category,
            online_level=str(procedure.online_level),
            online=procedure.online,
            agency_level=procedure.agency_level,
            legal_bases=sorted(procedure.legal_bases.values_list("number", flat=True)),
            forms=sorted(procedure.forms.values_list("title", flat=True)),
            online_url=procedure.online_url,
            effective_on=_iso(procedure.effective_on),
            status=procedure.status,
        )
        records.append(record)
    return [compact(normalise(record), record["record"]) for record in records]


def compact(record: dict, kind: str) -> dict:
    """Only the columns of the record's kind, so a JSON export reads naturally."""
    legal_only = {"number", "doc_type", "issued_on", "expires_on", "amends", "replaces"}
    legal_only |= {f"{n}_{lang}" for n in ("issuer", "summary") for lang in LANGUAGES}
    procedure_only = {c for c in COLUMNS if c not in legal_only} - {
        "record",
        "title_vi",
        "title_en",
        "effective_on",
        "status",
    }
    drop = procedure_only if kind == LEGAL else legal_only
    return {key: value for key, value in record.items() if key not in drop}


def _iso(value: datetime.date | None) -> str:
    return value.isoformat() if value else ""
