"""`seed_demo`: the demo departments, bilingual, with their people; idempotent."""

from io import StringIO

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Sum
from django.test import Client

import pytest

from cms.alerts.models import Alert, Gate
from cms.alerts.services import alerts_shown
from cms.statistics.models import MonthlyFigure
from sites.models import Department


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


@pytest.mark.django_db
def test_seed_demo_builds_eight_bilingual_departments_and_is_idempotent():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    first = row_counts()
    call_command("seed_demo", stdout=StringIO())

    assert row_counts() == first
    assert set(Department.objects.values_list("code", flat=True)) == {
        "HQ",
        "HN",
        "HCM",
        "BD",
        "DNAI",
        "BRVT",
        "QN",
        "DNG",
    }
    assert Department.objects.get(is_headquarters=True).site.is_default_site
    editor = get_user_model().objects.get(username="editor-hcm")
    assert list(Department.objects.for_user(editor)) == [Department.objects.get(code="HCM")]
    assert "editor-hcm / editor-hcm" in out.getvalue()
    references = StringIO()
    call_command("check_references", stdout=references)  # exits 1 on any cross reference
    assert references.getvalue().splitlines()[-1] == "0"

    client = Client()
    dong_nai = client.get("/vi/", HTTP_HOST="dongnai.localhost:8000").content.decode()
    assert "Cục Hải quan tỉnh Đồng Nai" in dong_nai
    english = client.get("/en/introduction/", HTTP_HOST="hcm.localhost:8000").content.decode()
    assert "Ho Chi Minh City Customs Department" in english
    assert "Customs modernisation" in english

    # Each department's staff: an editor, a moderator and a site admin with Vietnamese names,
    # the moderator in the group the department's workflow task asks to approve.
    hcm = Department.objects.get(code="HCM")
    people = {
        role: get_user_model().objects.get(username=f"{role}-hcm")
        for role in ("editor", "moderator", "siteadmin")
    }
    assert set(people["moderator"].groups.all()) == {hcm.moderators_group}
    assert set(people["siteadmin"].groups.all()) == {hcm.site_admins_group}
    names = {user.get_full_name() for user in get_user_model().objects.filter(is_superuser=False)}
    assert len(names) == get_user_model().objects.filter(is_superuser=False).count()
    assert "Lê Hoàng Nam" in names  # HQ's site admin: family name first, as Vietnamese write it
    assert "moderator-hcm / moderator-hcm" in out.getvalue()
    assert Client().login(username="moderator-hcm", password="moderator-hcm")

    # The statistics tell the seed's story: nearly 3 million online dossiers, all on time.
    year = MonthlyFigure.objects.filter(month__year=2026)
    totals = year.aggregate(online=Sum("received_online"), late=Sum("late"))
    assert 2_500_000 < totals["online"] < 3_500_000 and totals["late"] == 0
    national = client.get("/vi/thong-ke/", HTTP_HOST="localhost:8000").content.decode()
    assert f"{totals['online']:,}".replace(",", ".") in national
    # Alerts and operating status (issue #19): a national information alert on every site, HCM's
    # own warning, and gates with a status (and its first history row) for every department.
    national = Alert.objects.get(department__is_headquarters=True)
    assert (national.severity, national.reach, national.live) == ("information", "all", True)
    assert [a.severity for a in alerts_shown(hcm).alerts] == ["warning", "information"]
    assert [a.severity for a in alerts_shown(Department.objects.get(code="QN")).alerts] == [
        "information"
    ]
    for department in Department.objects.all():
        gates = Gate.objects.filter(department=department)
        assert gates.exists(), department.code
        assert all(gate.history.count() == 1 for gate in gates), department.code
    assert Gate.objects.filter(name="Cảng Cát Lái", status="congested").exists()


@pytest.mark.django_db
def test_seed_demo_follows_the_port_it_is_given(monkeypatch):
    """`make run PORT=8100`: every demo site, and so every absolute URL, carries that port."""
    from cms.demo.management.commands import seed_demo

    monkeypatch.setattr(seed_demo, "DEMO_DEPARTMENTS", seed_demo.DEMO_DEPARTMENTS[:1])
    monkeypatch.setattr(seed_demo.Command, "ensure_content", lambda *args: None)
    monkeypatch.setattr(seed_demo, "load_demo_library", lambda stdout: "thuvien")
    call_command("seed_demo", stdout=StringIO())
    hq = Department.objects.get(code="HQ")
    assert hq.site.port == 8000  # the default

    monkeypatch.setenv("PORT", "8100")
    out = StringIO()
    call_command("seed_demo", stdout=out)
    hq.refresh_from_db()
    assert hq.site.port == 8100
    assert hq.site.root_url == "http://localhost:8100"
    assert "http://localhost:8100/admin/" in out.getvalue()

    call_command("seed_demo", "--port", "8200", stdout=StringIO())
    assert Department.objects.get(code="HQ").site.port == 8200


@pytest.mark.django_db
@pytest.mark.parametrize("port", ["0", "65536", "http", "-1"])
def test_seed_demo_refuses_a_port_that_is_not_one(port):
    with pytest.raises(CommandError, match="port must be a number from 1 to 65535"):
        call_command("seed_demo", "--port", port, stdout=StringIO())
    assert not Department.objects.exists()  # refused before anything changed
