"""Issue #4 in a real browser: the shared library on department sites – procedures list, the
filter form, a procedure, legal documents – in both languages, accessible (axe-core)."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from wagtail.models import Locale

import pytest

from cms.library.models import LegalDocument, LocalNote, Procedure
from cms.library.models.pages import ProcedureIndexPage
from sites.models import Department
from tests.browser.conftest import VIEWPORTS, database_access, describe_violations

pytestmark = pytest.mark.browser

LANGUAGES = ("vi", "en")
FILTER = {"category": "declaration", "level": "4"}


@pytest.fixture(scope="module")
def library(live_portal, django_db_blocker) -> dict[str, Any]:
    """Paths and expected rows of the library on the HN and HCM sites, per language."""
    facts: dict[str, Any] = {}
    with database_access(django_db_blocker, live_portal):
        for language in LANGUAGES:
            locale = Locale.objects.get(language_code=language)
            published = Procedure.objects.filter(locale=locale, live=True)
            procedure = published.filter(legal_bases__isnull=False).order_by("code").first()
            document = LegalDocument.objects.filter(locale=locale, live=True).order_by("pk")[0]
            # The note as the page in this language shows it: its translation, else the original.
            notes = LocalNote.objects.select_related("department", "procedure")
            noted = notes.filter(locale=locale).first() or notes.first()
            with translation.override(language):
                category_label = str(Procedure.Category(FILTER["category"]).label)
            for code in ("HN", "HCM"):
                department = Department.objects.get(code=code)
                index = (
                    ProcedureIndexPage.objects.descendant_of(department.site.root_page)
                    .get()
                    .get_translation(locale)
                )
                base = index.get_url_parts()[2]
                facts[code, language] = {
                    "index": base,
                    "documents": base + index.reverse_subpage("legal_document_list"),
                    "coverage": base + index.reverse_subpage("coverage"),
                    "procedure": base
                    + index.reverse_subpage("procedure_detail", args=[procedure.slug]),
                    "procedure_title": procedure.title,
                    "procedure_code": procedure.code,
                    "document": base
                    + index.reverse_subpage("legal_document_detail", args=[document.slug]),
                    "document_number": document.number,
                    "total": published.count(),
                    "documents_total": LegalDocument.objects.filter(
                        locale=locale, live=True
                    ).count(),
                    "filtered": published.filter(
                        category=FILTER["category"], online_level=int(FILTER["level"])
                    ).count(),
                    "category_label": category_label,
                    "noted_slug": noted.procedure.slug,
                    "note_office": noted.office,
                    "note_department": noted.department.code,
                }
    return facts


LIBRARY_PAGES = [
    pytest.param(kind, language, viewport, id=f"{kind}-{language}-{viewport}")
    for kind in ("index", "procedure", "documents", "document", "coverage")
    for language in LANGUAGES
    for viewport in VIEWPORTS
]


@pytest.mark.parametrize(("kind", "language", "viewport"), LIBRARY_PAGES)
def test_library_page_passes_axe_and_logs_no_errors(
    kind, language, viewport, library, browser_page, console_errors, axe_violations, save_screenshot
):
    facts = library["HN", language]
    page = browser_page("HN", facts[kind], language=language, viewport=viewport)

    assert page.evaluate("document.documentElement.lang") == language
    assert page.locator("h1").count() == 1
    current = page.locator(".library-nav a[aria-current='page']")
    assert current.count() == (1 if kind in ("index", "documents", "coverage") else 0)
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[viewport][0], (
        "horizontal scrolling"
    )
    save_screenshot(page, f"hn-library-{kind}-{language}-{viewport}")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    assert console_errors == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_procedures_list_lists_every_published_procedure_in_the_page_language(
    language, library, browser_page, console_errors
):
    facts = library["HN", language]
    page = browser_page("HN", facts["index"], language=language)

    assert str(facts["total"]) in page.locator(".library-count").inner_text()
    assert page.locator(".procedure-list__item").count() == min(facts["total"], 20)
    assert console_errors == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_filter_form_narrows_procedures_by_category_level_online_and_text(
    language, library, browser_page, console_errors, axe_violations, save_screenshot
):
    facts = library["HN", language]
    page = browser_page("HN", facts["index"], language=language, viewport="desktop")
    form = page.locator("form.library-filters")

    form.locator("select[name=category]").select_option(FILTER["category"])
    form.locator("select[name=level]").select_option(FILTER["level"])
    form.locator("input[name=online_only]").check()
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("load")

    assert f"category={FILTER['category']}" in page.url and "online_only=on" in page.url
    items = page.locator(".procedure-list__item")
    assert facts["filtered"] > 0 and items.count() == min(facts["filtered"], 20)
    assert str(facts["filtered"]) in page.locator(".library-count").inner_text()
    for meta in items.locator(".procedure-list__meta").all_inner_texts():
        assert facts["category_label"] in meta
    # The form keeps the choices it filtered by.
    assert form.locator("select[name=category]").input_value() == FILTER["category"]
    assert form.locator("input[name=online_only]").is_checked()
    save_screenshot(page, f"hn-library-filtered-{language}")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)

    # Text search, from a clean form: a word of one procedure's title finds it.
    page = browser_page("HN", facts["index"], language=language)
    form = page.locator("form.library-filters")
    form.locator("input[name=q]").fill(facts["procedure_code"])
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("load")
    titles = page.locator(".procedure-list__item a").all_inner_texts()
    assert facts["procedure_title"] in titles
    assert len(titles) < facts["total"]
    assert console_errors == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_procedure_detail_is_reached_from_the_list_and_links_its_legal_bases(
    language, library, browser_page, live_portal, console_errors
):
    facts = library["HN", language]
    page = browser_page("HN", facts["index"], language=language)

    page.get_by_role("link", name=facts["procedure_title"], exact=True).first.click()
    page.wait_for_load_state("load")
    assert page.url == live_portal.origin("HN") + facts["procedure"]
    assert page.locator("h1").inner_text() == facts["procedure_title"]
    assert facts["procedure_code"] in page.locator(".procedure-facts").inner_text()
    assert page.locator("nav.breadcrumbs li").last.inner_text() == facts["procedure_code"]

    legal_basis = page.locator("article.procedure a[href*='/van-ban/']").first
    number = legal_basis.inner_text()
    legal_basis.click()
    page.wait_for_load_state("load")
    assert number in page.locator("h1").inner_text() or number in page.title()
    assert console_errors == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_local_note_shows_on_its_own_department_site_only(
    language, library, browser_page, console_errors
):
    facts = library["HN", language]
    owner = facts["note_department"]
    other = "HN" if owner != "HN" else "HCM"
    path = library[owner, language]["index"] + facts["noted_slug"] + "/"

    own = browser_page(owner, path, language=language)
    assert own.locator(".local-note").count() == 1
    assert facts["note_office"] in own.locator(".local-note").inner_text()

    elsewhere = browser_page(
        other, library[other, language]["index"] + facts["noted_slug"] + "/", language=language
    )
    assert elsewhere.locator("h1").count() == 1
    assert elsewhere.locator(".local-note").count() == 0
    assert facts["note_office"] not in elsewhere.content()
    assert console_errors == []
