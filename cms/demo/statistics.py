"""Demo statistics telling the seed articles' story: the library's procedures classified by
year, HQ's targets, and a year of monthly figures for every demo department — nearly 3 million
dossiers received online nationally from January to November 2026, all processed on time.

Deterministic (a seeded generator) and idempotent: the figures go through the import
(`cms.statistics.exchange.save`), which writes only what differs.
"""

from __future__ import annotations

import random

from django.db import transaction

from wagtail.models import Locale

from cms.library.models import Procedure
from cms.statistics import exchange
from cms.statistics.models import Classification, Service, Target
from sites.models import Department

#: Dossiers received online nationally, January to November of the demo's latest year.
NATIONAL_ONLINE = 2_960_000
YEARS = (2025, 2026)
LAST_MONTH = {2025: 12, 2026: 11}
#: Each department's share of the country's dossiers (HQ handles the General Department's own).
WEIGHTS = {
    "HCM": 0.34,
    "HN": 0.2,
    "BD": 0.11,
    "DNAI": 0.08,
    "QN": 0.08,
    "BRVT": 0.07,
    "DNG": 0.05,
    "HQ": 0.07,
}
#: Fewer dossiers around Tết (February), more towards the year's end.
SEASON = {1: 0.95, 2: 0.7, 3: 0.95, 4: 1.0, 5: 1.0, 6: 1.02, 7: 1.03, 8: 1.05, 9: 1.05}
OTHER_SERVICES = (
    ("GH-QC", "Gia hạn thời gian quá cảnh hàng hóa", "Extension of transit of goods"),
    (
        "TK-DN",
        "Đăng ký tài khoản doanh nghiệp trên Cổng dịch vụ công",
        "Registering a trader's account on the public service portal",
    ),
)
CORE_CATEGORIES = {
    Procedure.Category.DECLARATION,
    Procedure.Category.TRANSIT,
    Procedure.Category.REFUND,
}
TARGETS = {
    # year: (level 3 or 4, level 4, core fully online, on time) — "70 % at level 3, 50 % of core
    # services at level 4" was 2016's; "168/178, 94 %" 2018's.
    2025: ("HQ", 70, 50, 50, 95),
    2026: ("HQ", 94, 70, 80, 98),
}


def ensure_services() -> list[tuple[Service, dict[int, Classification]]]:
    """A counted service per Vietnamese procedure of the library, and the other services."""
    services = []
    vi = Locale.objects.get(language_code="vi")
    en = Locale.objects.filter(language_code="en").first()
    english = (
        dict(Procedure.objects.filter(locale=en).values_list("translation_key", "title"))
        if en
        else {}
    )
    for index, procedure in enumerate(Procedure.objects.filter(locale=vi).order_by("code")):
        service, _created = Service.objects.update_or_create(
            code=procedure.code,
            defaults={
                "name": procedure.title,
                "name_en": english.get(procedure.translation_key, ""),
                "kind": Service.Kind.PROCEDURE,
                "procedure": procedure,
            },
        )
        levels = {
            2026: procedure.online_level,
            # A procedure reached its level this year or last (every third one moved up).
            2025: procedure.online_level
            - (1 if index % 3 == 0 and procedure.online_level > 2 else 0),
        }
        core = procedure.category in CORE_CATEGORIES
        services.append((service, classify(service, levels, procedure.online, core)))
    for code, name, name_en in OTHER_SERVICES:
        service, _created = Service.objects.update_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "kind": Service.Kind.OTHER}
        )
        services.append((service, classify(service, dict.fromkeys(YEARS, 4), "full", True)))
    return services


def classify(service: Service, levels: dict[int, int], online: str, core: bool) -> dict:
    result = {}
    for year, level in levels.items():
        result[year], _created = Classification.objects.update_or_create(
            service=service,
            year=year,
            defaults={
                "level": level,
                "online": online
                if level == levels[max(levels)]
                else Classification.Online.PARTIAL
                if level >= 3
                else Classification.Online.OFFLINE,
                "is_core": core,
            },
        )
    return result


def figure_records(services: list[tuple[Service, dict[int, Classification]]]) -> list[dict]:
    """Monthly records in the import's format for every demo department, service and month."""
    generator = random.Random(18)
    departments = dict(Department.objects.filter(code__in=WEIGHTS).values_list("code", "code"))
    online_services = [s for s, c in services if c[max(YEARS)].level >= 3]
    generator.shuffle(online_services)
    # A few services carry most dossiers.
    popularity = {s.pk: 1 / (rank + 1) ** 1.2 for rank, s in enumerate(online_services)}
    total_weight = sum(popularity.values())
    records = []
    for year in YEARS:
        volume = NATIONAL_ONLINE * (1 if year == max(YEARS) else 0.82)
        months = range(1, LAST_MONTH[year] + 1)
        season_total = sum(SEASON.get(m, 1.08) for m in months)
        for code in departments:
            for service, classes in services:
                level = classes[year].level
                for month in months:
                    share = WEIGHTS[code] * SEASON.get(month, 1.08) / season_total
                    wobble = generator.uniform(0.9, 1.1)
                    online = (
                        round(volume * share * popularity[service.pk] / total_weight * wobble)
                        if level >= 3 and service.pk in popularity
                        else 0
                    )
                    other = round(online * 0.015) + generator.randint(0, 6)
                    received = online + other
                    pending = round(received * 0.01)
                    processed = received - pending + generator.randint(0, 3)
                    late = 0 if year == max(YEARS) else round(processed * 0.004)
                    records.append(
                        {
                            "department": code,
                            "service": service.code,
                            "month": f"{year}-{month:02d}",
                            "received_online": online,
                            "received_other": other,
                            "processed": processed,
                            "on_time": processed - late,
                            "late": late,
                            "pending": pending,
                            "online_traders": max(online // 9, 1 if online else 0),
                        }
                    )
    return [exchange.normalise(record) for record in records]


def ensure_targets() -> None:
    for year, (code, level3, level4, core, on_time) in TARGETS.items():
        department = Department.objects.filter(code=code).first()
        if department is None:
            continue
        Target.objects.update_or_create(
            department=department,
            year=year,
            defaults={
                "level3_share": level3,
                "level4_share": level4,
                "core_full_share": core,
                "on_time_rate": on_time,
            },
        )


@transaction.atomic
def load_demo_statistics() -> exchange.Counts:
    services = ensure_services()
    ensure_targets()
    rows, errors = exchange.validate(figure_records(services))
    assert not errors, errors[:3]
    return exchange.save(rows)
