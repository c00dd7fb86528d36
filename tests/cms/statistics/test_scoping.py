"""A department enters and sees only its own figures (admin and API tokens); HQ sees all."""

import datetime
import json

from django.test import Client

import pytest

from cms.api.models import ApiToken
from cms.statistics.models import MonthlyFigure, Target
from sites.scoping import visible_to

from .factories import figure, service, target

PUSH = "/api/statistics/figures/"


@pytest.fixture
def world(department):
    hq, hcm, bd = department("HQ"), department("HCM"), department("BD")
    export = service()
    return {
        "hq": hq,
        "hcm": hcm,
        "bd": bd,
        "hcm_row": figure(hcm, export),
        "bd_row": figure(bd, export),
        "bd_target": target(bd),
    }


def test_department_staff_see_only_their_figures_and_hq_sees_every_department(world, member):
    hcm_editor = member(world["hcm"], "editor")
    hq_editor = member(world["hq"], "editor")
    assert list(visible_to(hcm_editor, MonthlyFigure)) == [world["hcm_row"]]
    assert set(visible_to(hq_editor, MonthlyFigure)) == {world["hcm_row"], world["bd_row"]}
    assert not visible_to(hcm_editor, Target).exists()
    assert list(visible_to(hq_editor, Target)) == [world["bd_target"]]


def test_admin_listing_and_edit_view_stay_inside_the_department(world, member):
    client = Client(HTTP_HOST="localhost")
    client.force_login(member(world["hcm"], "editor"))
    listing = client.get("/admin/snippets/statistics/monthlyfigure/")
    assert listing.status_code == 200
    text = listing.content.decode()
    assert f"/monthlyfigure/edit/{world['hcm_row'].pk}/" in text
    assert f"/monthlyfigure/edit/{world['bd_row'].pk}/" not in text
    other = client.get(f"/admin/snippets/statistics/monthlyfigure/edit/{world['bd_row'].pk}/")
    assert other.status_code in (302, 403, 404)
    own = client.get(f"/admin/snippets/statistics/monthlyfigure/edit/{world['hcm_row'].pk}/")
    assert own.status_code == 200


def test_a_department_editor_cannot_enter_another_departments_figures(world, member):
    client = Client(HTTP_HOST="localhost")
    client.force_login(member(world["hcm"], "editor"))
    data = {
        "department": world["bd"].pk,
        "service": world["bd_row"].service_id,
        "month": "2026-02-01",
        "received_online": 5,
        "received_other": 0,
        "processed": 5,
        "on_time": 5,
        "late": 0,
        "pending": 0,
        "online_traders": 1,
    }
    response = client.post("/admin/snippets/statistics/monthlyfigure/add/", data)
    assert response.status_code == 200  # the form again, with the error
    assert not MonthlyFigure.objects.filter(month=datetime.date(2026, 2, 1)).exists()
    response = client.post(
        "/admin/snippets/statistics/monthlyfigure/add/", {**data, "department": world["hcm"].pk}
    )
    assert response.status_code == 302
    assert MonthlyFigure.objects.filter(
        department=world["hcm"], month=datetime.date(2026, 2, 1)
    ).exists()


def push(host: str, token: str, figures: list[dict]):
    return Client().post(
        PUSH,
        json.dumps({"figures": figures}),
        content_type="application/json",
        HTTP_HOST=host,
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


FIGURE = {
    "service": "1.008316",
    "month": "2026-04",
    "received_online": 70,
    "on_time": 69,
    "late": 1,
}


def test_a_token_pushes_its_departments_figures_idempotently(world):
    token = ApiToken(department=world["hcm"], name="Hệ thống xử lý hồ sơ").issue()
    response = push("hcm.localhost", token, [FIGURE])
    assert response.status_code == 200, response.content
    assert response.json() == {"created": 1, "updated": 0, "unchanged": 0}
    assert push("hcm.localhost", token, [FIGURE]).json() == {
        "created": 0,
        "updated": 0,
        "unchanged": 1,
    }
    row = MonthlyFigure.objects.get(month=datetime.date(2026, 4, 1))
    assert (row.department, row.late) == (world["hcm"], 1)


def test_a_token_cannot_write_another_departments_figures(world):
    token = ApiToken(department=world["hcm"], name="Hệ thống xử lý hồ sơ").issue()
    elsewhere = push("binhduong.localhost", token, [FIGURE])
    assert elsewhere.status_code == 403
    named = push("hcm.localhost", token, [{**FIGURE, "department": "BD"}])
    assert named.status_code == 403 and named.json()["parameter"] == "figures[0].department"
    assert not MonthlyFigure.objects.filter(month=datetime.date(2026, 4, 1)).exists()


def test_a_bad_pushed_figure_is_a_400_and_nothing_is_written(world):
    token = ApiToken(department=world["hcm"], name="Hệ thống xử lý hồ sơ").issue()
    response = push("hcm.localhost", token, [FIGURE, {**FIGURE, "month": "2026-13"}])
    assert response.status_code == 400
    assert response.json()["parameter"] == "figures[1].month"
    unknown = push("hcm.localhost", token, [FIGURE, {**FIGURE, "service": "9.999999"}])
    assert unknown.status_code == 404 and unknown.json()["parameter"] == "figures[1].service"
    assert not MonthlyFigure.objects.filter(month__gte=datetime.date(2026, 4, 1)).exists()
    assert push("hcm.localhost", "cpt_nope_nope", [FIGURE]).status_code == 401


def test_pushed_figures_reach_the_cached_api_at_once(world):
    """The push writes in bulk (no post_save): the API's cached answer must not outlive it."""
    client = Client(HTTP_HOST="hcm.localhost")
    before = client.get("/api/statistics/", {"year": 2026}).json()["totals"]["received_online"]
    token = ApiToken(department=world["hcm"], name="Hệ thống xử lý hồ sơ").issue()
    assert push("hcm.localhost", token, [FIGURE]).status_code == 200
    after = client.get("/api/statistics/", {"year": 2026}).json()["totals"]["received_online"]
    assert after == before + FIGURE["received_online"]
