"""Issue #19 in a real browser: an emergency alert of a department shows at the top of its
home, an article and a procedure, in both languages, on a 390 px phone; axe-core finds nothing."""

from __future__ import annotations

from typing import Any

from wagtail.models import Locale, Page

import pytest

from cms.alerts.models import Alert, Severity
from cms.library.models import Procedure
from cms.library.models.pages import ProcedureIndexPage
from cms.news.models import NewsArticlePage
from sites.models import Department
from tests.browser.conftest import database_access, describe_violations

pytestmark = pytest.mark.browser

LANGUAGES = ("vi", "en")
TITLES = {
    "vi": "Hệ thống VNACCS/VCIS gián đoạn đến 14:00",
    "en": "VNACCS/VCIS is down until 14:00",
}
LEVEL = {"vi": "Cảnh báo khẩn cấp", "en": "Emergency alert"}


@pytest.fixture(scope="module")
def emergency(live_portal, django_db_blocker) -> Any:
    """HN's emergency alert (published at once, as a site admin may) and the pages to look at;
    removed after the module so the other browser tests see no alert."""
    facts: dict[str, Any] = {}
    with database_access(django_db_blocker, live_portal):
        hanoi = Department.objects.get(code="HN")
        alert = Alert.objects.create(
            department=hanoi,
            title=TITLES["vi"],
            title_en=TITLES["en"],
            text="Doanh nghiệp khai báo lại sau khi hệ thống hoạt động.",
            text_en="Please declare again once the system is back.",
            link="https://www.customs.gov.vn/",
            severity=Severity.EMERGENCY,
            live=False,
        )
        alert.save_revision().publish()
        home = hanoi.site.root_page.specific
        for language in LANGUAGES:
            locale = Locale.objects.get(language_code=language)
            article = (
                NewsArticlePage.objects.live()
                .descendant_of(home.get_translation(locale))
                .filter(locale=locale)
                .first()
            )
            index = ProcedureIndexPage.objects.descendant_of(hanoi.site.root_page).get()
            index = index.get_translation(locale)
            procedure = Procedure.objects.filter(locale=locale, live=True).order_by("code")[0]
            facts[language] = {
                "home": "",
                "article": Page.objects.get(pk=article.pk).get_url_parts()[2],
                "procedure": index.get_url_parts()[2]
                + index.reverse_subpage("procedure_detail", args=[procedure.slug]),
            }
    yield facts
    with database_access(django_db_blocker, live_portal):
        Alert.objects.filter(pk=alert.pk).delete()


@pytest.mark.parametrize("kind", ("home", "article", "procedure"))
@pytest.mark.parametrize("language", LANGUAGES)
def test_emergency_alert_shows_on_every_page_of_the_department_on_a_phone(
    kind, language, emergency, browser_page, console_errors, axe_violations, save_screenshot
):
    page = browser_page("HN", emergency[language][kind], language=language, viewport="mobile")
    region = page.get_by_role("region", name=LEVEL[language])
    assert region.count() == 1
    assert region.is_visible()
    assert TITLES[language] in region.inner_text()
    # At the top: above the site header, readable without scrolling.
    box = region.bounding_box()
    assert box is not None and box["y"] < page.locator("header.site-header").bounding_box()["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "horizontal scrolling"
    save_screenshot(page, f"hn-alert-{kind}-{language}-mobile")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    # Only the page's own errors: a rendition row whose file an earlier browser test removed
    # (the harness restores the database after it, not the media folder) answers 404.
    assert [e for e in console_errors if "/media/images/" not in e] == []
