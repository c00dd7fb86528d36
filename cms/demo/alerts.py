"""Demo alerts and operating status: one national information alert, HCM's own warning, and
the gates, ports and offices of every demo department with a current status."""

from __future__ import annotations

import datetime

from django.utils import timezone

from cms.alerts.models import Alert, Gate, GateStatus, Severity
from cms.alerts.services import update_gate_status
from sites.models import Department

# (department code, name, English name, kind, address, English address, hours, English hours,
#  status, message, English message, expected wait in minutes)
DEMO_GATES: list[tuple] = [
    (
        "HQ",
        "Cửa khẩu quốc tế Hữu Nghị (Lạng Sơn)",
        "Huu Nghi International Border Gate (Lang Son)",
        Gate.Kind.BORDER_GATE,
        "Xã Đồng Đăng, tỉnh Lạng Sơn",
        "Dong Dang Commune, Lang Son Province",
        "7:00–19:00 hằng ngày",
        "7:00–19:00 every day",
        GateStatus.CONGESTED,
        "Xe chở nông sản xếp hàng dài; dự kiến chờ khoảng 6 giờ.",
        "Long queues of trucks carrying farm produce; expect about 6 hours.",
        360,
    ),
    (
        "HN",
        "Sân bay quốc tế Nội Bài",
        "Noi Bai International Airport",
        Gate.Kind.AIRPORT,
        "Xã Phú Minh, Hà Nội",
        "Phu Minh Commune, Ha Noi",
        "24/7",
        "24/7",
        GateStatus.OPEN,
        "",
        "",
        None,
    ),
    (
        "HN",
        "Cảng cạn ICD Gia Lâm",
        "Gia Lam ICD",
        Gate.Kind.OFFICE,
        "Phường Long Biên, Hà Nội",
        "Long Bien Ward, Ha Noi",
        "7:30–17:00, thứ Hai – thứ Bảy",
        "7:30–17:00, Monday–Saturday",
        GateStatus.OPEN,
        "",
        "",
        None,
    ),
    (
        "HCM",
        "Cảng Cát Lái",
        "Cat Lai Port",
        Gate.Kind.SEAPORT,
        "Phường Cát Lái, TP. Hồ Chí Minh",
        "Cat Lai Ward, Ho Chi Minh City",
        "24/7, làm việc cả cuối tuần",
        "24/7, weekends included",
        GateStatus.CONGESTED,
        "Lượng container tăng cao dịp cuối năm.",
        "Container volumes are high at the year's end.",
        120,
    ),
    (
        "HCM",
        "Sân bay quốc tế Tân Sơn Nhất",
        "Tan Son Nhat International Airport",
        Gate.Kind.AIRPORT,
        "Phường Tân Sơn Hòa, TP. Hồ Chí Minh",
        "Tan Son Hoa Ward, Ho Chi Minh City",
        "24/7",
        "24/7",
        GateStatus.OPEN,
        "",
        "",
        None,
    ),
    (
        "BD",
        "Cảng cạn ICD Sóng Thần",
        "Song Than ICD",
        Gate.Kind.OFFICE,
        "Phường Dĩ An, TP. Hồ Chí Minh",
        "Di An Ward, Ho Chi Minh City",
        "7:30–17:00, thứ Hai – thứ Bảy",
        "7:30–17:00, Monday–Saturday",
        GateStatus.OPEN,
        "",
        "",
        None,
    ),
    (
        "DNAI",
        "Cảng Đồng Nai",
        "Dong Nai Port",
        Gate.Kind.SEAPORT,
        "Phường Long Bình Tân, Đồng Nai",
        "Long Binh Tan Ward, Dong Nai",
        "7:00–21:00 hằng ngày",
        "7:00–21:00 every day",
        GateStatus.LIMITED,
        "Một cầu cảng đang bảo trì.",
        "One berth is under maintenance.",
        45,
    ),
    (
        "BRVT",
        "Cảng Cái Mép",
        "Cai Mep Port",
        Gate.Kind.SEAPORT,
        "Phường Tân Thành, TP. Hồ Chí Minh",
        "Tan Thanh Ward, Ho Chi Minh City",
        "24/7",
        "24/7",
        GateStatus.OPEN,
        "",
        "",
        None,
    ),
    (
        "QN",
        "Cửa khẩu quốc tế Móng Cái",
        "Mong Cai International Border Gate",
        Gate.Kind.BORDER_GATE,
        "Phường Móng Cái 1, Quảng Ninh",
        "Mong Cai 1 Ward, Quang Ninh",
        "7:00–22:00 hằng ngày",
        "7:00–22:00 every day",
        GateStatus.OPEN,
        "",
        "",
        None,
    ),
    (
        "QN",
        "Cảng Cái Lân",
        "Cai Lan Port",
        Gate.Kind.SEAPORT,
        "Phường Bãi Cháy, Quảng Ninh",
        "Bai Chay Ward, Quang Ninh",
        "24/7",
        "24/7",
        GateStatus.OPEN,
        "",
        "",
        None,
    ),
    (
        "DNG",
        "Cảng Đà Nẵng (Tiên Sa)",
        "Da Nang Port (Tien Sa)",
        Gate.Kind.SEAPORT,
        "Phường Sơn Trà, Đà Nẵng",
        "Son Tra Ward, Da Nang",
        "24/7",
        "24/7",
        GateStatus.OPEN,
        "",
        "",
        None,
    ),
    (
        "DNG",
        "Sân bay quốc tế Đà Nẵng",
        "Da Nang International Airport",
        Gate.Kind.AIRPORT,
        "Phường Hòa Cường, Đà Nẵng",
        "Hoa Cuong Ward, Da Nang",
        "24/7",
        "24/7",
        GateStatus.CLOSED,
        "Tạm dừng thông quan hàng hóa từ 22:00 đến 5:00 do nâng cấp hệ thống.",
        "Cargo clearance paused 22:00–05:00 for a system upgrade.",
        None,
    ),
]


def ensure_demo_gates(department: Department) -> None:
    """The department's demo gates; a status is set (and logged) only when a gate is new."""
    for order, row in enumerate(r for r in DEMO_GATES if r[0] == department.code):
        (
            _code,
            name,
            name_en,
            kind,
            address,
            address_en,
            hours,
            hours_en,
            status,
            message,
            message_en,
            wait,
        ) = row
        details = {
            "name_en": name_en,
            "kind": kind,
            "address": address,
            "address_en": address_en,
            "hours": hours,
            "hours_en": hours_en,
            "sort_order": order,
        }
        gate = Gate.objects.filter(department=department, name=name).first()
        created = gate is None
        if gate is None:
            gate = Gate.objects.create(department=department, name=name, **details)
        elif any(getattr(gate, field) != value for field, value in details.items()):
            # Saved only when it changed: every save is a change-feed event.
            for field, value in details.items():
                setattr(gate, field, value)
            gate.save()
        if created:
            update_gate_status(gate, None, status, message, message_en, wait)


def _ensure_alert(department: Department, title: str, **fields) -> Alert:
    alert = Alert.objects.filter(department=department, title=title).first()
    if alert is None:
        alert = Alert(department=department, title=title, live=False, **fields)
        alert.save()
    if not alert.live or alert.has_unpublished_changes:
        alert.save_revision().publish()
    return alert


def ensure_demo_alerts() -> None:
    """One national information alert (every site) and HCM's own warning, both open-ended."""
    started = timezone.now() - datetime.timedelta(hours=1)
    hq = Department.objects.filter(is_headquarters=True).first()
    if hq is not None:
        _ensure_alert(
            hq,
            "Bảo trì hệ thống VNACCS/VCIS từ 22:00 đến 24:00 thứ Bảy",
            title_en="VNACCS/VCIS maintenance from 22:00 to midnight on Saturday",
            text="Doanh nghiệp vui lòng hoàn tất khai báo trước 22:00.",
            text_en="Please finish your declarations before 22:00.",
            severity=Severity.INFORMATION,
            starts_at=started,
            reach=Alert.Reach.ALL,
        )
    hcm = Department.objects.filter(code="HCM").first()
    if hcm is not None:
        _ensure_alert(
            hcm,
            "Cảng Cát Lái ùn tắc, dự kiến chờ 2 giờ",
            title_en="Cat Lai Port is congested; expect a 2-hour wait",
            text="Cảng vẫn làm việc xuyên cuối tuần; xem tình trạng cửa khẩu để cập nhật.",
            text_en="The port works through the weekend; see the operating status for updates.",
            severity=Severity.WARNING,
            starts_at=started,
            reach=Alert.Reach.OWN,
        )
