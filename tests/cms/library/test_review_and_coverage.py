"""Change review (a cited document changes status) and coverage figures."""

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale

from cms.library.coverage import coverage
from cms.library.models import LegalDocument, Procedure
from cms.library.permissions import ensure_library_group

from .factories import index_page, legal_document, procedure


def test_amending_a_legal_document_flags_every_procedure_citing_it(department):
    department("HQ")
    decree = legal_document("08/2015/NĐ-CP")
    other = legal_document("85/2019/NĐ-CP")
    procedure(code="1.000001", legal_bases=[decree])
    procedure(code="1.000002", legal_bases=[other])
    draft = LegalDocument.objects.get(pk=decree.pk)
    draft.status = LegalDocument.Status.AMENDED
    draft.save_revision()  # a draft changes nothing yet
    assert not Procedure.objects.filter(needs_review=True).exists()
    with translation.override("en"):
        draft.get_latest_revision().publish()
    flagged = Procedure.objects.filter(needs_review=True)
    assert {(p.code, p.locale.language_code) for p in flagged} == {
        ("1.000001", "vi"),
        ("1.000001", "en"),
    }
    assert flagged.first().review_reason == "08/2015/NĐ-CP is now amended"

    librarian = get_user_model().objects.create_user("thuvien")
    librarian.groups.add(ensure_library_group())
    client = Client(HTTP_HOST="localhost")
    client.force_login(librarian)
    report = client.get(reverse("library_review")).content.decode()
    assert "1.000001" in report and "1.000002" not in report


def test_coverage_counts_online_procedures_by_level_and_category(department):
    for number, (category, level) in enumerate(
        [("declaration", 4), ("declaration", 4), ("declaration", 3), ("refund", 2), ("transit", 1)]
    ):
        procedure(code=f"1.10000{number}", category=category, online_level=level, en=False)
    procedure(code="1.200000", online_level=4, status=Procedure.Status.ABOLISHED, en=False)
    figures = coverage(Locale.get_default())
    assert (figures.total.total, figures.total.online, figures.total.level4) == (5, 3, 2)
    with translation.override("en"):
        declaration = next(r for r in figures.categories if str(r.label) == "Customs declaration")
    assert (declaration.total, declaration.online, declaration.by_level[4]) == (3, 3, 2)

    hcm = department("HCM")
    for language, sentence in (
        ("en", "3 of 5 procedures online (level 3 or 4), 2 at level 4."),
        ("vi", "<svg"),
    ):
        html = Client(HTTP_HOST="hcm.localhost").get(f"{index_page(hcm, language).url}thong-ke/")
        assert sentence in html.content.decode()
    assert "<rect" in html.content.decode() and "http" not in html.content.decode().split("<svg")[
        1
    ].split("</svg>")[0].replace("http://www.w3.org/2000/svg", "")


def test_dashboard_shows_the_coverage_panel(department, member):
    procedure(online_level=4, en=False)
    client = Client(HTTP_HOST="localhost")
    client.force_login(member(department("HN"), "editor"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "library-coverage-heading" in html
    assert "1 trên 1 thủ tục được cung cấp trực tuyến (mức 3 hoặc 4), 1 thủ tục ở mức 4." in html
