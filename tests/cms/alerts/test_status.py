"""Operating status: two clicks from the dashboard, logged, kept as history, shown per site."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest

from cms.alerts.models import Gate, GateStatus
from cms.alerts.services import update_gate_status
from tests.conftest import make_member

from .conftest import HOSTS
from .factories import gate


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_editor_updates_a_gate_from_the_dashboard_logged_with_history(sites):
    cat_lai = gate(sites["HCM"])
    editor = make_member(sites["HCM"], "editor")
    client = signed_in(editor)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    action = reverse("alerts_gate_status", args=[cat_lai.pk])
    assert f'action="{action}"' in dashboard and "Cảng Cát Lái" in dashboard
    # Click 1 chooses the status in the panel's select; click 2 presses Update.
    response = client.post(action, {f"gate-{cat_lai.pk}-status": "congested"})
    assert response.status_code == 302
    cat_lai.refresh_from_db()
    assert cat_lai.status == GateStatus.CONGESTED and cat_lai.status_changed_at is not None
    assert list(cat_lai.history.values_list("status", "changed_by")) == [("congested", editor.pk)]
    entry = ModelLogEntry.objects.get(action="alerts.gate.status")
    assert (entry.user_id, entry.object_id, entry.data["status"]) == (
        editor.pk,
        str(cat_lai.pk),
        "congested",
    )


def test_history_keeps_every_status_newest_first(sites):
    cat_lai = gate(sites["HCM"])
    update_gate_status(cat_lai, None, GateStatus.LIMITED, "Một cầu cảng bảo trì", "", 30)
    update_gate_status(cat_lai, None, GateStatus.OPEN)
    assert list(cat_lai.history.values_list("status", flat=True)) == ["open", "limited"]
    page = Client(HTTP_HOST=HOSTS["HCM"]).get(f"/vi/status/{cat_lai.pk}/").content.decode()
    assert page.index("Mở cửa") < page.index("Hạn chế")
    assert "Một cầu cảng bảo trì" in page


def test_another_departments_people_cannot_change_its_gate(sites):
    cat_lai = gate(sites["HCM"])
    for role in ("editor", "site_admin"):
        outsider = make_member(sites["HN"], role)
        with pytest.raises(PermissionDenied):
            update_gate_status(cat_lai, outsider, GateStatus.CLOSED)
        response = signed_in(outsider).post(
            reverse("alerts_gate_status", args=[cat_lai.pk]),
            {f"gate-{cat_lai.pk}-status": "closed"},
        )
        assert response.status_code == 404
        assert (
            "Cảng Cát Lái"
            not in signed_in(outsider).get(reverse("wagtailadmin_home")).content.decode()
        )
    cat_lai.refresh_from_db()
    assert cat_lai.status == GateStatus.OPEN and not cat_lai.history.exists()


def test_a_bad_status_changes_nothing(sites):
    cat_lai = gate(sites["HCM"])
    client = signed_in(make_member(sites["HCM"], "editor"))
    client.post(
        reverse("alerts_gate_status", args=[cat_lai.pk]), {f"gate-{cat_lai.pk}-status": "x"}
    )
    assert Gate.objects.get(pk=cat_lai.pk).status == GateStatus.OPEN


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("vi", ("Ùn tắc", "Cảng Cát Lái", "120 phút")),
        ("en", ("Congested", "Cat Lai Port", "120 minutes")),
    ],
)
def test_status_page_of_a_site_lists_its_gates_in_its_language(sites, language, words):
    cat_lai = gate(sites["HCM"])
    update_gate_status(cat_lai, None, GateStatus.CONGESTED, "Đông xe", "Busy", 120)
    gate(sites["HN"], "Sân bay quốc tế Nội Bài", name_en="Noi Bai International Airport")
    page = Client(HTTP_HOST=HOSTS["HCM"]).get(f"/{language}/status/")
    assert page.status_code == 200
    text = page.content.decode()
    for word in words:
        assert word in text
    assert "Nội Bài" not in text and "Noi Bai" not in text
    assert Client(HTTP_HOST=HOSTS["HN"]).get(f"/{language}/status/{cat_lai.pk}/").status_code == 404
