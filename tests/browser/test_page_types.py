"""Issue 16's seven page types, in Vietnamese and English: axe-core finds no violation, the Nu
Html Checker no error, and at 390 px and 1,366 px every main-menu item is reachable and nothing
overflows the viewport sideways.

The pages are found the way a reader finds them, from the home page's menu (HCM, seeded by
conftest). The Nu Html Checker is `vnu.jar` from tests/browser/vnu (`npm ci` there, as .ci/run
does) and needs Java; without either, its test skips, saying why.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import describe_violations

CODE = "HCM"
LANGUAGES = ("vi", "en")
PAGE_TYPES = (
    "home",
    "news article",
    "news list",
    "procedure",
    "legal document",
    "search",
    "question form",
)
SIZES = {"phone": (390, 844), "laptop": (1366, 768)}
SEARCHES = {"vi": "hoàn thuế", "en": "refund"}
VNU_JAR = Path(__file__).parent / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

LINKS = (
    "(pattern) => [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'))"
    ".filter((href) => new RegExp(pattern).test(href))"
)


def first(page: Any, pattern: str) -> str:
    """The first link on the page whose path matches `pattern` (anchored)."""
    links = page.evaluate(LINKS, f"^{pattern}$")
    assert links, f"no link matching {pattern} on {page.url}"
    return links[0]


def discover(browser_page: Any, language: str) -> dict[str, str]:
    """{page type: path} on HCM's site in `language`, following links from the home page."""
    home = browser_page(CODE, "", language=language, viewport="desktop")
    news = first(home, f"/{language}/(?:tin-tuc|news)/")
    library = first(home, f"/{language}/(?:thu-tuc-hanh-chinh|administrative-procedures)/")
    answers = first(home, f"/{language}/(?:hoi-dap|questions-and-answers)/")
    paths = {"home": f"/{language}/", "news list": news}
    page = browser_page(CODE, news, language=language, viewport="desktop")
    paths["news article"] = first(page, re.escape(news) + "[a-z0-9-]+/")
    page = browser_page(CODE, library, language=language, viewport="desktop")
    paths["procedure"] = first(page, re.escape(library) + "[0-9]+-[0-9]+/")
    documents = first(page, re.escape(library) + "van-ban/")
    page = browser_page(CODE, documents, language=language, viewport="desktop")
    paths["legal document"] = first(page, re.escape(documents) + "[a-z0-9-]+/")
    page = browser_page(CODE, answers, language=language, viewport="desktop")
    paths["question form"] = first(page, re.escape(answers) + "gui-cau-hoi/")
    paths["search"] = f"/{language}/search/?q={SEARCHES[language]}"
    return paths


@pytest.fixture(scope="module")
def page_paths() -> dict[str, dict[str, str]]:
    """Filled by the first test that needs it ({language: {page type: path}})."""
    return {}


@pytest.fixture
def path_of(page_paths, browser_page):
    def path(language: str, page_type: str) -> str:
        if language not in page_paths:
            page_paths[language] = discover(browser_page, language)
        return page_paths[language][page_type]

    return path


PAGES = [(language, page_type) for language in LANGUAGES for page_type in PAGE_TYPES]


def page_id(case: tuple[str, str]) -> str:
    return f"{case[1].replace(' ', '-')}-{case[0]}"


@pytest.mark.parametrize("case", PAGES, ids=page_id)
def test_page_type_has_no_axe_violation(
    case, path_of, browser_page, axe_violations, console_errors
):
    language, page_type = case
    page = browser_page(CODE, path_of(language, page_type), language=language)
    assert page.evaluate("document.documentElement.lang") == language
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    assert console_errors == []


def vnu_unavailable_reason() -> str | None:
    if shutil.which("java") is None:
        return "the Nu Html Checker needs Java (no `java` on PATH)"
    if not VNU_JAR.is_file():
        return f"no {VNU_JAR} (cd tests/browser/vnu && npm ci --no-audit --no-fund)"
    return None


@pytest.fixture(scope="module")
def vnu_results() -> dict[str, Any]:
    """{"sources": {case: html}, "messages": {case: [errors]}}: filled by the first test, the
    checker run once on every page (a JVM start costs seconds)."""
    return {}


def check_with_vnu(sources: dict[str, str]) -> dict[str, list[str]]:
    """The Nu Html Checker's errors per source, one line each."""
    folder = Path(tempfile.mkdtemp(prefix="vnu-"))
    try:
        files = {}
        for name, html in sources.items():
            file = folder / f"{re.sub(r'[^a-z0-9]+', '-', name)}.html"
            file.write_text(html, encoding="utf-8")
            files[file.resolve().as_uri()] = name
        run = subprocess.run(
            [
                "java",
                "-jar",
                str(VNU_JAR),
                "--errors-only",
                "--format",
                "json",
                *map(str, folder.iterdir()),
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
        report = json.loads(run.stderr or run.stdout)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    errors: dict[str, list[str]] = {name: [] for name in sources}
    for message in report["messages"]:
        name = files.get(message.get("url", ""), message.get("url", "?"))
        errors.setdefault(name, []).append(
            f"line {message.get('lastLine')}: {message['message']} {message.get('extract', '')!r}"
        )
    return errors


@pytest.mark.parametrize("case", PAGES, ids=page_id)
def test_page_type_is_valid_html(case, path_of, browser_page, live_portal, vnu_results):
    reason = vnu_unavailable_reason()
    if reason:
        pytest.skip(reason)
    if "messages" not in vnu_results:
        sources = {}
        for language, page_type in PAGES:
            path = path_of(language, page_type)
            page = browser_page(CODE, path, language=language, viewport="desktop")
            # What the server sent (not the DOM after scripts ran).
            response = page.goto(live_portal.url(CODE, path, language))
            assert response is not None and response.status == 200, path
            sources[page_id((language, page_type))] = response.text()
        vnu_results["messages"] = check_with_vnu(sources)
    assert vnu_results["messages"][page_id(case)] == []


REACHABILITY = """() => {
    const inViewport = (el) => {
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return box.width > 0 && box.height > 0 && style.visibility !== 'hidden'
            && box.left >= 0 && box.right <= window.innerWidth;
    };
    return [...document.querySelectorAll('.main-nav a')].map((link) => ({
        text: link.textContent.trim(),
        href: link.getAttribute('href'),
        reachable: inViewport(link),
    }));
}"""
# A disclosure that hides the menu: a button with a name that controls the element holding it.
DISCLOSURE = """() => {
    const nav = document.querySelector('.main-nav');
    const button = [...document.querySelectorAll('button[aria-controls][aria-expanded]')].find(
        (b) => { const target = document.getElementById(b.getAttribute('aria-controls'));
                 return target && (target === nav || target.contains(nav) || nav.contains(target)); });
    if (!button) return null;
    const name = (button.getAttribute('aria-label') || button.textContent).trim();
    return {id: button.id, name: name};
}"""
OVERFLOW = """() => ({scroll: document.documentElement.scrollWidth, width: window.innerWidth,
    wide: [...document.querySelectorAll('body *')].filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.right > window.innerWidth + 1
            && !el.closest('.table-scroll, [hidden], .visually-hidden');
    }).slice(0, 5).map((el) => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''))})"""


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("case", PAGES, ids=page_id)
def test_every_menu_item_is_reachable_and_nothing_overflows(
    case, size, path_of, browser_page, console_errors, save_screenshot
):
    language, page_type = case
    width, _ = SIZES[size]
    page = browser_page(CODE, path_of(language, page_type), language=language, viewport=SIZES[size])
    save_screenshot(page, f"page-type-{page_id(case)}-{width}")

    links = page.evaluate(REACHABILITY)
    assert len(links) >= 5, links
    hidden = [link for link in links if not link["reachable"]]
    if hidden:
        # Not all on screen: a labelled disclosure must open to show them.
        disclosure = page.evaluate(DISCLOSURE)
        assert disclosure and disclosure["name"], f"menu items out of reach: {hidden}"
        page.get_by_role("button", name=disclosure["name"]).click()
        links = page.evaluate(REACHABILITY)
        hidden = [link for link in links if not link["reachable"]]
        assert hidden == [], f"out of reach with the menu open: {hidden}"

    overflow = page.evaluate(OVERFLOW)
    assert overflow["scroll"] <= overflow["width"], overflow
    assert overflow["wide"] == [], overflow
    assert console_errors == []
