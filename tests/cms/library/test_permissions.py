"""Only the HQ library group changes the library; every editor views and chooses it."""

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

import pytest

from cms.library.models import LegalDocument, Procedure
from cms.library.permissions import LIBRARY_GROUP, ensure_library_group

from .factories import legal_document, procedure


@pytest.fixture
def librarian(db):
    user = get_user_model().objects.create_user("thuvien", password="pw")
    user.groups.add(ensure_library_group())
    return user


def client_for(user) -> Client:
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def edit_url(instance) -> str:
    meta = instance._meta
    return reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=[instance.pk])


def test_library_group_is_created_once_with_library_permissions(db):
    ensure_library_group()
    group = ensure_library_group()
    assert group.name == LIBRARY_GROUP
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"change_procedure", "publish_procedure", "lock_legaldocument"} <= codenames


@pytest.mark.parametrize("role", ["editor", "moderator", "site_admin"])
def test_department_people_get_403_on_editing_procedures_and_legal_documents(
    department, member, role
):
    user = member(department("HCM"), role)
    client = client_for(user)
    for instance in (procedure(), legal_document()):
        assert client.get(edit_url(instance)).status_code == 403
        response = client.post(edit_url(instance), {"title": "Sửa trái phép"})
        assert response.status_code == 403
    assert Procedure.objects.filter(title="Sửa trái phép").count() == 0
    assert LegalDocument.objects.filter(title="Sửa trái phép").count() == 0


def test_department_editor_may_view_and_choose_the_library(department, member):
    client = client_for(member(department("HN"), "editor"))
    procedure(title="Thủ tục khai báo hải quan")
    listing = client.get(reverse("wagtailsnippets_library_procedure:list"))
    assert listing.status_code == 200
    assert "Thủ tục khai báo hải quan" in listing.content.decode()
    chooser = client.get(reverse("wagtailsnippetchoosers_library_procedure:choose"))
    assert chooser.status_code == 200
    assert "Thủ tục khai báo hải quan" in chooser.json()["html"]


def test_librarian_edits_a_procedure_in_the_admin(department, librarian):
    department("HQ")
    item = procedure()
    response = client_for(librarian).get(edit_url(item))
    assert response.status_code == 200
    assert "1.008316" in response.content.decode()


def test_library_items_go_through_the_library_workflow_and_can_be_locked(department, librarian):
    from cms.library.permissions import LIBRARY_WORKFLOW

    department("HQ")
    item = procedure()
    assert item.get_workflow().name == LIBRARY_WORKFLOW
    assert legal_document().get_workflow().name == LIBRARY_WORKFLOW
    client = client_for(librarian)
    lock = reverse("wagtailsnippets_library_procedure:lock", args=[item.pk])
    assert client.post(lock).status_code == 302
    item.refresh_from_db()
    assert item.locked and item.locked_by == librarian


def test_librarian_publishes_an_edit_through_the_admin_and_sites_show_it(department, librarian):
    from django.test import Client as PublicClient

    from wagtail.test.utils.form_data import nested_form_data, streamfield

    from .factories import index_page

    hanoi = department("HN")
    item = procedure(en=False)
    data = nested_form_data(
        {
            "code": item.code,
            "status": "in_force",
            "title": "Thủ tục hải quan điện tử (bản mới)",
            "category": "declaration",
            "online_level": 4,
            "online": "full",
            "online_url": "",
            "agency": "Chi cục Hải quan",
            "agency_level": "branch",
            "processing_time": "2 giờ",
            "fees": "",
            "applicants": "",
            "dossier": streamfield(
                [("component", {"item": "Tờ khai hải quan", "originals": 1, "copies": 0})]
            ),
            "steps": streamfield([("step", "Khai báo trên Hệ thống VNACCS")]),
            "effective_on": "",
            "review_reason": "",
            "action-publish": "publish",
        }
    )
    response = client_for(librarian).post(edit_url(item), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    url = index_page(hanoi).url + "1-008316/"
    html = PublicClient(HTTP_HOST="hanoi.localhost").get(url).content.decode()
    assert "Thủ tục hải quan điện tử (bản mới)" in html
    assert "Khai báo trên Hệ thống VNACCS" in html
