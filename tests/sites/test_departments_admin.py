"""The platform admins' Departments view: create and repair a department from the admin."""

from django.test import Client
from django.urls import reverse

import pytest

from sites.models import Department


@pytest.fixture
def admin_client_(superuser) -> Client:
    client = Client()
    client.force_login(superuser)
    return client


def test_platform_admin_creates_a_department_in_one_step(admin_client_):
    response = admin_client_.post(
        reverse("departments:add"),
        {
            "code": "QN",
            "name": "Cục Hải quan tỉnh Quảng Ninh",
            "name_en": "Quang Ninh Customs Department",
            "hostname": "quangninh.localhost",
            "port": 8000,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    department = Department.objects.get(code="QN")
    assert department.site.hostname == "quangninh.localhost"
    assert department.home_pages().count() == 2
    listing = admin_client_.get(reverse("departments:index")).content.decode()
    assert "Cục Hải quan tỉnh Quảng Ninh" in listing


def test_hostname_of_another_department_is_a_form_error(admin_client_, department):
    department("HN")
    response = admin_client_.post(
        reverse("departments:add"),
        {
            "code": "QN",
            "name": "Cục Hải quan tỉnh Quảng Ninh",
            "name_en": "Quang Ninh Customs Department",
            "hostname": "hanoi.localhost",
            "port": 80,
        },
    )
    assert response.status_code == 200
    assert "HN" in response.context["form"].non_field_errors()[0]
    assert not Department.objects.filter(code="QN").exists()


def test_renaming_in_the_admin_renames_site_and_home(admin_client_, department):
    hcm = department("HCM")
    response = admin_client_.post(
        reverse("departments:edit", args=[hcm.pk]),
        {
            "name": "Chi cục Hải quan khu vực II",
            "name_en": "Regional Customs Branch II",
            "hostname": "hcm.localhost",
            "port": 80,
        },
    )
    assert response.status_code == 302
    hcm.refresh_from_db()
    assert hcm.name == "Chi cục Hải quan khu vực II"
    assert hcm.site.site_name == "Chi cục Hải quan khu vực II"
    assert hcm.site.root_page.title == "Chi cục Hải quan khu vực II"


@pytest.mark.parametrize("role", ["editor", "moderator", "site_admin"])
def test_department_people_cannot_manage_departments(department, member, role):
    hcm = department("HCM")
    client = Client()
    client.force_login(member(hcm, role))
    response = client.get(reverse("departments:index"))
    assert response.status_code in (302, 403)
    assert "Cục Hải quan TP. Hồ Chí Minh" not in response.content.decode()
