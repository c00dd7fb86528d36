"""Settings → News tags: platform admins give tags their English names; tags are shared by
every department, so no department's people may list or edit them."""

from django.test import Client
from django.urls import reverse

import pytest

from cms.news.models import NewsTag

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_platform_admin_sets_a_tags_english_name(superuser):
    tag = NewsTag.objects.create(name="cửa khẩu", slug="cua-khau")
    client = client_for(superuser)
    listing = client.get(reverse("news_tags:index"))
    assert listing.status_code == 200
    assert "cửa khẩu" in listing.content.decode()
    response = client.post(
        reverse("news_tags:edit", args=[tag.pk]), {"name": "cửa khẩu", "name_en": "border gates"}
    )
    assert response.status_code == 302
    tag.refresh_from_db()
    assert (tag.name_en, tag.name_in("en"), tag.name_in("vi")) == (
        "border gates",
        "border gates",
        "cửa khẩu",
    )


@pytest.mark.parametrize("role", ["editor", "moderator", "site_admin"])
def test_a_departments_people_can_neither_list_nor_edit_tags(department, member, role):
    tag = NewsTag.objects.create(name="cửa khẩu", slug="cua-khau")
    client = client_for(member(department("HCM"), role))
    listing = client.get(reverse("news_tags:index"))
    assert listing.status_code in (302, 403)
    assert "cửa khẩu" not in listing.content.decode()
    client.post(reverse("news_tags:edit", args=[tag.pk]), {"name": "x", "name_en": "leaked"})
    tag.refresh_from_db()
    assert (tag.name, tag.name_en) == ("cửa khẩu", "")
