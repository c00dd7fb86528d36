"""Benchmark of the headless API under gunicorn, PostgreSQL and Redis (never part of `make test`).

One command (from the repository root):

    .venv/bin/python bench/api/run.py                      # 20 departments × 2 languages × 500
    .venv/bin/python bench/api/run.py --departments 4 --articles 100 --seconds 5

It creates its own PostgreSQL database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/customs_api_bench), migrates it, generates news once
(idempotent: departments BA01… that already have their articles are skipped), starts
gunicorn on 127.0.0.1:BENCH_PORT (8201) with the Redis cache (BENCH_REDIS_URL, default db 12),
then runs a bounded closed-loop load generator (threads with keep-alive http.client,
`--concurrency` connections for `--seconds` each) against:

  (a) the news list, served from the server cache
  (b) the same list computed on every request (an Authorization header bypasses the cache)
  (c) article details, computed on every request (rotating over many articles)
  (d) a bare Django view returning a constant JSON body on the same server — the floor
  (e) stock Wagtail API v2 `PagesAPIViewSet` listing the same articles with `fields=*` — the peer

and prints requests/s and p50/p99 latency of each, and the ratios a/d and b/e.
(d) and (e) exist only in `bench.api.settings` / `bench.api.urls`, never in production URLs.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/customs_api_bench"
DEFAULT_REDIS = "redis://127.0.0.1:6379/12"
LIST_QUERY = "/api/news/?limit=20&fields=*&thumbnail_format=webp"
STOCK_QUERY = "/bench/wagtail/pages/?type=news.NewsArticlePage&fields=*&limit=20"


def environment(args: argparse.Namespace) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.api.settings",
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "MEDIA_ROOT": str(ROOT / "var" / "bench-api-media"),
        "PYTHONPATH": str(ROOT),
    }


def create_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def generate(departments: int, articles: int, out=sys.stdout) -> list[dict]:
    """Provision BA01… and give each `articles` live news articles in vi and in en.

    Pages are inserted directly (path computed, no revisions) to keep generation bounded;
    they are live, public and translations of each other as wagtail-localize would make them.
    Returns, per department, its hostname and some article ids.
    """
    import django

    django.setup()
    from django.db import transaction
    from django.utils import timezone

    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Locale, Page

    from cms.news.models import NewsArticlePage, NewsArticleTag, NewsCategory, NewsIndexPage
    from sites.provisioning import DepartmentSpec, provision_department

    categories = NewsCategory.values
    result = []
    for number in range(1, departments + 1):
        code = f"BA{number:02d}"
        department = provision_department(
            DepartmentSpec(
                code=code,
                name=f"Cục Hải quan thử tải {number}",
                name_en=f"Load test Customs Department {number}",
                hostname=f"{code.lower()}.bench.localhost",
            )
        ).department
        english = Locale.objects.get(language_code="en")  # made by provisioning
        index_vi = NewsIndexPage.objects.child_of(department.site.root_page).get()
        index_en = index_vi.get_translation(english)
        have = NewsArticlePage.objects.child_of(index_vi).count()
        if have < articles:
            image = get_image_model().objects.create(
                title=f"Ảnh {code}",
                file=get_test_image_file(filename=f"{code}.png"),
                collection=department.collection,
            )
            now = timezone.now()
            with transaction.atomic():
                for i in range(have, articles):
                    pair = []
                    for index, title in (
                        (index_vi, f"Hải quan {code} thông quan hàng hóa số {i}"),
                        (index_en, f"{code} customs clears goods, item {i}"),
                    ):
                        page = NewsArticlePage(
                            title=title,
                            slug=f"tin-{i}",
                            teaser="Thủ tục hải quan điện tử rút ngắn thời gian thông quan.",
                            date=datetime.date(2026, 1, 1) + datetime.timedelta(days=i % 300),
                            category=categories[i % len(categories)],
                            lead_image=image,
                            body=[
                                {"type": "heading", "value": "Thông quan"},
                                {"type": "paragraph", "value": "<p>Doanh nghiệp khai báo.</p>"},
                            ],
                            live=True,
                            first_published_at=now,
                            last_published_at=now,
                            locale=index.locale,
                            depth=index.depth + 1,
                            path=Page._get_path(index.path, index.depth + 1, i + 1),
                            url_path=f"{index.url_path}tin-{i}/",
                        )
                        if pair:
                            page.translation_key = pair[0].translation_key
                        page.save(clean=False)
                        pair.append(page)
                        NewsArticleTag.objects.create(
                            content_object=page, tag_id=_tag_id(f"chu-de-{i % 10}")
                        )
                for index in (index_vi, index_en):
                    Page.objects.filter(pk=index.pk).update(numchild=articles)
        ids = list(
            NewsArticlePage.objects.child_of(index_vi).order_by("pk").values_list("pk", flat=True)
        )
        result.append({"host": department.site.hostname, "article_ids": ids})
        out.write(f"{code}: {len(ids)} articles per language\n")
        out.flush()
    return result


def _tag_id(name: str) -> int:
    from cms.news.models import NewsTag

    tag, _created = NewsTag.objects.get_or_create(name=name, defaults={"slug": name})
    return tag.pk


class Load:
    """A closed loop of `concurrency` keep-alive connections for `seconds` (bounded)."""

    def __init__(self, port: int, concurrency: int, seconds: float):
        self.port = port
        self.concurrency = concurrency
        self.seconds = seconds

    def run(self, requests: list[tuple[str, dict]]) -> dict:
        latencies: list[float] = []
        errors = [0]
        lock = threading.Lock()
        deadline = time.perf_counter() + self.seconds

        def worker(offset: int) -> None:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            mine, n = [], offset
            while time.perf_counter() < deadline:
                path, headers = requests[n % len(requests)]
                n += self.concurrency
                started = time.perf_counter()
                try:
                    connection.request("GET", path, headers=headers)
                    response = connection.getresponse()
                    response.read()
                    if response.status != 200:
                        errors[0] += 1
                    if response.getheader("Connection", "").lower() == "close":
                        connection.close()
                except (OSError, http.client.HTTPException):
                    errors[0] += 1
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                    continue
                mine.append(time.perf_counter() - started)
            connection.close()
            with lock:
                latencies.extend(mine)

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(self.concurrency)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        latencies.sort()
        return {
            "requests": len(latencies),
            "errors": errors[0],
            "rps": len(latencies) / elapsed,
            "p50": 1000 * statistics.median(latencies) if latencies else float("nan"),
            "p99": 1000 * latencies[int(len(latencies) * 0.99) - 1]
            if len(latencies) >= 100
            else float("nan"),
        }


def wait_for(port: int, host: str, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/bench/constant/", headers={"Host": host})
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer on 127.0.0.1:{port} within {timeout} s")


def fetch(port: int, path: str, headers: dict) -> tuple[int, bytes, dict]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    return response.status, response.read(), dict(response.getheaders())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--departments", type=int, default=20)
    parser.add_argument("--articles", type=int, default=500, help="per department and language")
    parser.add_argument("--seconds", type=float, default=10.0, help="per scenario")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8201")))
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS))
    parser.add_argument(
        "--scenarios", default="abcde", help="which of a–e to run (ratios need a, b, d, e)"
    )
    parser.add_argument(
        "--prepare-only", action="store_true", help="create, migrate and generate, then stop"
    )
    args = parser.parse_args()

    env = environment(args)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    create_database(args.database_url)
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    started = time.time()
    departments = generate(args.departments, args.articles)
    sys.stdout.write(f"data ready in {time.time() - started:.0f} s\n")
    if args.prepare_only:
        return

    server = subprocess.Popen(
        [
            str(Path(python).with_name("gunicorn")),
            "cms.wsgi",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(args.threads),
            "--keep-alive",
            "30",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        host = departments[0]["host"]
        wait_for(args.port, host)
        results = measure(args, departments)
    finally:
        server.terminate()
        server.wait(timeout=30)
    report(args, departments, results)


def measure(args: argparse.Namespace, departments: list[dict]) -> dict:
    host = departments[0]["host"]
    public = {"Host": host}
    uncached = {"Host": host, "Authorization": "Bearer bench-bypasses-the-cache"}
    # Sanity: every scenario answers 200 with the data it should.
    for path, headers in ((LIST_QUERY, public), (STOCK_QUERY, public)):
        status, body, _headers = fetch(args.port, path, headers)
        if status != 200 or b'"items"' not in body:
            raise SystemExit(f"{path} answered {status}: {body[:200]!r}")
    details = [
        (f"/api/news/{pk}/", {"Host": d["host"], "Authorization": uncached["Authorization"]})
        for d in departments
        for pk in d["article_ids"][:: max(1, len(d["article_ids"]) // 50)]
    ]
    for path, headers in details:  # renditions exist before timing (made once per image)
        fetch(args.port, path, headers)
    for d in departments:
        fetch(args.port, LIST_QUERY, {"Host": d["host"]})
    # (a) must be served from the cache: the list just stored answers a hit on the next request.
    fetch(args.port, LIST_QUERY, public)
    status, _body, headers = fetch(args.port, LIST_QUERY, public)
    if headers.get("X-Cache") != "hit":
        raise SystemExit(f"the news list is not served from the cache: {headers}")
    load = Load(args.port, args.concurrency, args.seconds)
    scenarios = {
        "a": [(LIST_QUERY, public)],
        "b": [(LIST_QUERY, uncached)],
        "c": details,
        "d": [("/bench/constant/", public)],
        "e": [(STOCK_QUERY, public)],
    }
    return {key: load.run(scenarios[key]) for key in scenarios if key in args.scenarios}


LABELS = {
    "a": "news list, server cache (Redis)",
    "b": "news list, uncached",
    "c": "article detail, uncached",
    "d": "constant JSON view (floor)",
    "e": "stock Wagtail API v2, fields=* (peer)",
}


def report(args: argparse.Namespace, departments: list[dict], results: dict) -> None:
    out = sys.stdout
    articles = sum(len(d["article_ids"]) for d in departments)
    out.write(
        f"\nmachine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}\n"
        f"data: {len(departments)} departments × 2 languages × {articles // len(departments)} "
        f"articles ({2 * articles} pages)\n"
        f"gunicorn: {args.workers} workers × {args.threads} threads (gthread); load: "
        f"{args.concurrency} keep-alive connections × {args.seconds:.0f} s per scenario, "
        f"client on the same machine\n\n"
    )
    out.write(f"{'scenario':44} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}\n")
    for key, label in LABELS.items():
        if key not in results:
            continue
        r = results[key]
        out.write(
            f"({key}) {label:40} {r['rps']:8.0f} {r['p50']:8.1f} {r['p99']:8.1f} {r['errors']:7d}\n"
        )
    verdicts = []
    if "a" in results and "d" in results:
        verdicts.append(f"a/d = {results['a']['rps'] / results['d']['rps']:.2f} (target ≥ 0.5)")
    if "b" in results and "e" in results:
        verdicts.append(f"b/e = {results['b']['rps'] / results['e']['rps']:.2f} (target ≥ 2)")
    if "c" in results:
        verdicts.append(f"p99(c) = {results['c']['p99']:.1f} ms (target ≤ 100)")
    out.write("\n" + "   ".join(verdicts) + "\n")


if __name__ == "__main__":
    main()
