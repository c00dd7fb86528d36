"""Real-browser fixtures: Chromium through Playwright against one live server.

The suite is skipped, with the reason, where Playwright or a Chromium
executable is missing. `CHROMIUM_PATH` names the executable (default
/usr/bin/chromium); Playwright's own browser download is never used.

One Chromium and one live server serve the browser tests (package scope). The demo departments
HN and HCM (branding, pages, news) and the demo library are seeded once, on
the live server's port, and the database is restored to its state from before
the seeding when the last browser test is done. Browser tests take no `db` fixture: they
read what the live server serves; a test that must write rows the server shows
(e.g. a consultation question) uses `browser_db` and its rows are committed.

Helpers for other browser tests:

- `live_portal.url(code, path, language)` – the absolute URL of a path on a
  department's site;
- `browser_page(code, path="", language="vi", viewport="mobile")` – a Playwright
  page, loaded, whose console errors and failed requests go to `console_errors`;
- `axe_violations(page)` – axe-core's WCAG 2.1 A/AA violations on that page;
- `save_screenshot(page, name)` – a full-page PNG under var/screenshots/.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import OutputWrapper
from django.db import OperationalError, connection, connections
from django.test.utils import override_settings, setup_databases, teardown_databases

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "var" / "screenshots"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
    # Department sites are <code>.localhost; every such name is this machine.
    "--host-resolver-rules=MAP *.localhost 127.0.0.1",
]
VIEWPORTS = {"mobile": (390, 844), "desktop": (1280, 800)}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# DNG (Đà Nẵng) is the header search's "Da N" → "Đà Nẵng" example (test_phone.py).
DEPARTMENT_CODES = ("HN", "HCM", "DNG")


EXPECT_TIMEOUT_MS = 20_000


def chromium_path() -> str:
    return os.environ.get("CHROMIUM_PATH", DEFAULT_CHROMIUM)


def browser_unavailable_reason() -> str | None:
    """Why the browser suite cannot run here, or None when it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[test]')"
    path = chromium_path()
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        return f"no Chromium executable at {path} (set CHROMIUM_PATH or install chromium)"
    try:
        axe_script()
    except (ImportError, OSError) as error:
        return f"axe-core is not available: {error}"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reason = browser_unavailable_reason()
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


_AXE_SOURCE: str | None = None


def axe_script() -> str:
    """axe.min.js as shipped inside the axe-playwright-python wheel (no network)."""
    global _AXE_SOURCE
    if _AXE_SOURCE is None:
        import axe_playwright_python

        _AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
    return _AXE_SOURCE


# --- the live server and its data -------------------------------------------------------


@dataclass
class LivePortal:
    """The live server and the departments it serves."""

    host: str
    port: int
    hostnames: dict[str, str] = field(default_factory=dict)
    # In-memory SQLite: the one connection the server thread and the tests share.
    shared_connections: dict[str, Any] = field(default_factory=dict)

    def origin(self, code: str) -> str:
        return f"http://{self.hostnames[code]}:{self.port}"

    def url(self, code: str, path: str = "", language: str = "vi") -> str:
        """`url("HN", "tin-tuc/", "en")` → http://hanoi.localhost:PORT/en/tin-tuc/."""
        path = path.lstrip("/")
        if path.startswith(("vi/", "en/")) or path.startswith(("static/", "media/", "api/")):
            return f"{self.origin(code)}/{path}"
        return f"{self.origin(code)}/{language}/{path}"


def _start_live_server() -> Any:
    """A LiveServer on the first free port of BROWSER_TEST_PORTS ("8501-8509"), else any."""
    from pytest_django.live_server_helper import LiveServer

    wanted = os.environ.get("BROWSER_TEST_PORTS", "")
    ports: list[int] = []
    if wanted:
        first, _, last = wanted.partition("-")
        ports = list(range(int(first), int(last or first) + 1))
    for port in ports:
        try:
            return LiveServer(f"127.0.0.1:{port}")
        except OSError:
            continue
    return LiveServer("127.0.0.1:0")


def seed_departments(port: int, codes: tuple[str, ...] = DEPARTMENT_CODES) -> dict[str, str]:
    """The demo departments `codes` on `port`, as `seed_demo` makes them, and the demo library."""
    from cms.demo.departments import DEMO_DEPARTMENTS
    from cms.demo.library import load_demo_library
    from cms.demo.management.commands.seed_demo import Command as SeedDemo
    from sites.provisioning import DepartmentSpec, provision_department

    seed = SeedDemo(stdout=io.StringIO())
    hostnames = {}
    for index, demo in enumerate(DEMO_DEPARTMENTS):
        if demo.code not in codes:
            continue
        department = provision_department(
            DepartmentSpec(
                code=demo.code,
                name=demo.name,
                name_en=demo.name_en,
                hostname=demo.hostname,
                port=port,
                is_headquarters=demo.is_headquarters,
            )
        ).department
        seed.ensure_branding(department, demo)
        seed.ensure_content(department, demo)
        # editor-<code>, moderator-<code>, siteadmin-<code>; each password is the username.
        seed.ensure_staff(department, index)
        hostnames[demo.code] = demo.hostname
    load_demo_library(OutputWrapper(io.StringIO()))
    return hostnames


def drop_test_databases(old_config: Any) -> None:
    """Drop the test database this suite made, once PostgreSQL has seen its sessions end.

    The live server's request threads close their connections as they finish; the
    server processes behind them may take a moment to go, and DROP DATABASE refuses
    while they are there.
    """
    connections.close_all()
    for attempt in range(20):
        try:
            teardown_databases(old_config, verbosity=0)
            return
        except OperationalError:
            if attempt == 19:
                raise
            time.sleep(0.25)


def configured_database_name() -> str:
    """The database DATABASE_URL names (not the test database made from it)."""
    import environ

    return str(environ.Env.db_url_config(os.environ["DATABASE_URL"])["NAME"])


# Package scope: the seeded departments are gone before the rest of the suite runs.
@pytest.fixture(scope="package")
def live_portal(
    request: pytest.FixtureRequest, django_db_setup: None, django_db_blocker: Any
) -> Iterator[LivePortal]:
    """The live server with HN and HCM (DEPARTMENT_CODES) seeded on its port (for tests/browser)."""
    reason = browser_unavailable_reason()
    if reason:
        pytest.skip(reason)
    media = tempfile.mkdtemp(prefix="browser-media-")
    # Files (logos, images, forms) on disk, so the live server can serve them under MEDIA_URL.
    storages = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    # Playwright's sync API runs an event loop in this thread; Django's ORM must still work here.
    previous_async = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with django_db_blocker.unblock(), override_settings(STORAGES=storages, MEDIA_ROOT=media):
        # pytest-django makes the test database only when a collected test asks for `db`;
        # run alone, the browser suite (which takes no `db`) makes its own.
        own_databases = None
        if connection.settings_dict["NAME"] == configured_database_name():
            own_databases = setup_databases(verbosity=0, interactive=False, aliases={"default"})
        before = connection.creation.serialize_db_to_string()
        server = _start_live_server()
        server._live_server_modified_settings.enable()
        try:
            port = server.thread.port
            portal = LivePortal(
                host="127.0.0.1",
                port=port,
                shared_connections=dict(server.thread.connections_override),
            )
            portal.hostnames = seed_departments(port)
            yield portal
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            # Give the next tests the database they had before the browser suite.
            call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
            connection.creation.deserialize_db_from_string(before)
            reset_sequences()
            shutil.rmtree(media, ignore_errors=True)
            if own_databases is not None:
                drop_test_databases(own_databases)
            if previous_async is None:
                os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
            else:
                os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous_async


def reset_sequences() -> None:
    """After flush + reload, PostgreSQL's sequences restart at 1 below the reloaded ids: move them
    past the rows, or the next test's inserts collide (SQLite needs nothing: it has no SQL)."""
    from django.apps import apps
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


@contextmanager
def database_access(django_db_blocker: Any, portal: LivePortal) -> Iterator[None]:
    """Database access outside pytest-django's test transactions: what is written is committed.

    Once Playwright runs, code here sees its own set of Django connections (they live in
    context variables), not the one the live server was given. With in-memory SQLite that
    would be a second connection to the shared cache, and the two lock each other's tables:
    the server's connection is used here instead. The other connections opened here are
    closed on the way out, as PostgreSQL would refuse to drop a test database they hold.
    """
    previous = {alias: connections[alias] for alias in portal.shared_connections}
    try:
        with django_db_blocker.unblock():
            for alias, shared in portal.shared_connections.items():
                connections[alias] = shared
            yield
    finally:
        for alias, connection_before in previous.items():
            connections[alias] = connection_before
        connections.close_all()


@pytest.fixture
def browser_db(live_portal: LivePortal, django_db_blocker: Any) -> Iterator[None]:
    """Database access in a browser test; what it writes is committed and served live."""
    with database_access(django_db_blocker, live_portal):
        yield


# --- Chromium ---------------------------------------------------------------------------


@pytest.fixture(scope="package")
def chromium(live_portal: LivePortal) -> Iterator[Any]:
    """One headless Chromium for the browser tests."""
    from playwright.sync_api import expect, sync_playwright

    # The suite shares two cores with the live server and a second pytest worker: Playwright's
    # 5-second default for `expect` is too tight when the machine is busy (seen on a fresh clone).
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def console_errors() -> list[str]:
    """Console errors, uncaught exceptions and failed requests of this test's pages."""
    return []


def _viewport(viewport: str | tuple[int, int]) -> dict[str, int]:
    width, height = VIEWPORTS[viewport] if isinstance(viewport, str) else viewport
    return {"width": width, "height": height}


@pytest.fixture
def browser_page(
    chromium: Any, live_portal: LivePortal, console_errors: list[str]
) -> Iterator[Callable[..., Any]]:
    """Factory: `browser_page("HN", "tin-tuc/", language="en", viewport="desktop")`.

    Each call opens a fresh browser context (no cookies) at that viewport, loads
    the page and returns it; `console_errors` collects what went wrong on it.
    """
    contexts: list[Any] = []

    def open_page(
        code: str,
        path: str = "",
        language: str = "vi",
        viewport: str | tuple[int, int] = "mobile",
    ) -> Any:
        context = chromium.new_context(
            viewport=_viewport(viewport),
            locale="vi-VN" if language == "vi" else "en-GB",
            service_workers="block",
        )
        contexts.append(context)
        page = context.new_page()
        watch_page(page, console_errors)
        url = live_portal.url(code, path, language)
        response = page.goto(url, wait_until="load")
        if response is None or response.status >= 400:
            status = response.status if response else "no response"
            console_errors.append(f"{url}: HTTP {status}")
        return page

    yield open_page
    for context in contexts:
        context.close()


def watch_page(page: Any, errors: list[str]) -> None:
    """Record on `errors` every console error, page error and failed or 4xx/5xx request."""
    page.on(
        "console",
        lambda message: (
            errors.append(f"console {message.type}: {message.text} ({page.url})")
            if message.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(f"page error: {error} ({page.url})"))
    page.on(
        "requestfailed",
        # A request the browser itself abandoned (ERR_ABORTED: the page navigated on while its
        # favicon loaded) is no failure of the page.
        lambda req: (
            None
            if "ERR_ABORTED" in str(req.failure)
            else errors.append(f"request failed: {req.url} {req.failure} ({page.url})")
        ),
    )
    page.on(
        "response",
        lambda resp: (
            errors.append(f"HTTP {resp.status}: {resp.url}")
            if resp.status >= 400 and resp.request.resource_type != "document"
            else None
        ),
    )


def run_axe(page: Any) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_script())
    result = page.evaluate(
        "async tags => await axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return result["violations"]


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """One line per violation and node, for assertion messages."""
    lines = []
    for violation in violations:
        for node in violation["nodes"][:5]:
            lines.append(
                f"{violation['id']} ({violation['impact']}): {violation['help']} – "
                f"{' '.join(node['target'])}: {node.get('failureSummary', '')}".replace("\n", " ")
            )
    return "\n".join(lines)


@pytest.fixture
def axe_violations() -> Callable[[Any], list[dict[str, Any]]]:
    """`axe_violations(page)` → the list of axe-core violations (WCAG 2.1 A/AA)."""
    return run_axe


def take_screenshot(page: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def save_screenshot() -> Callable[[Any, str], Path]:
    """`save_screenshot(page, "hn-home-vi-mobile")` → var/screenshots/hn-home-vi-mobile.png."""
    return take_screenshot
