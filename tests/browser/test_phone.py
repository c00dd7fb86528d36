"""Phone first (issue 16): every menu item reachable, no cut-off table, search in the header.

At 390 px (a phone) and 1,366 px (a laptop), on the demo departments seeded by conftest.
"""

from __future__ import annotations

import pytest

SIZES = {"phone": (390, 844), "laptop": (1366, 768)}
# Pages with a menu and, for the library, tables: (department, path).
PAGES = [
    ("HN", ""),
    ("HN", "tin-tuc/"),
    ("HN", "thu-tuc-hanh-chinh/van-ban/"),
    ("HN", "thu-tuc-hanh-chinh/"),
    ("HCM", ""),
]

MENU_LINKS = """() => [...document.querySelectorAll('.main-nav a')].map((link) => {
    const box = link.getBoundingClientRect();
    return {text: link.textContent.trim(), left: box.left, right: box.right,
            width: box.width, height: box.height};
})"""
CUT_TABLES = """() => [...document.querySelectorAll('table')]
    .filter((table) => table.offsetParent !== null)
    .map((table) => {
        const box = table.parentElement.classList.contains('table-scroll')
            ? table.parentElement : table;
        return {caption: (table.caption || table.tHead || table).textContent.trim().slice(0, 40),
                scroll: table.scrollWidth, client: box.clientWidth};
    })
    .filter((table) => table.scroll > table.client)"""


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("code", "path"), PAGES)
def test_every_menu_item_is_on_screen_and_no_table_is_cut_off(
    code, path, size, browser_page, console_errors, save_screenshot
):
    width, _ = SIZES[size]
    page = browser_page(code, path, viewport=SIZES[size])
    links = page.evaluate(MENU_LINKS)
    assert len(links) >= 5, links
    for link in links:
        assert link["width"] > 0 and link["height"] > 0, link
        assert link["left"] >= 0 and link["right"] <= width, f"off screen: {link}"
    assert page.evaluate(CUT_TABLES) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    save_screenshot(
        page, f"phone-{code.lower()}-{path.strip('/').replace('/', '-') or 'home'}-{size}"
    )
    assert console_errors == []


@pytest.mark.parametrize("size", SIZES)
def test_typing_da_n_in_the_header_search_offers_da_nang_and_picking_it_goes_there(
    size, browser_page, console_errors
):
    from playwright.sync_api import expect

    page = browser_page("DNG", "", viewport=SIZES[size])
    field = page.locator("#site-search-q")
    if size == "phone":
        expect(field).to_be_hidden()
        page.get_by_role("button", name="Tìm kiếm").click()
    expect(field).to_be_visible()
    field.press_sequentially("Da N")
    option = page.get_by_role("option").filter(has_text="Đà Nẵng").first
    expect(option).to_be_visible()
    target = option.locator("a").get_attribute("href")
    title = option.locator("a").evaluate("(link) => link.firstChild.textContent")
    option.click()
    page.wait_for_url(f"**{target}")
    assert "Đà Nẵng" in title
    assert "Đà Nẵng" in page.title()
    assert console_errors == []


def test_header_search_works_without_javascript(chromium, live_portal):
    """A laptop submits the header form; a phone's "Search" toggle leads to the search page."""
    context = chromium.new_context(
        java_script_enabled=False, viewport={"width": 1366, "height": 768}
    )
    try:
        page = context.new_page()
        page.goto(live_portal.url("HN", ""))
        field = page.locator("#site-search-q")
        field.fill("hải quan")
        field.press("Enter")
        page.wait_for_url("**/vi/search/?q=*")
        assert page.locator(".search-result").count() > 0
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(live_portal.url("HN", ""))
        assert not page.locator("#site-search-q").is_visible()
        page.locator(".search-toggle").click()
        page.wait_for_url("**/vi/search/")
        page.locator("#search-q").fill("hải quan")
        page.locator("#search-q").press("Enter")
        page.wait_for_url("**/vi/search/?q=*")
        assert page.locator(".search-result").count() > 0
    finally:
        context.close()
