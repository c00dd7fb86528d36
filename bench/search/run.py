"""Benchmark: site search over many pages in many departments (never part of `make test`).

    createdb -h 127.0.0.1 -U postgres customs_bench_search
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/customs_bench_search
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py shell -c "import bench.search.run as b; b.generate(100_000, 40)"
    .venv/bin/python manage.py shell -c "import bench.search.run as b; b.generate_library(300)"
    .venv/bin/python manage.py shell -c "import bench.search.run as b; print(b.measure(10, 5))"

`generate` provisions `departments` departments and bulk-inserts `pages` live pages spread
evenly across them, half Vietnamese and half English (titles and teasers from realistic
customs vocabulary), then indexes them with the portal's folding backend. It is bounded (pages are inserted
in batches); departments (BENCH01…) are provisioned once and a rerun only tops each home up to
its share, so it is idempotent.
`generate_library` publishes procedures and legal documents in both languages (the shared
library every department's search includes); it is idempotent. `measure` runs a fixed list of
queries through `search.query.site_search` (20 results) for several departments and reports
p50 and p95 in milliseconds.
"""

from __future__ import annotations

import datetime
import random
import statistics
import time
import uuid

from django.contrib.contenttypes.models import ContentType
from django.utils.text import slugify

from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from search.query import site_search
from sites.models import Department
from sites.provisioning import DepartmentSpec, provision_department

BATCH = 2000
VI_WORDS = (
    "thủ tục hải quan điện tử tờ khai nhập khẩu xuất khẩu miễn thuế hàng hóa cửa khẩu đường bộ "
    "cảng biển kiểm tra giám sát xuất xứ kiểm dịch hành lý bưu chính chuyển phát tuyển dụng "
    "thông báo hội nghị Hà Nội Đà Nẵng Hồ Chí Minh Bình Dương Đồng Nai Quảng Ninh Nghị định "
    "Thông tư quy định hướng dẫn doanh nghiệp ưu đãi"
).split()
EN_WORDS = (
    "customs electronic clearance declaration import export duty exemption goods border gate "
    "road seaport inspection supervision origin quarantine baggage postal express recruitment "
    "notice conference Hanoi Danang enterprise guidance decree circular regulation preference"
).split()
QUERIES = [
    ("vi", "thủ tục hải quan"),
    ("vi", "thu tuc hai quan"),
    ("vi", "mien thue nhap khau"),
    ("vi", "đường bộ"),
    ("vi", "Đà Nẵng"),
    ("vi", "kiem dich"),
    ("vi", "85/2019/NĐ-CP"),
    ("vi", "hành lý xuất cảnh"),
    ("en", "customs clearance"),
    ("en", "duty exemption"),
    ("en", "postal express"),
    ("en", "decree"),
    ("vi", "1.000150"),
    ("en", "12/2021/TT-BTC"),
]


def _departments(count: int) -> list[Department]:
    return [
        provision_department(
            DepartmentSpec(
                code=f"BENCH{number:02d}",
                name=f"Cục Hải quan thử nghiệm {number}",
                name_en=f"Benchmark Customs Department {number}",
                hostname=f"bench{number:02d}.localhost",
            )
        ).department
        for number in range(1, count + 1)
    ]


def _sentence(rng: random.Random, words: list[str], length: int) -> str:
    return " ".join(rng.choice(words) for _ in range(length)).capitalize()


def generate(pages: int = 100_000, departments: int = 40, seed: int = 6) -> int:
    """Top every home of `departments` up to its share of `pages` live pages and index them."""
    rng = random.Random(seed)
    page_type = ContentType.objects.get_for_model(Page)
    backend = get_search_backend()
    per_home = max(1, pages // (departments * 2))
    created = 0
    for department in _departments(departments):
        for home in department.home_pages():
            words = EN_WORDS if home.locale.language_code == "en" else VI_WORDS
            start = home.numchild
            have = Page.objects.child_of(home).filter(url_path__contains="/bench-").count()
            rows = []
            for index in range(start + 1, start + max(0, per_home - have) + 1):
                title = _sentence(rng, words, rng.randint(4, 9))
                rows.append(
                    Page(
                        title=title,
                        draft_title=title,
                        slug=f"{slugify(title)[:40]}-{index}",
                        content_type=page_type,
                        locale=home.locale,
                        translation_key=uuid.uuid4(),
                        path=Page._get_path(home.path, home.depth + 1, index),
                        depth=home.depth + 1,
                        numchild=0,
                        live=True,
                        url_path=f"{home.url_path}bench-{index}/",
                        search_description=_sentence(rng, words, 20),
                    )
                )
            for offset in range(0, len(rows), BATCH):
                inserted = Page.objects.bulk_create(rows[offset : offset + BATCH])
                backend.add_bulk(Page, inserted)
            Page.objects.filter(pk=home.pk).update(numchild=start + len(rows))
            created += len(rows)
    return created


def generate_library(items: int = 300) -> int:
    """Publish `items` procedures and `items` legal documents in both languages (idempotent).

    Rows are bulk-inserted as published (`live=True`), as the import command leaves them, then
    indexed; codes are 1.000001… and numbers 1/2021/TT-BTC…, so reruns add nothing.
    """
    from cms.library.models import LegalDocument, Procedure
    from cms.library.models.procedures import fold_text, slug_for_code
    from sites.text import ascii_slugify

    rng = random.Random(items)
    backend = get_search_backend()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    created = 0
    for language, locale in locales.items():
        words = EN_WORDS if language == "en" else VI_WORDS
        codes = [f"1.{number:06d}" for number in range(1, items + 1)]
        numbers = [f"{number}/2021/TT-BTC" for number in range(1, items + 1)]
        have_codes = set(
            Procedure.objects.filter(locale=locale, code__in=codes).values_list("code", flat=True)
        )
        have_numbers = set(
            LegalDocument.objects.filter(locale=locale, number__in=numbers).values_list(
                "number", flat=True
            )
        )
        procedures = []
        for number, code in enumerate(codes, start=1):
            if code in have_codes:
                continue
            title = _sentence(rng, words, rng.randint(6, 12))
            procedures.append(
                Procedure(
                    code=code,
                    slug=slug_for_code(code),
                    title=title,
                    folded_text=fold_text(f"{code} {title}"),
                    category=Procedure.Category.values[number % len(Procedure.Category.values)],
                    online_level=1 + number % 4,
                    agency=_sentence(rng, words, 4),
                    applicants=_sentence(rng, words, 20),
                    locale=locale,
                    translation_key=uuid.uuid5(uuid.NAMESPACE_URL, f"bench-procedure-{code}"),
                    live=True,
                )
            )
        documents = []
        for number_text in numbers:
            if number_text in have_numbers:
                continue
            documents.append(
                LegalDocument(
                    number=number_text,
                    slug=ascii_slugify(number_text.replace("/", "-")),
                    title=_sentence(rng, words, rng.randint(6, 12)),
                    doc_type=LegalDocument.Type.CIRCULAR,
                    issuer="Bộ Tài chính" if language == "vi" else "Ministry of Finance",
                    issued_on=datetime.date(2021, 1 + rng.randrange(12), 1 + rng.randrange(28)),
                    summary=_sentence(rng, words, 30),
                    locale=locale,
                    translation_key=uuid.uuid5(uuid.NAMESPACE_URL, f"bench-legal-{number_text}"),
                    live=True,
                )
            )
        for model, rows in ((Procedure, procedures), (LegalDocument, documents)):
            inserted = model.objects.bulk_create(rows, batch_size=BATCH)
            backend.add_bulk(model, inserted)
            created += len(inserted)
    return created


def measure(departments: int = 5, repeat: int = 3) -> dict[str, float]:
    """p50/p95 (ms) of `site_search(..., limit=20)` over QUERIES on the first departments."""
    timings = []
    chosen = list(
        Department.objects.filter(code__startswith="BENCH").order_by("code")[:departments]
    )
    for department in chosen:
        for language, query in QUERIES:
            site_search(department, query, language, limit=20)  # warm-up
            for _ in range(repeat):
                started = time.perf_counter()
                site_search(department, query, language, limit=20)
                timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    result = {
        "searches": len(timings),
        "pages": Page.objects.filter(url_path__contains="/bench-").count(),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 1),
        "max_ms": round(timings[-1], 1),
    }
    return result
