"""Benchmark: merging two departments of N pages each (never part of `make test`).

    createdb -h 127.0.0.1 -U postgres restructure_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/restructure_bench
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py shell -c "import bench.restructure.run as b; b.generate(5000)"
    .venv/bin/python manage.py shell -c "import bench.restructure.run as b; print(b.measure())"

`generate` provisions BENCHA and BENCHB and bulk-inserts `pages` live pages with one revision
each under each one's news section (plain `Page` rows, every tenth with a child page), plus
`images` images in each one's collection; it tops up to the count, so a rerun adds nothing.
`measure` merges BENCHB into BENCHA as a dry run (the real run, rolled back: it can be
repeated) and reports the wall time and how much the process's peak RSS grew during it;
`measure_allocations` the peak of Python allocations during a merge (tracemalloc, slower).
`codes=("BENCHC", "BENCHD")` with `generate(1000, codes=…)` gives a smaller pair to compare:
memory that does not grow with the number of pages is the same for both.
"""

from __future__ import annotations

import resource
import time
import tracemalloc
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from sites.models import Department
from sites.provisioning import DepartmentSpec, provision_department
from sites.restructure.operations import run_plan
from sites.restructure.plan import plan_from_data

BATCH = 1000
CODES = ("BENCHA", "BENCHB")


def _department(code: str) -> Department:
    return provision_department(
        DepartmentSpec(
            code=code,
            name=f"Cục Hải quan thử nghiệm {code[-1]}",
            name_en=f"Benchmark Customs {code[-1]}",
            hostname=f"{code.lower()}.localhost",
        )
    ).department


def _add_children(parent: Page, count: int, prefix: str, page_type: ContentType) -> list[Page]:
    start = parent.numchild
    rows = [
        Page(
            title=f"Tin thử nghiệm {prefix} số {index}",
            draft_title=f"Tin thử nghiệm {prefix} số {index}",
            slug=f"tin-thu-nghiem-{index}",
            content_type=page_type,
            locale_id=parent.locale_id,
            translation_key=uuid.uuid4(),
            path=Page._get_path(parent.path, parent.depth + 1, index),
            depth=parent.depth + 1,
            numchild=0,
            live=True,
            url_path=f"{parent.url_path}tin-thu-nghiem-{index}/",
        )
        for index in range(start + 1, start + count + 1)
    ]
    made = []
    now = timezone.now()
    for offset in range(0, len(rows), BATCH):
        inserted = Page.objects.bulk_create(rows[offset : offset + BATCH])
        Revision.objects.bulk_create(
            Revision(
                content_type=page_type,
                base_content_type=page_type,
                object_id=str(page.pk),
                content={"title": page.title, "slug": page.slug, "pk": page.pk},
                created_at=now,
                object_str=page.title,
            )
            for page in inserted
        )
        made += inserted
    Page.objects.filter(pk=parent.pk).update(numchild=start + count)
    return made


def generate(pages: int = 5000, images: int = 50, codes: tuple[str, str] = CODES) -> None:
    """Both departments with `pages` pages (a tenth of them with one child) and `images` images."""
    from cms.demo.images import emblem_png

    page_type = ContentType.objects.get_for_model(Page)
    for code in codes:
        with transaction.atomic():
            _generate_one(code, pages, images, page_type, emblem_png)


def _generate_one(code: str, pages: int, images: int, page_type: ContentType, emblem_png) -> None:
    department = _department(code)
    news = department.site.root_page.get_children().get(slug="tin-tuc")
    have = department.pages().filter(depth__gt=news.depth).count()
    parents = int(pages / 1.1)
    if have < pages:
        made = _add_children(news, parents, code, page_type)
        for page in made[::10][: pages - parents]:
            _add_children(Page.objects.get(pk=page.pk), 1, f"{code} con", page_type)
    model = get_image_model()
    for number in range(model.objects.filter(collection=department.collection).count(), images):
        model.objects.create(
            title=f"Ảnh {code} {number}",
            file=emblem_png(code, "#0b4f8a", size=64),
            collection=department.collection,
        )


def _merge(codes: tuple[str, str]) -> int:
    target, source = codes
    report = run_plan(
        plan_from_data({"steps": [{"merge": [source], "into": target}]}), dry_run=True
    )
    return report.counts["pages"]


def measure(codes: tuple[str, str] = CODES) -> str:
    """Wall time and growth of the process's peak RSS over one merge (no tracing overhead)."""
    source = Department.objects.get(code=codes[1])
    pages = source.pages().count()
    rss_before = _peak_rss_mib()
    started = time.perf_counter()
    moved = _merge(codes)
    seconds = time.perf_counter() - started
    rss_after = _peak_rss_mib()
    return (
        f"{codes[1]} ({pages} pages) into {codes[0]}: {moved} pages moved in {seconds:.1f} s "
        f"({moved / seconds:.0f} pages/s); process peak RSS {rss_before:.0f} MiB before, "
        f"{rss_after:.0f} MiB after (+{rss_after - rss_before:.0f} MiB)"
    )


def measure_allocations(codes: tuple[str, str] = CODES) -> str:
    """Peak of Python allocations during one merge (tracemalloc; slows the run several times)."""
    tracemalloc.start()
    moved = _merge(codes)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return (
        f"{codes[1]} into {codes[0]}: {moved} pages; peak Python allocations {peak / 2**20:.1f} MiB"
    )


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
