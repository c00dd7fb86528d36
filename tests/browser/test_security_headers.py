"""The Content-Security-Policy in a real browser: the API docs (Swagger UI) and the Wagtail
admin work under it, and Chromium reports no violation (a blocked script or style is a
console error, which `watch_page` records)."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model

from wagtail.models import Page

import pytest

from cms.news.models import NewsArticlePage
from sites.models import Department
from tests.browser.conftest import watch_page

pytestmark = pytest.mark.browser


def test_api_docs_render_the_operations_under_the_policy(browser_page, console_errors):
    page = browser_page("HCM", "api/docs/", viewport="desktop")

    page.wait_for_selector(".opblock-summary", timeout=15000)
    assert page.locator(".opblock-summary").count() > 10
    assert "/api/news/" in page.inner_text("#swagger-ui")
    assert console_errors == []


@pytest.mark.usefixtures("browser_db")
def test_admin_dashboard_editor_and_preview_log_no_policy_violation(
    chromium, live_portal, console_errors
):
    user, _created = get_user_model().objects.get_or_create(
        username="csp-admin", defaults={"is_superuser": True, "is_staff": True}
    )
    user.set_password("mat-khau-thu")
    user.save()
    hcm = Department.objects.get(code="HCM")
    article = Page.objects.descendant_of(hcm.site.root_page).type(NewsArticlePage).live().first()
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    watch_page(page, console_errors)
    try:
        origin = live_portal.origin("HCM")
        page.goto(origin + "/admin/login/")
        page.fill("#id_username", "csp-admin")
        page.fill("#id_password", "mat-khau-thu")
        page.click("button[type=submit]")
        page.wait_for_url(re.compile(r"/admin/$"))
        for path in (
            f"/admin/pages/{article.pk}/edit/",
            "/admin/documents/",
            "/admin/images/",
        ):
            response = page.goto(origin + path, wait_until="load")
            assert response is not None and response.status == 200, path
        page.goto(origin + f"/admin/pages/{article.pk}/edit/", wait_until="load")
        page.wait_for_selector("[data-side-panel-toggle='preview']", timeout=15000).click()
        page.wait_for_selector("iframe[id='w-preview-iframe']", timeout=15000)
        page.wait_for_timeout(1500)
    finally:
        context.close()

    assert [error for error in console_errors if "Content Security Policy" in error] == []
