"""Benchmark: the national statistics page and API over 63 departments × 178 procedures ×
36 months (403,704 monthly figures) on PostgreSQL. Never part of `make test`.

    createdb -h 127.0.0.1 -U postgres stats_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/stats_bench
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py shell -c "import bench.statistics.run as b; b.run()"

HQ and one department are provisioned; the other 61 departments are made with the rows a
department needs (site, collection, groups, workflow) but no pages, which the statistics never
read. Each request is timed in-process (Django's test client, no network), each computing the
figures (the API's server-side cache is cleared before each request).
"""

from __future__ import annotations

import datetime
import random
import statistics as stats
import time

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.models import Collection, Site, Workflow

from cms.statistics.models import Classification, MonthlyFigure, Service, Target
from sites.models import Department
from sites.provisioning import DepartmentSpec, provision_department

DEPARTMENTS = 63
PROCEDURES = 178
YEARS = (2024, 2025, 2026)
RUNS = 30


def departments() -> list[Department]:
    hq = provision_department(
        DepartmentSpec(
            code="HQ",
            name="Tổng cục Hải quan",
            name_en="General Department of Vietnam Customs",
            hostname="localhost",
            is_headquarters=True,
        )
    ).department
    hcm = provision_department(
        DepartmentSpec(
            code="HCM",
            name="Cục Hải quan TP. Hồ Chí Minh",
            name_en="Ho Chi Minh City Customs Department",
            hostname="hcm.localhost",
        )
    ).department
    made = [hq, hcm]
    root = Collection.get_first_root_node()
    for number in range(len(made), DEPARTMENTS):
        code = f"B{number:02d}"
        existing = Department.objects.filter(code=code).first()
        if existing:
            made.append(existing)
            continue
        with transaction.atomic():
            made.append(
                Department.objects.create(
                    code=code,
                    name=f"Cục Hải quan số {number}",
                    name_en=f"Customs Department {number}",
                    site=Site.objects.create(
                        hostname=f"b{number}.bench", root_page=hq.site.root_page
                    ),
                    collection=root.add_child(name=f"Bench {code}"),
                    editors_group=Group.objects.create(name=f"{code} editors"),
                    moderators_group=Group.objects.create(name=f"{code} moderators"),
                    site_admins_group=Group.objects.create(name=f"{code} site admins"),
                    workflow=Workflow.objects.create(name=f"{code} workflow"),
                )
            )
    return made


def services() -> list[Service]:
    made = []
    for number in range(PROCEDURES):
        service, created = Service.objects.get_or_create(
            code=f"1.{number:06d}", defaults={"name": f"Thủ tục hải quan số {number}"}
        )
        if created:
            for year in YEARS:
                level = min(4, 1 + (number + year) % 5)
                Classification.objects.create(
                    service=service,
                    year=year,
                    level=level,
                    online="full" if level == 4 else "partial",
                    is_core=number % 4 == 0,
                )
        made.append(service)
    return made


def figures(units: list[Department], counted: list[Service]) -> int:
    if MonthlyFigure.objects.count() >= DEPARTMENTS * PROCEDURES * 12 * len(YEARS):
        return MonthlyFigure.objects.count()
    generator = random.Random(18)
    batch: list[MonthlyFigure] = []
    for unit in units:
        for service in counted:
            for year in YEARS:
                for month in range(1, 13):
                    online = generator.randint(0, 800)
                    batch.append(
                        MonthlyFigure(
                            department=unit,
                            service=service,
                            month=datetime.date(year, month, 1),
                            received_online=online,
                            received_other=online // 50,
                            processed=online,
                            on_time=online,
                            online_traders=online // 9,
                        )
                    )
        MonthlyFigure.objects.bulk_create(batch, batch_size=5000, ignore_conflicts=True)
        batch = []
    for year in YEARS:
        Target.objects.get_or_create(
            department=units[0], year=year, defaults={"level3_share": 90, "on_time_rate": 98}
        )
    return MonthlyFigure.objects.count()


def measure(host: str, path: str) -> tuple[float, float, int]:
    """(p50, p95) in ms over RUNS requests and the SQL count of one. The API's answers are
    cached server-side: the cache is cleared before each, so each computes its figures. The
    page is not cached; the site's own caches (settings, menus) stay warm, as in production."""
    client = Client(HTTP_HOST=host)
    api = path.startswith("/api/")
    assert client.get(path).status_code == 200, path
    times = []
    for _ in range(RUNS):
        if api:
            cache.clear()
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    if api:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    ordered = sorted(times)
    return stats.median(ordered), ordered[int(0.95 * (len(ordered) - 1))], len(queries)


def run() -> None:
    units = departments()
    counted = services()
    started = time.perf_counter()
    total = figures(units, counted)
    elapsed = time.perf_counter() - started
    print(f"{len(units)} departments, {len(counted)} services, {total} figures ({elapsed:.0f} s)")  # noqa: T201
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE statistics_monthlyfigure")
    for host, path in (
        ("localhost", "/vi/thong-ke/2026/"),
        ("localhost", "/api/statistics/national/?year=2026"),
        ("localhost", "/api/statistics/services/?year=2026"),
        ("hcm.localhost", "/vi/thong-ke/2026/"),
        ("hcm.localhost", "/api/statistics/?year=2026"),
    ):
        p50, p95, count = measure(host, path)
        print(f"{host}{path}: p50 {p50:.0f} ms, p95 {p95:.0f} ms, {count} SQL queries")  # noqa: T201
