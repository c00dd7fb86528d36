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
