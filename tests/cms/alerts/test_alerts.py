"""Alerts: who they reach, who may hide them, when they show, mourning, and who may publish."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from wagtail.actions.publish_revision import PublishPermissionError
from wagtail.models import WorkflowState

import pytest

from cms.alerts.models import Alert, AlertHide, Severity
from cms.alerts.services import alerts_shown, next_boundary
from tests.conftest import make_member

from .conftest import HOSTS
from .factories import alert


def shown(department) -> list[str]:
    return [row.title for row in alerts_shown(department).alerts]


def home(code: str, language: str = "vi") -> str:
    response = Client(HTTP_HOST=HOSTS[code]).get(f"/{language}/")
    assert response.status_code == 200
    return response.content.decode()


def test_national_alert_to_every_site_reaches_all_departments(sites):
    alert(sites["HQ"], "Thông báo toàn quốc", reach=Alert.Reach.ALL)
    for code in HOSTS:
        assert shown(sites[code]) == ["Thông báo toàn quốc"], code


def test_national_alert_to_chosen_departments_reaches_only_them(sites):
    alert(
        sites["HQ"],
        "Chỉ Hà Nội và TP.HCM",
        reach=Alert.Reach.CHOSEN,
        chosen=[sites["HN"], sites["HCM"]],
    )
    assert shown(sites["HN"]) == ["Chỉ Hà Nội và TP.HCM"]
    assert shown(sites["HCM"]) == ["Chỉ Hà Nội và TP.HCM"]
    assert shown(sites["BD"]) == []
    assert shown(sites["HQ"]) == []


def test_department_alert_shows_on_its_own_site_only(sites):
    alert(sites["HCM"], "Cảng Cát Lái ùn tắc", severity=Severity.WARNING)
    assert shown(sites["HCM"]) == ["Cảng Cát Lái ùn tắc"]
    assert shown(sites["HN"]) == [] and shown(sites["HQ"]) == []


def test_department_cannot_reach_other_sites_or_declare_mourning(sites):
    row = Alert(
        department=sites["HCM"], title="x", title_en="x", reach=Alert.Reach.ALL, mourning=True
    )
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert {"reach", "mourning"} <= set(error.value.message_dict)


def test_department_hides_national_information_alert_on_its_site_only(sites):
    national = alert(sites["HQ"], "Bảo trì cổng thanh toán", reach=Alert.Reach.ALL)
    AlertHide.objects.create(department=sites["HN"], alert=national)
    assert shown(sites["HN"]) == []
    assert shown(sites["HCM"]) == ["Bảo trì cổng thanh toán"]


@pytest.mark.parametrize("severity", [Severity.WARNING, Severity.EMERGENCY])
def test_department_cannot_hide_national_warning_or_emergency(sites, severity):
    national = alert(sites["HQ"], "Sự cố hệ thống", severity=severity, reach=Alert.Reach.ALL)
    with pytest.raises(ValidationError):
        AlertHide.objects.create(department=sites["HN"], alert=national)
    assert not AlertHide.objects.exists()
    assert shown(sites["HN"]) == ["Sự cố hệ thống"]


def test_hide_is_ignored_once_the_alert_becomes_a_warning(sites):
    national = alert(sites["HQ"], "Thông tin", reach=Alert.Reach.ALL)
    AlertHide.objects.create(department=sites["HN"], alert=national)
    national.severity = Severity.WARNING
    national.save_revision().publish()
    assert shown(sites["HN"]) == ["Thông tin"]


def test_department_cannot_hide_its_own_or_an_alert_not_reaching_it(sites):
    own = alert(sites["HN"], "Của Hà Nội")
    elsewhere = alert(sites["HQ"], "Chỉ TP.HCM", reach=Alert.Reach.CHOSEN, chosen=[sites["HCM"]])
    for row in (own, elsewhere):
        with pytest.raises(ValidationError):
            AlertHide.objects.create(department=sites["HN"], alert=row)


def test_alert_shows_from_its_start_and_is_gone_at_its_end(sites):
    row = alert(
        sites["HCM"],
        "Theo lịch",
        starts=datetime.timedelta(hours=1),
        ends=datetime.timedelta(hours=3),
    )
    before = row.starts_at - datetime.timedelta(seconds=1)
    assert alerts_shown(sites["HCM"], at=before).alerts == []
    assert [a.pk for a in alerts_shown(sites["HCM"], at=row.starts_at).alerts] == [row.pk]
    last = row.ends_at - datetime.timedelta(microseconds=1)
    assert [a.pk for a in alerts_shown(sites["HCM"], at=last).alerts] == [row.pk]
    assert alerts_shown(sites["HCM"], at=row.ends_at).alerts == []
    assert next_boundary(timezone.now()) == row.starts_at
    assert next_boundary(row.starts_at) == row.ends_at


def test_draft_alert_is_not_shown(sites):
    alert(sites["HCM"], "Bản nháp", publish=False)
    assert shown(sites["HCM"]) == []


def test_alerts_render_on_every_public_page_as_regions_naming_their_level(sites):
    alert(sites["HQ"], "Thông báo toàn quốc", reach=Alert.Reach.ALL, title_en="Nationwide notice")
    alert(
        sites["HCM"],
        "Khẩn cấp tại Cát Lái",
        severity=Severity.EMERGENCY,
        title_en="Emergency at Cat Lai",
    )
    vi = home("HCM", "vi")
    en = home("HCM", "en")
    assert 'role="region" aria-label="Cảnh báo khẩn cấp"' in vi
    assert 'aria-label="Emergency alert"' in en
    assert "Khẩn cấp tại Cát Lái" in vi and "Emergency at Cat Lai" in en
    assert "Nationwide notice" in en
    # Most severe first, before the page header.
    assert (
        vi.index("Khẩn cấp tại Cát Lái") < vi.index("Thông báo toàn quốc") < vi.index("site-header")
    )
    assert "Khẩn cấp tại Cát Lái" not in home("HN", "vi")


def test_mourning_greys_the_reached_sites_for_its_period_only(sites):
    alert(sites["HQ"], "Quốc tang", reach=Alert.Reach.CHOSEN, chosen=[sites["HN"]], mourning=True)
    assert alerts_shown(sites["HN"]).mourning
    assert 'class="page-home mourning"' in home("HN")
    assert "mourning" not in home("HCM").split("<body", 1)[1].split(">", 1)[0]
    later = timezone.now() + datetime.timedelta(hours=3)
    assert not alerts_shown(sites["HN"], at=later).mourning


def member(department, role: str):
    return make_member(department, role)


def test_editor_cannot_publish_a_warning_without_the_workflow(sites):
    editor = member(sites["HCM"], "editor")
    row = alert(sites["HCM"], "Chờ duyệt", severity=Severity.WARNING, publish=False)
    with pytest.raises(PublishPermissionError):
        row.save_revision(user=editor).publish(user=editor)
    assert shown(sites["HCM"]) == []


def test_site_admin_publishes_an_emergency_at_once_but_not_a_warning(sites):
    admin = member(sites["HCM"], "site_admin")
    warning = alert(sites["HCM"], "Cảnh báo", severity=Severity.WARNING, publish=False)
    with pytest.raises(PublishPermissionError):
        warning.save_revision(user=admin).publish(user=admin)
    emergency = alert(sites["HCM"], "Khẩn cấp", severity=Severity.EMERGENCY, publish=False)
    emergency.save_revision(user=admin).publish(user=admin)
    assert shown(sites["HCM"]) == ["Khẩn cấp"]


def test_another_departments_site_admin_cannot_publish_its_emergency(sites):
    admin = member(sites["HN"], "site_admin")
    emergency = alert(sites["HCM"], "Khẩn cấp", severity=Severity.EMERGENCY, publish=False)
    with pytest.raises(PublishPermissionError):
        emergency.save_revision(user=admin).publish(user=admin)


def test_alert_goes_through_its_departments_workflow(sites):
    editor = member(sites["HCM"], "editor")
    moderator = member(sites["HCM"], "moderator")
    row = alert(sites["HCM"], "Qua kiểm duyệt", severity=Severity.WARNING, publish=False)
    assert row.get_workflow() == sites["HCM"].workflow
    revision = row.save_revision(user=editor)
    state = row.get_workflow().start(row, editor)
    assert shown(sites["HCM"]) == []
    state.current_task_state.task.specific.on_action(state.current_task_state, moderator, "approve")
    assert WorkflowState.objects.get(pk=state.pk).status == WorkflowState.STATUS_APPROVED
    assert revision.pk
    assert shown(sites["HCM"]) == ["Qua kiểm duyệt"]


def test_national_alerts_are_edited_only_by_headquarters_people(sites):
    from django.urls import reverse

    national = alert(sites["HQ"], "Thông báo của Tổng cục", reach=Alert.Reach.ALL)
    own = alert(sites["HN"], "Thông báo của Hà Nội")
    url = lambda row: reverse("wagtailsnippets_alerts_alert:edit", args=[row.pk])  # noqa: E731
    for role in ("editor", "moderator", "site_admin"):
        client = Client()
        client.force_login(make_member(sites["HN"], role))
        # Control: the same person reaches the department's own alert, so a 404 means refusal.
        assert client.get(url(own)).status_code == 200, role
        response = client.get(url(national))
        assert response.status_code in (403, 404), role
        assert (
            "Thông báo của Tổng cục"
            not in client.get(reverse("wagtailsnippets_alerts_alert:list")).content.decode()
        )
    hq_editor = Client()
    hq_editor.force_login(make_member(sites["HQ"], "editor"))
    assert hq_editor.get(url(national)).status_code == 200


def _post_alert(user, department, severity: str, action: str | None):
    """The admin's "add alert" form as a person submits it (with the publish button or not)."""
    from django.urls import reverse

    client = Client()
    client.force_login(user)
    data = {
        "department": str(department.pk),
        "severity": severity,
        "title": f"Qua trang quản trị {severity}",
        "title_en": f"From the admin {severity}",
        "text": "",
        "text_en": "",
        "link": "",
        "starts_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        "ends_at": "",
        "reach": "own",
    }
    if action:
        data[action] = action
    return client.post(reverse("wagtailsnippets_alerts_alert:add"), data)


def test_site_admin_publishes_an_emergency_from_the_admin_but_a_warning_is_refused(sites):
    admin = make_member(sites["BD"], "site_admin")
    refused = _post_alert(admin, sites["BD"], "warning", "action-publish")
    assert refused.status_code == 200  # the form again, with the reason
    assert "Chỉ cảnh báo khẩn cấp mới được xuất bản ngay" in refused.content.decode()
    assert not Alert.objects.filter(title="Qua trang quản trị warning").exists()
    published = _post_alert(admin, sites["BD"], "emergency", "action-publish")
    assert published.status_code == 302
    assert shown(sites["BD"]) == ["Qua trang quản trị emergency"]
