"""Bilingual demo text for each department's home, introduction and contact pages.

Each function returns the Vietnamese content and a mapping from every
Vietnamese segment to its English translation, for wagtail-localize.
"""

from cms.demo.departments import DemoDepartment

MODERNISATION_VI = (
    "Cổng thông tin hải quan vận hành tập trung, thống nhất về hạ tầng và ứng dụng, hướng tới "
    "mục tiêu “Mọi lúc – Mọi nơi – Mọi thiết bị”."
)
MODERNISATION_EN = (
    "The Customs portal runs in a concentrated, uniform manner in IT infrastructure and "
    "applications, aiming at “Anywhere – Anytime – Any device”."
)


MOTTO_VI = "Chuyên nghiệp – Minh bạch – Hiệu quả."
MOTTO_EN = "Professional – Transparent – Efficient."
FAQ = (
    (
        "Giờ làm việc của cơ quan hải quan?",
        "When are customs offices open?",
        "Từ thứ Hai đến thứ Sáu, sáng 7 giờ 30 đến 11 giờ 30, chiều 13 giờ đến 17 giờ.",
        "Monday to Friday, 7:30 to 11:30 and 13:00 to 17:00.",
    ),
    (
        "Làm sao để khai hải quan điện tử?",
        "How do I file an electronic declaration?",
        "Đăng ký tài khoản trên Cổng dịch vụ công trực tuyến rồi khai tờ khai qua hệ thống VNACCS.",
        "Register on the online public services portal, then file through the VNACCS system.",
    ),
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
        ("quote", {"quote": MOTTO_VI, "attribution": "Tổng cục Hải quan"}),
        (
            "accordion",
            {
                "heading": "Câu hỏi thường gặp",
                "items": [
                    {"heading": question, "body": f"<p>{answer}</p>"}
                    for question, _q, answer, _a in FAQ
                ],
            },
        ),
        (
            "call_to_action",
            {
                "title": "Dịch vụ công trực tuyến",
                "text": "Nộp hồ sơ thủ tục hải quan mọi lúc, mọi nơi.",
                "page": None,
                "url": "https://dichvucong.customs.gov.vn/",
                "button_text": "Truy cập",
            },
        ),
    ]
    strings = {
        MOTTO_VI: MOTTO_EN,
        "Tổng cục Hải quan": "General Department of Vietnam Customs",
        "Câu hỏi thường gặp": "Frequently asked questions",
        "Dịch vụ công trực tuyến": "Online public services",
        "Nộp hồ sơ thủ tục hải quan mọi lúc, mọi nơi.": "File customs formalities any time, anywhere.",
        "Truy cập": "Open",
        **{question: question_en for question, question_en, _a, _b in FAQ},
        **{answer: answer_en for _q, _r, answer, answer_en in FAQ},
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


QUICK_LINKS = (
    (
        "Dịch vụ công trực tuyến",
        "Online public services",
        "https://dichvucong.customs.gov.vn/",
        "Nộp hồ sơ thủ tục hải quan trực tuyến.",
        "File customs formalities online.",
    ),
    (
        "Tra cứu tờ khai",
        "Declaration look-up",
        "https://pus.customs.gov.vn/",
        "Tra cứu trạng thái tờ khai hải quan.",
        "Check the status of a customs declaration.",
    ),
    (
        "Cổng một cửa quốc gia",
        "National Single Window",
        "https://vnsw.gov.vn/",
        "Thủ tục liên ngành cho hàng hóa xuất nhập khẩu.",
        "Inter-agency formalities for imports and exports.",
    ),
)


def home_extras(department: DemoDepartment) -> tuple[dict, dict[str, str]]:
    """Hero text, quick links and highlights of a demo home page, and their English."""
    hero_text_vi = "Hải quan Việt Nam: chuyên nghiệp, minh bạch, hiệu quả."
    hero_text_en = "Vietnam Customs: professional, transparent, efficient."
    quick_links = [
        ("link", {"title": title, "url": url, "description": text})
        for title, _title_en, url, text, _text_en in QUICK_LINKS
    ]
    highlights = [
        (
            "highlight",
            {
                "title": "Hiện đại hóa hải quan",
                "text": department.highlight,
                "image": None,
                "page": None,
            },
        ),
        (
            "highlight",
            {
                "title": "Mọi lúc – Mọi nơi – Mọi thiết bị",
                "text": MODERNISATION_VI,
                "image": None,
                "page": None,
            },
        ),
    ]
    strings = {
        hero_text_vi: hero_text_en,
        "Hiện đại hóa hải quan": "Customs modernisation",
        department.highlight: department.highlight_en,
        "Mọi lúc – Mọi nơi – Mọi thiết bị": "Anywhere – Anytime – Any device",
        MODERNISATION_VI: MODERNISATION_EN,
    }
    for title, title_en, _url, text, text_en in QUICK_LINKS:
        strings[title] = title_en
        strings[text] = text_en
    fields = {"hero_text": hero_text_vi, "quick_links": quick_links, "highlights": highlights}
    return fields, strings


LEAFLET_TITLE = ("Tờ rơi, ấn phẩm tuyên truyền", "Leaflets and publicity")
LEAFLET_TEASER = (
    "Tài liệu hướng dẫn thủ tục hải quan điện tử cho người dân và doanh nghiệp.",
    "Guides to electronic customs formalities for citizens and businesses.",
)
LEAFLET_FILES = (
    (
        "Hướng dẫn khai hải quan điện tử",
        "Guide to electronic customs declarations",
        ["Bước 1: Đăng ký tài khoản", "Bước 2: Khai tờ khai", "Bước 3: Nộp thuế điện tử"],
    ),
    (
        "Dịch vụ công trực tuyến mức độ 4",
        "Level 4 online public services",
        ["Nộp hồ sơ mọi lúc, mọi nơi", "Thanh toán trực tuyến", "Nhận kết quả điện tử"],
    ),
)
