"""The demo departments: HQ and the seven departments named in the seed articles."""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoDepartment:
    code: str
    name: str
    name_en: str
    hostname: str
    colour: str
    address: str
    address_en: str
    hotline: str
    highlight: str
    highlight_en: str
    is_headquarters: bool = False


DEMO_PORT = 8000

DEMO_DEPARTMENTS = [
    DemoDepartment(
        "HQ",
        "Tổng cục Hải quan",
        "General Department of Vietnam Customs",
        "localhost",
        "#0b4f8a",
        "Số 9 Dương Đình Nghệ, phường Yên Hòa, Hà Nội",
        "9 Duong Dinh Nghe Street, Yen Hoa Ward, Ha Noi",
        "1900 9299",
        "Ngành Hải quan đã cung cấp 126 trên 178 thủ tục hải quan trực tuyến từ mức độ 3 trở lên, "
        "trong đó 123 thủ tục ở mức độ 4.",
        "Vietnam Customs provides 126 of its 178 customs formalities online at level 3 or above, "
        "123 of them at level 4.",
        is_headquarters=True,
    ),
    DemoDepartment(
        "HN",
        "Cục Hải quan TP. Hà Nội",
        "Ha Noi Customs Department",
        "hanoi.localhost",
        "#8a1c2b",
        "Số 129 Nguyễn Phong Sắc, quận Cầu Giấy, Hà Nội",
        "129 Nguyen Phong Sac Street, Cau Giay District, Ha Noi",
        "024 3795 3131",
        "Cục đã triển khai trang thông tin bằng tiếng nước ngoài và tư vấn pháp luật "
        "cho doanh nghiệp qua trang điện tử.",
        "The department runs its website in a foreign language and gives traders legal "
        "consultation through it.",
    ),
    DemoDepartment(
        "HCM",
        "Cục Hải quan TP. Hồ Chí Minh",
        "Ho Chi Minh City Customs Department",
        "hcm.localhost",
        "#005f73",
        "Số 2 Hàm Nghi, phường Bến Nghé, TP. Hồ Chí Minh",
        "2 Ham Nghi Street, Ben Nghe Ward, Ho Chi Minh City",
        "028 3829 2961",
        "Ô tô, xăng dầu và sắt thép chiếm gần 35% tổng thu ngân sách nhà nước của Cục.",
        "Cars, petroleum and steel account for nearly 35% of the department's state budget revenue.",
    ),
    DemoDepartment(
        "BD",
        "Cục Hải quan tỉnh Bình Dương",
        "Binh Duong Customs Department",
        "binhduong.localhost",
        "#2d6a4f",
        "Đường Lê Lợi, phường Hòa Phú, TP. Thủ Dầu Một, Bình Dương",
        "Le Loi Street, Hoa Phu Ward, Thu Dau Mot City, Binh Duong",
        "0274 3822 459",
        "Sau 4 tháng triển khai, hơn 600 doanh nghiệp đã tham gia và hơn 2.600 hồ sơ "
        "được tiếp nhận, xử lý trực tuyến.",
        "After 4 months, more than 600 traders have taken part and more than 2,600 dossiers "
        "have been received and processed online.",
    ),
    DemoDepartment(
        "DNAI",
        "Cục Hải quan tỉnh Đồng Nai",
        "Dong Nai Customs Department",
        "dongnai.localhost",
        "#6a4c93",
        "Số 26A đường 2A, KCN Biên Hòa II, TP. Biên Hòa, Đồng Nai",
        "26A Road 2A, Bien Hoa II Industrial Park, Bien Hoa City, Dong Nai",
        "0251 3892 201",
        "Cục chủ động phát triển dịch vụ công trực tuyến và tư vấn pháp luật cho doanh nghiệp.",
        "The department develops its own online public services and legal consultation for traders.",
    ),
    DemoDepartment(
        "BRVT",
        "Cục Hải quan tỉnh Bà Rịa – Vũng Tàu",
        "Ba Ria – Vung Tau Customs Department",
        "vungtau.localhost",
        "#1d3557",
        "Số 2 đường 3 tháng 2, phường 8, TP. Vũng Tàu",
        "2 Ba Thang Hai Street, Ward 8, Vung Tau City",
        "0254 3859 949",
        "Cục tư vấn pháp luật cho doanh nghiệp qua trang điện tử và phát triển dịch vụ công "
        "trực tuyến riêng.",
        "The department gives traders legal consultation online and runs its own online "
        "public services.",
    ),
    DemoDepartment(
        "QN",
        "Cục Hải quan tỉnh Quảng Ninh",
        "Quang Ninh Customs Department",
        "quangninh.localhost",
        "#a04612",
        "Đường Nguyễn Văn Cừ, phường Hồng Hải, TP. Hạ Long, Quảng Ninh",
        "Nguyen Van Cu Street, Hong Hai Ward, Ha Long City, Quang Ninh",
        "0203 3835 656",
        "Chín tháng đầu năm 2024, Cục thu ngân sách 13.885,23 tỷ đồng, đạt 111,08% dự toán; "
        "85,75% số thu qua khu vực cảng biển.",
        "In the first nine months of 2024 the department collected VND 13,885.23 billion, "
        "111.08% of its estimate; 85.75% came through the seaport area.",
    ),
    DemoDepartment(
        "DNG",
        "Cục Hải quan TP. Đà Nẵng",
        "Da Nang Customs Department",
        "danang.localhost",
        "#00669c",
        "Số 250 Bạch Đằng, quận Hải Châu, TP. Đà Nẵng",
        "250 Bach Dang Street, Hai Chau District, Da Nang",
        "0236 3821 431",
        "Cục chủ động phát triển dịch vụ công trực tuyến phục vụ doanh nghiệp xuất nhập khẩu.",
        "The department develops online public services for importers and exporters.",
    ),
]


# The demo staff of each department: (role, username prefix, Vietnamese given names per department).
STAFF_ROLES = (
    ("editor", "editors_group", "Biên tập viên"),
    ("moderator", "moderators_group", "Kiểm duyệt viên"),
    ("siteadmin", "site_admins_group", "Quản trị trang"),
)
# (family name, given name), three per department in DEMO_DEPARTMENTS order: editor,
# moderator, site admin.
STAFF_NAMES = (
    ("Nguyễn Thị", "Hương"),
    ("Trần Văn", "Minh"),
    ("Lê Hoàng", "Nam"),
    ("Phạm Thu", "Trang"),
    ("Hoàng Đức", "Anh"),
    ("Vũ Thị", "Ngọc"),
    ("Đặng Quốc", "Bảo"),
    ("Bùi Thị", "Thảo"),
    ("Đỗ Mạnh", "Hùng"),
    ("Ngô Thanh", "Tâm"),
    ("Dương Văn", "Lợi"),
    ("Lý Thị", "Mai"),
    ("Hồ Ngọc", "Hà"),
    ("Phan Văn", "Đức"),
    ("Võ Thị", "Yến"),
    ("Trịnh Quang", "Huy"),
    ("Đinh Thị", "Nhung"),
    ("Lương Văn", "Thắng"),
    ("Mai Thị", "Phương"),
    ("Tô Văn", "Cường"),
    ("Hà Thị", "Thu"),
    ("Cao Minh", "Khoa"),
    ("Châu Thị", "Diễm"),
    ("Kiều Văn", "Sơn"),
)
