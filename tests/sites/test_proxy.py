"""The caching proxy for real: Varnish (deploy/varnish/) in front of a live server.

varnishd is started by the tests on a free port with the repository's rules; without it
(not installed) they skip, saying so. `.ci/run` installs it.
"""

import http.client
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.test import Client, override_settings

from wagtail.models import Locale

import pytest

from cms.consultation.models import QAIndexPage
from cms.news.factories import news_article_factory
from cms.news.models import NewsIndexPage
from sites import edge

VCL_DIR = Path(settings.BASE_DIR) / "deploy" / "varnish"
VARNISHD = shutil.which("varnishd") or (
    "/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None
)

pytestmark = [
    pytest.mark.skipif(VARNISHD is None, reason="varnishd is not installed"),
    # The live server reads what the test writes: committed, and the database restored after.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # ... and put back for the next file on this worker once the module is done.
    pytest.mark.usefixtures("restore_database_after_module"),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port}")


@pytest.fixture(scope="module")
def varnish(live_server):
    """varnishd in the foreground on a free port, in front of the live server; stopped after."""
    backend_port = int(live_server.url.rsplit(":", 1)[1])
    port = _free_port()
    workdir = Path(tempfile.mkdtemp(prefix="proxy_varnish_"))
    main = workdir / "main.vcl"
    main.write_text(
        (VCL_DIR / "default.vcl").read_text().replace('"8000"', f'"{backend_port}"'),
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [
            VARNISHD,
            "-F",
            "-j",
            "none",
            "-n",
            str(workdir / "n"),
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(main),
            "-p",
            f"vcl_path={VCL_DIR}",
            "-s",
            "malloc,32m",
            "-T",
            "none",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for(port)
    except RuntimeError:
        process.kill()
        _out, error = process.communicate(timeout=10)
        pytest.fail(f"varnishd did not start: {error.decode(errors='replace')[-2000:]}")
    with override_settings(PROXY_PURGE_URLS=[f"http://127.0.0.1:{port}/"]):
        yield port
    process.terminate()
    process.wait(timeout=20)
    shutil.rmtree(workdir, ignore_errors=True)


def get(port: int, host: str, path: str, headers: dict[str, str] | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": host, **(headers or {})})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        connection.close()


def _path_on_site(page) -> str:
    return page.get_url_parts()[2]


def news_index(department) -> NewsIndexPage:
    vi = Locale.objects.get(language_code="vi")
    return NewsIndexPage.objects.descendant_of(department.site.root_page).get(locale=vi)


@pytest.fixture
def sites(varnish, department):
    hcm, hn = department("HCM"), department("HN")
    assert edge.purge({edge.ALL}) == []  # nothing of an earlier test's departments survives
    sites = {
        "HCM": {
            "department": hcm,
            "host": hcm.site.hostname,
            "article": news_article_factory(news_index(hcm), title="Thông quan hàng hóa dịp Tết"),
        },
        "HN": {
            "department": hn,
            "host": hn.site.hostname,
            "article": news_article_factory(news_index(hn), title="Hải quan Hà Nội thu ngân sách"),
        },
    }
    for site in sites.values():
        site["article"].path_on_site = _path_on_site(site["article"])
    return sites


def test_a_published_change_is_visible_through_the_proxy_at_once(varnish, sites):
    hcm = sites["HCM"]
    article, host = hcm["article"], hcm["host"]
    status, headers, body = get(varnish, host, article.path_on_site)
    assert status == 200 and "Thông quan hàng hóa dịp Tết" in body
    assert headers["X-Proxy-Cache"] == "miss"
    status, headers, _ = get(varnish, host, article.path_on_site)
    assert headers["X-Proxy-Cache"] == "hit"
    # The keys and the proxy's own instructions never reach the client.
    assert "Surrogate-Key" not in headers and "x-keys" not in {h.lower() for h in headers}

    article.title = "Thông quan hàng hóa dịp Tết Nguyên đán"
    article.save_revision().publish()
    status, headers, body = get(varnish, host, article.path_on_site)
    assert headers["X-Proxy-Cache"] == "miss"
    assert "Thông quan hàng hóa dịp Tết Nguyên đán" in body

    # The same for the API, and for unpublishing.
    api = "/api/news/?limit=5"
    assert get(varnish, host, api)[1]["X-Proxy-Cache"] == "miss"
    assert get(varnish, host, api)[1]["X-Proxy-Cache"] == "hit"
    article.unpublish()
    status, headers, body = get(varnish, host, api)
    assert headers["X-Proxy-Cache"] == "miss" and "Nguyên đán" not in body
    assert get(varnish, host, article.path_on_site)[0] == 404


def test_another_departments_cached_pages_survive_a_publish(varnish, sites):
    hcm, hn = sites["HCM"], sites["HN"]
    for site in (hcm, hn):
        for path in (site["article"].path_on_site, "/vi/", "/api/news/?limit=5"):
            get(varnish, site["host"], path)
            assert get(varnish, site["host"], path)[1]["X-Proxy-Cache"] == "hit", path

    hcm["article"].title = "Thông quan hàng hóa dịp Tết (cập nhật)"
    hcm["article"].save_revision().publish()

    for path in (hn["article"].path_on_site, "/vi/", "/api/news/?limit=5"):
        assert get(varnish, hn["host"], path)[1]["X-Proxy-Cache"] == "hit", path
    for path in (hcm["article"].path_on_site, "/vi/", "/api/news/?limit=5"):
        assert get(varnish, hcm["host"], path)[1]["X-Proxy-Cache"] == "miss", path


def test_a_purge_is_refused_from_outside_and_with_bad_keys(varnish, sites):
    connection = http.client.HTTPConnection("127.0.0.1", varnish, timeout=10)
    connection.request("BAN", "/", headers={"X-Ban-Keys": "all) || obj.status ~ (2"})
    assert connection.getresponse().status == 400
    connection.close()
    assert edge.purge({"d999999"}) == []  # from 127.0.0.1: accepted


def test_nothing_personal_or_private_is_cached(varnish, sites, superuser):
    host, article = sites["HCM"]["host"], sites["HCM"]["article"]
    logged_in = Client()
    logged_in.force_login(superuser)
    session_id = logged_in.cookies[settings.SESSION_COOKIE_NAME].value
    session = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session_id}"}

    # The admin (and previews, under it) and a logged-in person's pages: always the application.
    for _ in range(2):
        status, headers, _body = get(varnish, host, "/admin/", session)
        assert status == 200 and headers["X-Proxy-Cache"] == "miss"
        status, headers, _body = get(varnish, host, article.path_on_site, session)
        assert headers["X-Proxy-Cache"] == "miss"
    # What a logged-in person saw was not stored for the next anonymous visitor either.
    assert get(varnish, host, article.path_on_site)[1]["X-Proxy-Cache"] == "miss"

    # A form with a CSRF token sets a cookie: never kept, and marked private for any cache.
    root = sites["HCM"]["department"].site.root_page
    qa_index = QAIndexPage.objects.child_of(root).get()
    form = qa_index.get_url_parts()[2] + qa_index.reverse_subpage("ask")
    for _ in range(2):
        status, headers, body = get(varnish, host, form)
        assert status == 200 and "csrfmiddlewaretoken" in body
        assert headers["X-Proxy-Cache"] == "miss"
        assert "no-store" in headers["Cache-Control"] and "Set-Cookie" in headers

    # A private page (restricted to logged-in users) is never kept.
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=article, restriction_type="login")
    for _ in range(2):
        status, headers, _body = get(varnish, host, article.path_on_site)
        assert status in (302, 200) and headers["X-Proxy-Cache"] == "miss"
