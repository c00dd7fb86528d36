"""A department's local notes on a shared procedure: its own site, its own editors only."""

from django.test import Client
from django.urls import reverse

from cms.library.models import LocalNote

from .factories import index_page, procedure


def admin_client(user) -> Client:
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def test_editor_adds_a_local_note_that_only_its_department_sees(department, member):
    hcm, hanoi = department("HCM"), department("HN")
    item = procedure()
    editor = admin_client(member(hcm, "editor"))
    response = editor.post(
        reverse("wagtailsnippets_library_localnote:add"),
        {
            "department": hcm.pk,
            "procedure": item.pk,
            "office": "Chi cục Hải quan cửa khẩu cảng Sài Gòn khu vực I",
            "address": "Số 22 Đường Nguyễn Tất Thành, Quận 4",
            "hours": "Thứ Hai – Thứ Sáu, 7 giờ 30 – 17 giờ",
            "hotline": "1900 9299",
            "border_gates": "Cảng Sài Gòn\nCảng Cát Lái",
            "notes": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    note = LocalNote.objects.get()
    assert note.department == hcm

    for language in ("vi", "en"):
        own = index_page(hcm, language).url + "1-008316/"
        other = index_page(hanoi, language).url + "1-008316/"
        assert "Cảng Cát Lái" in Client(HTTP_HOST="hcm.localhost").get(own).content.decode()
        assert "Cảng Cát Lái" not in Client(HTTP_HOST="hanoi.localhost").get(other).content.decode()

    other_editor = admin_client(member(hanoi, "editor"))
    listing = other_editor.get(reverse("wagtailsnippets_library_localnote:list"))
    assert listing.status_code == 200
    assert "Sài Gòn" not in listing.content.decode()
    edit = reverse("wagtailsnippets_library_localnote:edit", args=[note.pk])
    assert other_editor.get(edit).status_code == 404
    assert other_editor.post(edit, {"hotline": "0000"}).status_code == 404
    assert editor.get(edit).status_code == 200
    note.refresh_from_db()
    assert note.hotline == "1900 9299"


def test_editor_cannot_file_a_note_under_another_department(department, member):
    hcm, hanoi = department("HCM"), department("HN")
    item = procedure()
    editor = admin_client(member(hcm, "editor"))
    response = editor.post(
        reverse("wagtailsnippets_library_localnote:add"),
        {"department": hanoi.pk, "procedure": item.pk, "office": "Giả mạo"},
    )
    assert response.status_code == 200  # the form is shown again with an error
    assert not LocalNote.objects.exists()
