"""The demo library: the dataset in `library.json`, its form files, a librarian and a local note."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import OutputWrapper

from wagtail.documents import get_document_model
from wagtail.models import Locale

from cms.demo.accounts import demo_password
from cms.demo.library.dataset import FORMS
from cms.demo.library.forms import form_pdf
from cms.library.exchange import Importer, read_records, validate
from cms.library.models import LocalNote, Procedure
from cms.library.permissions import ensure_library_group
from sites.models import Department
from sites.provisioning import shared_library_collection

DATASET = Path(__file__).with_name("library.json")
LIBRARIAN = "thuvien"


def ensure_forms() -> None:
    collection = shared_library_collection()
    Document = get_document_model()
    for title in FORMS:
        if not Document.objects.filter(collection=collection, title=title).exists():
            Document.objects.create(title=title, file=form_pdf(title), collection=collection)


def load_demo_library(stdout: OutputWrapper) -> str:
    """Load the demo library idempotently; return the librarian's username."""
    group = ensure_library_group()
    ensure_forms()
    records = read_records(DATASET)
    errors = validate(records)
    if errors:
        raise ValueError(f"The demo dataset is invalid: row {errors[0][0]}: {errors[0][1]}")
    result = Importer().run(records)
    stdout.write(
        f"Library: legal documents {result.legal_documents}; procedures {result.procedures}"
    )
    User = get_user_model()
    user, _created = User.objects.get_or_create(
        username=LIBRARIAN,
        defaults={
            "email": "thuvien@customs.gov.vn",
            "first_name": "Thư viện",
            "password": demo_password(LIBRARIAN),
        },
    )
    user.groups.add(group)
    hcm = Department.objects.filter(code="HCM").first()
    procedure = Procedure.objects.filter(code="1.008316", locale__language_code="vi").first()
    if hcm and procedure:
        note, _created = LocalNote.objects.get_or_create(
            department=hcm,
            procedure=procedure,
            locale=procedure.locale,
            defaults={
                "office": "Chi cục Hải quan cửa khẩu cảng Sài Gòn khu vực I",
                "address": "Số 22 Đường Nguyễn Tất Thành, Phường 12, Quận 4, TP. Hồ Chí Minh",
                "hours": "Thứ Hai – Thứ Sáu, 7 giờ 30 – 17 giờ 00",
                "hotline": "1900 9299",
                "border_gates": "Cảng Sài Gòn\nCảng Cát Lái",
            },
        )
        ensure_english_note(note)
    return LIBRARIAN


def ensure_english_note(note: LocalNote) -> None:
    """The note's English translation, so HCM's English site is complete (issue #15's dashboard)."""
    english = Locale.objects.filter(language_code="en").first()
    if english is None or note.has_translation(english):
        return
    translation = note.copy_for_translation(english)
    translation.office = "Saigon Port Area I Customs Branch"
    translation.address = "22 Nguyen Tat Thanh Street, Ward 12, District 4, Ho Chi Minh City"
    translation.hours = "Monday – Friday, 7:30 am – 5:00 pm"
    translation.border_gates = "Saigon Port\nCat Lai Port"
    translation.save()
