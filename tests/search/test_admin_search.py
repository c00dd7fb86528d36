"""Admin search stays inside the editor's department, whatever the query, on every surface.

Two departments hold look-alike content (the same words, one with a distinct token each). An
editor, a moderator and a site admin of each search every admin search surface (page search,
page chooser, images, documents, department-owned snippets) with diacritics, without them and in
capitals: they find their own department's items, never the other's. Searching without
diacritics in the admin works because the admin uses the portal's folding backend too.
"""

from __future__ import annotations

import json

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

import pytest

from cms.demo.images import emblem_png
from cms.standard.models import StandardPage
from search.models import EditorsPick
from tests.conftest import ROLES, add_page, make_department, make_member

CODES = ("HN", "HCM")
# Each department's items are called "Đường dây nóng hải quan <token>".
QUERIES = ("Đường dây nóng", "duong day nong", "ĐƯỜNG DÂY NÓNG", "đường")


@pytest.fixture(scope="module")
def tenants(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        tenants = {}
        for code in CODES:
            department = make_department(code)
            token = f"yy{code.lower()}k"
            title = f"Đường dây nóng hải quan {token}"
            page = add_page(department.site.root_page, StandardPage, title=title, slug=token)
            get_image_model().objects.create(
                title=title, file=emblem_png(code, "#224466"), collection=department.collection
            )
            get_document_model().objects.create(
                title=title,
                file=ContentFile(b"Noi dung", name=f"{token}.txt"),
                collection=department.collection,
            )
            EditorsPick.objects.create(department=department, query=title, page=page)
            users = {role: make_member(department, role) for role in ROLES}
            tenants[code] = {"token": token, "users": users}
        yield tenants
        transaction.set_rollback(True)
    cache.clear()


SURFACES = {
    "page-search": lambda: reverse("wagtailadmin_pages:search"),
    "page-search-results": lambda: reverse("wagtailadmin_pages:search_results"),
    "page-chooser-search": lambda: reverse("wagtailadmin_choose_page_search"),
    "image-listing": lambda: reverse("wagtailimages:index"),
    "image-listing-results": lambda: reverse("wagtailimages:index_results"),
    "image-chooser-search": lambda: reverse("wagtailimages_chooser:choose_results"),
    "document-listing": lambda: reverse("wagtaildocs:index"),
    "document-listing-results": lambda: reverse("wagtaildocs:index_results"),
    "document-chooser-search": lambda: reverse("wagtaildocs_chooser:choose_results"),
    "editors-pick-search": lambda: reverse("wagtailsnippets_portal_search_editorspick:list"),
    "editors-pick-results": lambda: reverse(
        "wagtailsnippets_portal_search_editorspick:list_results"
    ),
}


def text_of(response) -> str:
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode()


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("role", ROLES)
def test_admin_search_finds_own_items_only_with_or_without_diacritics(tenants, db, surface, role):
    for code, own in tenants.items():
        client = Client()
        client.force_login(own["users"][role])
        for query in QUERIES:
            response = client.get(SURFACES[surface](), {"q": query})
            assert response.status_code == 200, (surface, code, role, query)
            content = text_of(response)
            assert own["token"] in content, f"{surface}: {code} {role} misses its own {query!r}"
            for other_code, other in tenants.items():
                if other_code != code:
                    assert other["token"] not in content, (
                        f"{surface}: {code} {role} sees {other_code}'s item for {query!r}"
                    )


def test_a_superuser_searches_every_department(tenants, superuser):
    client = Client()
    client.force_login(superuser)
    content = client.get(reverse("wagtailadmin_pages:search"), {"q": "duong day nong"})
    assert all(tenant["token"] in content.content.decode() for tenant in tenants.values())
