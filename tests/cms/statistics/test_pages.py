"""The public statistics pages: a department's figures on its site, the national ones at HQ."""

import datetime
import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest

from cms.statistics.models import Classification, MonthlyFigure, Service
from sites.models import Department
from sites.provisioning import DepartmentSpec, provision_department

from .factories import figure, service, target


@pytest.fixture
def figures(department):
    hq, hcm, bd = department("HQ"), department("HCM"), department("BD")
    export = service()
    transit = service(
        code="GH-QC",
        name="Gia hạn thời gian quá cảnh hàng hóa",
        name_en="Extension of transit of goods",
        kind=Service.Kind.OTHER,
    )
    service(
        code="1.000001",
        name="Thủ tục khai bổ sung",
        name_en="Amending a declaration",
        level=3,
        online=Classification.Online.PARTIAL,
        is_core=False,
    )
    service(
        code="1.000002",
        name="Thủ tục cấp C/O",
        name_en="Certificate of origin",
        level=2,
        online=Classification.Online.OFFLINE,
        is_core=True,
    )
    for month in (1, 2, 3):
        figure(hcm, export, datetime.date(2026, month, 1), received_online=1000 * month)
        figure(bd, export, datetime.date(2026, month, 1), received_online=300, on_time=300, late=5)
    figure(hcm, transit, datetime.date(2026, 2, 1), received_online=42, on_time=50)
    figure(hcm, export, datetime.date(2025, 12, 1), received_online=999_999)
    target(hq, level3_share=70, level4_share=50, core_full_share=50, on_time_rate=99)
    return {"hq": hq, "hcm": hcm, "bd": bd}


def page(host: str, path: str = "/vi/thong-ke/2026/") -> str:
    response = Client(HTTP_HOST=host).get(path)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_department_page_shows_the_departments_sums_of_the_year(figures):
    html = page("hcm.localhost")
    assert "6.042" in html  # 1000+2000+3000 online + 42 transit, Vietnamese grouping
    assert "999.999" not in html  # December 2025 is another year
    assert "2/3" in html and "1 thủ tục ở mức độ 4" in html


def test_national_page_sums_every_department(figures):
    html = page("localhost")
    total = sum(
        MonthlyFigure.objects.filter(month__year=2026).values_list("received_online", flat=True)
    )
    assert total == 6942
    assert "6.942" in html
    assert "Cục Hải quan TP. Hồ Chí Minh" in html and "Cục Hải quan tỉnh Bình Dương" in html


def test_english_page_groups_thousands_with_commas(figures):
    html = page("localhost", "/en/thong-ke/2026/")
    assert "6,942" in html
    assert "procedures online at level 3, 1 at level 4" in html


def test_every_chart_has_a_data_table(figures):
    html = page("localhost")
    charts = re.findall(r'<svg role="img"', html)
    assert len(charts) == 3
    for name in ("targets", "months", "top"):
        assert f'data-chart="{name}"' in html


def test_year_in_the_query_redirects_to_the_years_url(figures):
    response = Client(HTTP_HOST="localhost").get("/vi/thong-ke/?year=2025")
    assert response.status_code == 302 and response["Location"] == "/vi/thong-ke/2025/"
    assert "999.999" in page("hcm.localhost", "/vi/thong-ke/2025/")


def test_a_year_out_of_range_is_not_found(figures):
    assert Client(HTTP_HOST="localhost").get("/vi/thong-ke/1800/").status_code == 404


def _extra_department(number: int) -> Department:
    return provision_department(
        DepartmentSpec(
            code=f"T{number}",
            name=f"Cục Hải quan thử {number}",
            name_en=f"Test Customs Department {number}",
            hostname=f"t{number}.localhost",
        )
    ).department


def _national_queries() -> int:
    client = Client(HTTP_HOST="localhost")
    client.get("/vi/thong-ke/2026/")  # warm caches (site, settings)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/vi/thong-ke/2026/").status_code == 200
    return len(queries)


def test_national_page_queries_do_not_grow_with_departments(figures):
    export = Service.objects.get(code="1.008316")
    two = _national_queries()
    for number in range(4):
        figure(_extra_department(number), export, datetime.date(2026, 1, 1))
    assert Department.objects.count() == 7
    assert _national_queries() == two
