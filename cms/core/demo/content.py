"""Bilingual demo text for each department's home, introduction and contact pages.

Each function returns the Vietnamese content and a mapping from every
Vietnamese segment to its English translation, for wagtail-localize.
"""

from cms.core.demo.departments import DemoDepartment

MODERNISATION_VI = (
    "Cổng thông tin hải quan vận hành tập trung, thống nhất về hạ tầng và ứng dụng, hướng tới "
    "mục tiêu “Mọi lúc – Mọi nơi – Mọi thiết bị”."
)
MODERNISATION_EN = (
    "The Customs portal runs in a concentrated, uniform manner in IT infrastructure and "
    "applications, aiming at “Anywhere – Anytime – Any device”."
)


def home_intro(department: DemoDepartment) -> tuple[str, dict[str, str]]:
    welcome_vi = f"Chào mừng quý vị đến với Cổng thông tin điện tử {department.name}."
    welcome_en = f"Welcome to the portal of the {department.name_en}."
    html = f"<p>{welcome_vi}</p><p>{department.highlight}</p>"
    return html, {welcome_vi: welcome_en, department.highlight: department.highlight_en}


def introduction_body(department: DemoDepartment) -> tuple[list, dict[str, str]]:
    if department.is_headquarters:
        role_vi = (
            "Tổng cục Hải quan là cơ quan trực thuộc Bộ Tài chính, thực hiện chức năng quản lý "
            "nhà nước về hải quan và tổ chức thực thi pháp luật về hải quan trên phạm vi cả nước."
        )
        role_en = (
            "The General Department of Vietnam Customs, under the Ministry of Finance, manages "
            "customs and enforces customs law nationwide."
        )
    else:
        role_vi = (
            f"{department.name} là đơn vị trực thuộc Tổng cục Hải quan, có chức năng tham mưu, "
            "giúp Tổng cục trưởng quản lý nhà nước về hải quan và tổ chức thực thi pháp luật "
            "về hải quan trên địa bàn."
        )
        role_en = (
            f"The {department.name_en}, under the General Department of Vietnam Customs, "
            "advises the Director General and enforces customs law in its area."
        )
    body = [
        ("heading", "Chức năng, nhiệm vụ"),
        ("paragraph", f"<p>{role_vi}</p>"),
        ("heading", "Hiện đại hóa hải quan"),
        ("paragraph", f"<p>{MODERNISATION_VI}</p><p>{department.highlight}</p>"),
    ]
    strings = {
        "Chức năng, nhiệm vụ": "Functions and duties",
        role_vi: role_en,
        "Hiện đại hóa hải quan": "Customs modernisation",
        MODERNISATION_VI: MODERNISATION_EN,
        department.highlight: department.highlight_en,
    }
    return body, strings


def contact_body(department: DemoDepartment) -> tuple[list, dict[str, str]]:
    body = [
        ("heading", "Địa chỉ"),
        ("paragraph", f"<p>{department.address}</p>"),
        ("heading", "Đường dây nóng"),
        ("paragraph", f"<p>{department.hotline}</p>"),
    ]
    strings = {
        "Địa chỉ": "Address",
        department.address: department.address_en,
        "Đường dây nóng": "Hotline",
    }
    return body, strings


def contact_details(department: DemoDepartment) -> tuple[dict[str, str], dict[str, str]]:
    """Fields of a department's contact page, and the English for its translatable text."""
    fields = {
        "address": department.address,
        "hotline": department.hotline,
        "email": f"{department.code.lower()}@customs.gov.vn",
        "teaser": f"Thông tin liên hệ của {department.name}.",
    }
    strings = {
        department.address: department.address_en,
        fields["teaser"]: f"How to contact the {department.name_en}.",
    }
    return fields, strings
