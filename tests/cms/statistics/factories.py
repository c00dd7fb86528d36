"""Counted services, classifications and monthly figures for the statistics tests."""

from __future__ import annotations

import datetime

from cms.statistics.models import Classification, MonthlyFigure, Service, Target
from sites.models import Department


def service(
    code: str = "1.008316",
    name: str = "Thủ tục hải quan đối với hàng hóa xuất khẩu, nhập khẩu thương mại",
    name_en: str = "Customs procedure for commercial exports and imports",
    level: int = 4,
    online: str = Classification.Online.FULL,
    is_core: bool = True,
    year: int = 2026,
    kind: str = Service.Kind.PROCEDURE,
) -> Service:
    item = Service.objects.create(code=code, name=name, name_en=name_en, kind=kind)
    Classification.objects.create(
        service=item, year=year, level=level, online=online, is_core=is_core
    )
    return item


def figure(
    department: Department,
    item: Service,
    month: datetime.date = datetime.date(2026, 1, 1),
    received_online: int = 100,
    received_other: int = 10,
    on_time: int = 105,
    late: int = 0,
    pending: int = 5,
    online_traders: int = 20,
) -> MonthlyFigure:
    return MonthlyFigure.objects.create(
        department=department,
        service=item,
        month=month,
        received_online=received_online,
        received_other=received_other,
        processed=on_time + late,
        on_time=on_time,
        late=late,
        pending=pending,
        online_traders=online_traders,
    )


def target(department: Department, year: int = 2026, **values) -> Target:
    defaults = {
        "level3_share": 70,
        "level4_share": 50,
        "core_full_share": 50,
        "on_time_rate": 95,
    }
    return Target.objects.create(department=department, year=year, **{**defaults, **values})
