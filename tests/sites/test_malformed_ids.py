"""Ids that cannot be a row's key (`abc`, past 64 bits) are not found, never a server error.

Admin views hand `?id=…`, `childOf` and chosen-view ids straight to a query; the scoping
registry's `primary_keys` turns anything that is not a key into a 404 before it gets there.
"""

from django.test import Client

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

import pytest

from tests.conftest import make_department, make_member
from tests.testapp.models import Notice

pytestmark = pytest.mark.django_db

HOST = "hcm.localhost"
MALFORMED = ("abc", "99999999999999999999", "-1", "1.5")
URLS = (
    "/admin/choose-page/chosen-multiple/?id={id}",
    "/admin/bulk/wagtailcore/page/delete/?id={id}",
    "/admin/bulk/wagtailcore/page/delete/?id=all&childOf={id}",
    "/admin/bulk/wagtailimages/image/delete/?id={id}",
    "/admin/images/chooser/chosen-multiple/?id={id}",
    "/admin/documents/chooser/chosen-multiple/?id={id}",
    "/admin/images/chooser/chosen/{id}/",
    "/admin/snippets/choose/testapp/notice/chosen/{id}/",
    "/admin/bulk/testapp/notice/delete/?id={id}",
    "/admin/snippets/testapp/notice/edit/{id}/",
)


@pytest.fixture
def editor_client():
    department = make_department("HCM")
    client = Client(raise_request_exception=False)
    client.force_login(make_member(department, "editor"))
    return client, department


@pytest.mark.parametrize("url", URLS)
def test_an_id_that_cannot_be_a_key_is_not_found(editor_client, url):
    client, _department = editor_client
    for value in MALFORMED:
        response = client.get(url.format(id=value), HTTP_HOST=HOST)
        assert response.status_code in (400, 404), (url, value, response.status_code)


def test_control_the_same_views_answer_for_the_editors_own_objects(editor_client):
    client, department = editor_client
    image = get_image_model().objects.create(
        title="Cảng Cát Lái", file=get_test_image_file(), collection=department.collection
    )
    notice = Notice.objects.create(department=department, title="Thông báo lịch làm việc")
    for url, key in (
        ("/admin/images/chooser/chosen/{id}/", image.pk),
        ("/admin/images/chooser/chosen-multiple/?id={id}", image.pk),
        ("/admin/snippets/choose/testapp/notice/chosen/{id}/", notice.pk),
        ("/admin/bulk/testapp/notice/delete/?id={id}", notice.pk),
    ):
        response = client.get(url.format(id=key), HTTP_HOST=HOST)
        assert response.status_code == 200, url


# --- wagtail-localize's snippet URLs name a model and a key: any bad part is not found ------------

LOCALIZE_SNIPPET_URLS = (
    "/admin/localize/submit/snippet/{app}/{model}/{id}/",
    "/admin/localize/api/snippets/{app}/{model}/{id}/",
)
BAD_SNIPPETS = (
    ("library", "localnote", "abc"),
    ("library", "localnote", "99999999999999999999"),
    ("library", "localnote", "1.5"),
    ("library", "localnote", "-1"),
    ("library", "nosuchmodel", "1"),
    ("nosuchapp", "localnote", "1"),
    ("auth", "user", "1"),  # a model that is no snippet
    ("auth", "user", "abc"),
    ("testapp", "notice", "abc"),
)
TRANSLATION_URLS = (
    "/admin/localize/update/99999999999999999999/",
    "/admin/localize/translate/99999999999999999999/pofile/download/",
    "/admin/localize/translate/99999999999999999999/preview/",
)


@pytest.mark.parametrize("url", TRANSLATION_URLS)
def test_a_translation_id_past_64_bits_is_not_found(editor_client, url):
    client, _department = editor_client
    assert client.get(url, HTTP_HOST=HOST).status_code == 404


@pytest.mark.parametrize("url", LOCALIZE_SNIPPET_URLS)
@pytest.mark.parametrize(("app", "model", "key"), BAD_SNIPPETS)
def test_a_bad_snippet_key_in_localize_urls_is_not_found(editor_client, url, app, model, key):
    client, _department = editor_client
    for method in (client.get, client.post):
        response = method(url.format(app=app, model=model, id=key), HTTP_HOST=HOST)
        assert response.status_code == 404, (method.__name__, response.status_code)


def local_note(department):
    from cms.library.models import LocalNote
    from tests.cms.library.factories import procedure

    return LocalNote.objects.create(
        department=department, procedure=procedure(en=False), office="Chi cục Hải quan Cát Lái"
    )


def test_another_departments_note_in_localize_urls_is_not_found(editor_client):
    client, _department = editor_client
    foreign = local_note(make_department("HN"))
    for url in LOCALIZE_SNIPPET_URLS:
        target = url.format(app="library", model="localnote", id=foreign.pk)
        assert client.get(target, HTTP_HOST=HOST).status_code == 404, url


def test_control_the_submit_form_opens_for_the_editors_own_note(editor_client):
    client, department = editor_client
    own = local_note(department)
    url = LOCALIZE_SNIPPET_URLS[0].format(app="library", model="localnote", id=own.pk)
    assert client.get(url, HTTP_HOST=HOST).status_code == 200


@pytest.mark.parametrize(
    "url",
    (
        "/admin/localize/submit/snippet/library/localnote/abc/",
        "/admin/localize/submit/snippet/library/localnote/99999999999999999999/",
        "/admin/localize/api/snippets/auth/user/1/",
        "/admin/localize/update/99999999999999999999/",
        "/admin/localize/translate/99999999999999999999/pofile/download/",
    ),
)
def test_a_platform_admin_gets_not_found_for_a_malformed_snippet_key(url):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", "root@customs.gov.vn", "x")
    client = Client(raise_request_exception=False)
    client.force_login(admin)
    assert client.get(url, HTTP_HOST=HOST).status_code == 404
