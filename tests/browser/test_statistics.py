"""Issue #18 in a real browser: the national statistics page (HQ) and a department's (HN), in
both languages, at 390 and 1,366 px — no horizontal scrolling, charts drawn with their tables,
the headline figures as the database sums them, accessible (axe-core)."""

from __future__ import annotations

import io
from typing import Any

from django.db.models import Sum

import pytest

from cms.demo.departments import DEMO_DEPARTMENTS
from cms.demo.management.commands.seed_demo import Command as SeedDemo
from cms.demo.statistics import load_demo_statistics
from cms.statistics.models import MonthlyFigure
from sites.provisioning import DepartmentSpec, provision_department
from tests.browser.conftest import database_access, describe_violations

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": (390, 844), "desktop": (1366, 900)}
YEAR = 2026


@pytest.fixture(scope="module")
def statistics(live_portal, django_db_blocker) -> dict[str, Any]:
    """HQ's site on the live server, the demo statistics, and the sums the pages must show."""
    with database_access(django_db_blocker, live_portal):
        demo = next(d for d in DEMO_DEPARTMENTS if d.is_headquarters)
        hq = provision_department(
            DepartmentSpec(
                code=demo.code,
                name=demo.name,
                name_en=demo.name_en,
                hostname=demo.hostname,
                port=live_portal.port,
                is_headquarters=True,
            )
        ).department
        SeedDemo(stdout=io.StringIO()).ensure_branding(hq, demo)
        live_portal.hostnames["HQ"] = demo.hostname
        load_demo_statistics()
        year = MonthlyFigure.objects.filter(month__year=YEAR)
        sums = {
            "HQ": year.aggregate(total=Sum("received_online"))["total"],
            "HN": year.filter(department__code="HN").aggregate(total=Sum("received_online"))[
                "total"
            ],
        }
    return sums


def grouped(number: int, language: str) -> str:
    return f"{number:,}".replace(",", "." if language == "vi" else ",")


PAGES = [
    pytest.param(code, language, viewport, id=f"{code}-{language}-{viewport}")
    for code in ("HQ", "HN")
    for language in ("vi", "en")
    for viewport in VIEWPORTS
]


@pytest.mark.parametrize(("code", "language", "viewport"), PAGES)
def test_statistics_page_reads_well_in_both_languages_and_widths(
    code,
    language,
    viewport,
    statistics,
    browser_page,
    console_errors,
    axe_violations,
    save_screenshot,
):
    page = browser_page(code, f"thong-ke/{YEAR}/", language=language, viewport=VIEWPORTS[viewport])
    width = VIEWPORTS[viewport][0]

    assert page.evaluate("document.documentElement.lang") == language
    headline = page.locator("[data-figure='received-online'] strong").inner_text()
    assert headline == grouped(statistics[code], language)
    assert page.locator("figure.statistics-chart > svg").count() == 3
    for chart in ("targets", "months", "top"):
        assert page.locator(f"table[data-chart='{chart}'] tbody tr").count() > 0
    assert (page.locator("table[data-chart='departments']").count() == 1) == (code == "HQ")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "horizontal scrolling"
    for svg in page.locator("figure.statistics-chart > svg").all():
        box = svg.bounding_box()
        assert box is not None and box["width"] <= width and box["height"] > 40
    save_screenshot(page, f"statistics-{code.lower()}-{language}-{viewport}")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    assert console_errors == []
