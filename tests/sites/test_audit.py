"""A department's audit trail: every team change is a log entry against the department."""

from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import translation

from wagtail.models import ModelLogEntry

import pytest

from sites.models import Department


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def message(entry, language: str) -> str:
    """The entry's message in `language` (`message` is cached per instance, so a fresh one)."""
    with translation.override(language):
        return str(type(entry).objects.get(pk=entry.pk).message)


def team_entries(department: Department):
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Department),
        object_id=str(department.pk),
        action__startswith="departments.team.",
    ).order_by("timestamp", "pk")


@pytest.fixture
def hanoi(department):
    return department("HN")


@pytest.fixture
def saigon(department):
    return department("HCM")


def test_adding_changing_and_removing_a_person_are_logged_against_the_department(
    hanoi, saigon, member
):
    admin = member(hanoi, "site_admin")
    client = client_for(admin)
    added = client.post(
        reverse("departments_team:add", args=[hanoi.code]),
        {"email": "le.van.cuong@customs.gov.vn", "last_name": "Lê Văn", "role": "editor"},
    )
    assert added.status_code == 302
    person_pk = team_entries(hanoi).get().data["person_id"]
    edit = reverse("departments_team:edit", args=[hanoi.code, person_pk])
    assert client.post(edit, {"role": "moderator"}).status_code == 302
    assert client.post(edit, {"remove": "1"}).status_code == 302

    add, change, remove = team_entries(hanoi)
    assert [add.action, change.action, remove.action] == [
        "departments.team.add",
        "departments.team.role",
        "departments.team.remove",
    ]
    assert {add.user, change.user, remove.user} == {admin}
    person = "le.van.cuong@customs.gov.vn"
    assert add.data == {"person": person, "person_id": person_pk, "role": "editor"}
    assert change.data == {
        "person": person,
        "person_id": person_pk,
        "from": "editor",
        "to": "moderator",
    }
    assert remove.data == {"person": person, "person_id": person_pk, "role": "moderator"}
    assert add.label == str(hanoi)
    assert not team_entries(saigon).exists()

    assert message(add, "en") == f"Added {person} to the team as Editor"
    assert message(change, "en") == f"Changed the role of {person} from Editor to Moderator"
    assert message(remove, "en") == f"Removed {person} (Moderator) from the team"
    assert message(add, "vi") == f"Đã thêm {person} vào nhóm với vai trò Biên tập viên"
    assert (
        message(change, "vi")
        == f"Đã đổi vai trò của {person} từ Biên tập viên thành Người kiểm duyệt"
    )
    assert message(remove, "vi") == f"Đã đưa {person} (Người kiểm duyệt) ra khỏi nhóm"


def test_a_refused_address_and_an_unchanged_role_leave_no_entry(hanoi, saigon, member):
    admin = member(hanoi, "site_admin")
    editor = member(hanoi, "editor")
    other = member(saigon, "editor")
    client = client_for(admin)

    client.post(
        reverse("departments_team:add", args=[hanoi.code]), {"email": other.email, "role": "editor"}
    )
    client.post(reverse("departments_team:edit", args=[hanoi.code, editor.pk]), {"role": "editor"})

    assert not team_entries(hanoi).exists()
    assert not team_entries(saigon).exists()


def test_site_admin_sees_own_team_entries_in_site_history_and_others_do_not(hanoi, saigon, member):
    admin = member(hanoi, "site_admin")
    client_for(admin).post(
        reverse("departments_team:add", args=[hanoi.code]),
        {"email": "pham.thu.ha@customs.gov.vn", "role": "moderator"},
    )
    report = reverse("wagtailadmin_reports:site_history")

    own = client_for(admin).get(report, HTTP_ACCEPT_LANGUAGE="en")
    other = client_for(member(saigon, "site_admin")).get(report)

    assert own.status_code == 200
    assert "pham.thu.ha@customs.gov.vn" in own.content.decode()
    assert other.status_code == 200
    assert "pham.thu.ha@customs.gov.vn" not in other.content.decode()


def test_wagtail_logs_settings_local_notes_and_picks_with_the_person_who_changed_them(
    hanoi, member
):
    """The department's other admin actions already are Wagtail log entries (Wagtail 8's generic
    create/edit views log them), each with its user: checked so a regression shows."""
    from cms.library.models import LocalNote
    from search.models import EditorsPick
    from sites.models import DepartmentSettings
    from tests.cms.library.factories import procedure

    admin, editor = member(hanoi, "site_admin"), member(hanoi, "editor")
    settings_url = reverse(
        "wagtailsettings:edit", args=["departments", "departmentsettings", hanoi.site.pk]
    )
    saved = client_for(admin).post(
        settings_url,
        {
            "display_name": "Hải quan Hà Nội",
            "display_name_en": "Ha Noi Customs",
            "brand_colour": "#0b4f8a",
            "theme": "default",
            "hotline": "1900 1234",
        },
    )
    assert saved.status_code == 302, saved.content.decode()[:300]
    note = client_for(editor).post(
        reverse("wagtailsnippets_library_localnote:add"),
        {
            "department": hanoi.pk,
            "procedure": procedure().pk,
            "office": "Chi cục Hải quan Bắc Hà Nội",
            "address": "Số 129 Nguyễn Phong Sắc, Cầu Giấy",
            "hours": "",
            "hotline": "024 3768 1234",
            "border_gates": "",
            "notes": "",
        },
    )
    assert note.status_code == 302, note.content.decode()[:300]
    pick = client_for(editor).post(
        reverse("wagtailsnippets_portal_search_editorspick:add"),
        {
            "department": hanoi.pk,
            "query": "thủ tục",
            "page": hanoi.site.root_page.pk,
            "sort_order": 0,
        },
    )
    assert pick.status_code == 302, pick.context["form"].errors

    def logged(model, action: str):
        return ModelLogEntry.objects.get(
            content_type=ContentType.objects.get_for_model(model), action=action
        )

    assert logged(DepartmentSettings, "wagtail.edit").user == admin
    assert logged(LocalNote, "wagtail.create").user == editor
    assert logged(EditorsPick, "wagtail.create").user == editor


def test_a_bulk_delete_of_snippets_is_logged_per_object_with_the_user(hanoi, member):
    """Wagtail's bulk actions on non-page objects log nothing of their own."""
    from cms.library.models import LocalNote
    from tests.cms.library.factories import procedure

    editor = member(hanoi, "editor")
    offices = {"1.008316": "Chi cục Hải quan Gia Thụy", "1.008317": "Chi cục Hải quan Yên Viên"}
    notes = [
        LocalNote.objects.create(
            department=hanoi,
            procedure=procedure(code=code, title=f"Thủ tục {code}", en=False),
            office=office,
        )
        for code, office in offices.items()
    ]
    url = reverse("wagtail_bulk_action", args=["library", "localnote", "delete"])

    response = client_for(editor).post(f"{url}?id={notes[0].pk}&id={notes[1].pk}")

    assert response.status_code == 302
    assert not LocalNote.objects.exists()
    deleted = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(LocalNote), action="wagtail.delete"
    )
    assert sorted(int(e.object_id) for e in deleted) == sorted(n.pk for n in notes)
    assert {e.user for e in deleted} == {editor}
    assert {e.label for e in deleted} == {str(n) for n in notes}
