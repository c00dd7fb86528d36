"""Issue #3 in a real browser: two departments' public pages, in both languages, on a phone and
a desktop, each in its own name, colour and logo, accessible (axe-core) and error-free."""

from __future__ import annotations

from typing import Any

from wagtail.models import Locale, Page

import pytest

from cms.demo.departments import DEMO_DEPARTMENTS
from cms.news.models import NewsArticlePage, NewsIndexPage
from cms.standard.models import ContactPage, StandardPage
from sites.models import Department, DepartmentSettings
from tests.browser.conftest import VIEWPORTS, database_access, describe_violations

pytestmark = pytest.mark.browser

DEPARTMENTS = ("HN", "HCM")
LANGUAGES = ("vi", "en")
KINDS = ("home", "news_index", "article", "standard", "contact")
DEMO = {demo.code: demo for demo in DEMO_DEPARTMENTS}


def page_path(page: Page) -> str:
    """The page's path on its own site, e.g. /en/tin-tuc/."""
    return page.get_url_parts()[2]


@pytest.fixture(scope="module")
def site_pages(live_portal, django_db_blocker) -> dict[tuple[str, str, str], dict[str, Any]]:
    """(code, kind, language) → the path of that page and of its translation, and the branding."""
    pages = {}
    with database_access(django_db_blocker, live_portal):
        locales = {locale.language_code: locale for locale in Locale.objects.all()}
        for code in DEPARTMENTS:
            department = Department.objects.select_related("site").get(code=code)
            home = department.site.root_page.specific
            branding = DepartmentSettings.for_site(department.site)
            descendants = Page.objects.descendant_of(home).live().filter(locale=home.locale)
            sources = {
                "home": home,
                "news_index": descendants.type(NewsIndexPage).first(),
                "article": descendants.type(NewsArticlePage).order_by("-first_published_at")[0],
                "standard": descendants.type(StandardPage).filter(slug="gioi-thieu").first(),
                "contact": descendants.type(ContactPage).first(),
            }
            for kind, source in sources.items():
                assert source is not None, f"{code} has no {kind} page"
                translations = {
                    language: source.get_translation(locales[language]) for language in LANGUAGES
                }
                for language in LANGUAGES:
                    other = "en" if language == "vi" else "vi"
                    pages[code, kind, language] = {
                        "path": page_path(translations[language]),
                        "translation": page_path(translations[other]),
                        "colour": branding.brand_colour,
                        "logo": branding.logo is not None,
                        "name": DEMO[code].name if language == "vi" else DEMO[code].name_en,
                    }
    return pages


def rgb(hex_colour: str) -> str:
    """#8a1c2b → rgb(138, 28, 43), as getComputedStyle reports colours."""
    value = hex_colour.lstrip("#")
    red, green, blue = (int(value[index : index + 2], 16) for index in (0, 2, 4))
    return f"rgb({red}, {green}, {blue})"


BRAND_COLOURS_IN_HEADER = """() => {
    const header = document.querySelector('header');
    const colours = new Set();
    for (const element of [header, ...header.querySelectorAll('*')]) {
        const style = getComputedStyle(element);
        for (const property of ['background-color', 'border-top-color', 'border-bottom-color']) {
            colours.add(style.getPropertyValue(property));
        }
    }
    return [...colours];
}"""

LOGO = """() => {
    const logo = document.querySelector('header img');
    return logo ? {complete: logo.complete, width: logo.naturalWidth, src: logo.src} : null;
}"""

PAGES = [
    pytest.param(code, kind, language, viewport, id=f"{code}-{kind}-{language}-{viewport}")
    for code in DEPARTMENTS
    for kind in KINDS
    for language in LANGUAGES
    for viewport in VIEWPORTS
]


@pytest.mark.parametrize(("code", "kind", "language", "viewport"), PAGES)
def test_public_page_shows_department_branding_passes_axe_and_logs_no_errors(
    code,
    kind,
    language,
    viewport,
    site_pages,
    browser_page,
    console_errors,
    axe_violations,
    save_screenshot,
):
    expected = site_pages[code, kind, language]
    page = browser_page(code, expected["path"], language=language, viewport=viewport)

    assert page.evaluate("document.documentElement.lang") == language
    assert expected["name"] in page.locator("header").inner_text()
    assert rgb(expected["colour"]) in page.evaluate(BRAND_COLOURS_IN_HEADER)
    assert expected["logo"], f"{code} has no logo in its settings"
    logo = page.evaluate(LOGO)
    assert logo is not None and logo["complete"] and logo["width"] > 0, logo
    width = VIEWPORTS[viewport][0]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "horizontal scrolling"
    save_screenshot(page, f"{code.lower()}-{kind}-{language}-{viewport}")

    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    assert console_errors == []


SWITCHES = [
    pytest.param(code, kind, language, id=f"{code}-{kind}-{language}")
    for code in DEPARTMENTS
    for kind in KINDS
    for language in LANGUAGES
]


@pytest.mark.parametrize(("code", "kind", "language"), SWITCHES)
def test_language_switcher_lands_on_the_translation_of_the_page(
    code, kind, language, site_pages, browser_page, live_portal, console_errors
):
    expected = site_pages[code, kind, language]
    other = "en" if language == "vi" else "vi"
    page = browser_page(code, expected["path"], language=language)

    page.locator(f"header a[hreflang='{other}']").first.click()
    page.wait_for_load_state("load")

    assert page.url == live_portal.origin(code) + expected["translation"]
    assert page.evaluate("document.documentElement.lang") == other
    assert site_pages[code, kind, other]["name"] in page.locator("header").inner_text()
    assert console_errors == []
