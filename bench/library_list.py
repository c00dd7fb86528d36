"""Benchmark: the filtered procedures list with many procedures (never part of `make test`).

    DATABASE_URL=sqlite:////work/main/var/bench.sqlite3 .venv/bin/python manage.py migrate
    DATABASE_URL=sqlite:////work/main/var/bench.sqlite3 .venv/bin/python manage.py shell \
        -c "import bench.library_list as b; b.run(2000)"

Creates `count` published procedures (Vietnamese only) in the HQ department's library,
then reports the SQL queries and time of one filtered list request on a department site.
"""

from __future__ import annotations

import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale

from cms.library.models import Procedure, ProcedureIndexPage
from sites.provisioning import DepartmentSpec, provision_department

CATEGORIES = [value for value, _label in Procedure.Category.choices]


def run(count: int = 2000) -> dict:
    department = provision_department(
        DepartmentSpec(
            code="HCM",
            name="Cục Hải quan TP. Hồ Chí Minh",
            name_en="Ho Chi Minh City Customs Department",
            hostname="hcm.localhost",
        )
    ).department
    vi = Locale.objects.get(language_code="vi")
    existing = Procedure.objects.filter(code__startswith="8.").count()
    Procedure.objects.bulk_create(
        Procedure(
            code=f"8.{number:06d}",
            slug=f"8-{number:06d}",
            locale=vi,
            live=True,
            title=f"Thủ tục hải quan thử nghiệm số {number}",
            folded_text=f"8.{number:06d} thu tuc hai quan thu nghiem so {number}",
            category=CATEGORIES[number % len(CATEGORIES)],
            online_level=1 + number % 4,
            agency="Chi cục Hải quan",
        )
        for number in range(existing, count)
    )
    index = ProcedureIndexPage.objects.get(
        path__startswith=department.site.root_page.path, locale=vi
    )
    url = f"{index.url}?category=declaration&online_only=on&q=thu+nghiem"
    client = Client(HTTP_HOST="hcm.localhost")
    client.get(url)
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    elapsed = time.perf_counter() - started
    return {
        "procedures": Procedure.objects.count(),
        "status": response.status_code,
        "queries": len(queries),
        "milliseconds": round(elapsed * 1000, 1),
    }
