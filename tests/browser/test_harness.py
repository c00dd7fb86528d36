"""The browser checks can fail: axe-core and the console watch report what they are shown."""

import pytest

pytestmark = pytest.mark.browser


def test_axe_reports_an_image_without_alternative_text(browser_page, axe_violations):
    page = browser_page("HN")
    assert axe_violations(page) == []

    page.evaluate(
        "() => { const image = document.createElement('img'); image.src = '/static/x.png';"
        " document.querySelector('main').append(image); }"
    )

    assert "image-alt" in [violation["id"] for violation in axe_violations(page)]


def test_console_errors_collects_script_errors_and_failed_requests(browser_page, console_errors):
    page = browser_page("HCM", language="en")
    assert console_errors == []

    page.evaluate("() => { console.error('broken widget'); }")
    page.evaluate("() => fetch('/static/no-such-file.js').catch(() => null)")
    page.wait_for_timeout(200)

    assert any("broken widget" in error for error in console_errors)
    assert any("no-such-file.js" in error for error in console_errors)
