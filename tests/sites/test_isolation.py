"""Tenant isolation in the admin: the matrix of departments × roles × surfaces.

Three departments are provisioned once for this module, each with a published
page (with a draft on top), a locked page, a page in moderation, an image, a
document, a department-owned snippet and its site settings, every title
carrying the department's token. For each user of each department, every
admin surface must show its own department's token where the role has access
(so a broken page cannot pass for isolation) and never another department's
token or name; direct URLs to another department's objects answer 403 or 404.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail_localize.models import Translation

import pytest

from cms.core.demo.images import emblem_png
from cms.standard.models import StandardPage
from sites.models import Department, DepartmentSettings
from tests.conftest import ROLES, add_page, make_department, make_member
from tests.testapp.models import Notice

CODES = ("HN", "HCM", "BD")


@dataclass
class Tenant:
    department: Department
    token: str
    home: Page
    page: Page
    pending: Page
    image: Any
    document: Any
    notice: Notice
    translation: Translation
    users: dict[str, Any] = field(default_factory=dict)

    @property
    def leak_markers(self) -> list[str]:
        usernames = [user.username for user in self.users.values()]
        workflow = self.department.workflow
        tasks = [task.name for task in workflow.tasks.all()]
        names = [self.department.name, self.department.name_en, workflow.name, *tasks]
        return [self.token, *names, *usernames]


def build_tenant(code: str) -> Tenant:
    department = make_department(code)
    token = f"zz{code.lower()}q"
    users = {role: make_member(department, role) for role in ROLES}
    home = department.site.root_page.specific
    page = add_page(home, StandardPage, title=f"Trang nội bộ {token}", slug=f"trang-{token}")
    page.title = f"Bản nháp Trang nội bộ {token}"
    page.save_revision(user=users["editor"], log_action=True)
    Page.objects.filter(pk=page.pk).update(
        locked=True, locked_by=users["site_admin"], locked_at=timezone.now()
    )
    pending = add_page(home, StandardPage, title=f"Trang chờ duyệt {token}", slug=f"cho-{token}")
    pending.save_revision(user=users["editor"])
    department.workflow.start(pending, users["editor"])
    image = get_image_model().objects.create(
        title=f"Ảnh {token}", file=emblem_png(code, "#123456"), collection=department.collection
    )
    document = get_document_model().objects.create(
        title=f"Tài liệu {token}",
        file=ContentFile(b"Noi dung", name=f"{token}.txt"),
        collection=department.collection,
    )
    notice = Notice.objects.create(department=department, title=f"Thông báo {token}")
    branding = DepartmentSettings.for_site(department.site)
    branding.display_name_en = f"Settings {token}"
    branding.save()
    # wagtail-localize's translation of the home page into English (made by provisioning).
    home_translation = Translation.objects.get(
        source__object_id=home.translation_key, target_locale__language_code="en"
    )
    return Tenant(
        department, token, home, page, pending, image, document, notice, home_translation, users
    )


@pytest.fixture(scope="module")
def tenants(django_db_setup, django_db_blocker):
    """The three departments, made once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield {code: build_tenant(code) for code in CODES}
        transaction.set_rollback(True)
    cache.clear()


def text_of(response) -> str:
    """The response as a person would read it (choosers answer JSON holding escaped HTML)."""
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode()


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- Listings: own token visible where the role has access, nothing of others ever ---------------

ALL = set(ROLES)
PUBLISHERS = {"moderator", "site_admin"}

LISTINGS: dict[str, tuple] = {
    "explorer-root": (lambda t: reverse("wagtailadmin_explore_root"), ALL, "name"),
    "explorer-home": (lambda t: reverse("wagtailadmin_explore", args=[t.home.pk]), ALL, "token"),
    "page-chooser-root": (lambda t: reverse("wagtailadmin_choose_page"), ALL, "name"),
    "page-chooser-search": (
        lambda t: reverse("wagtailadmin_choose_page_search") + "?q=Trang",
        ALL,
        "token",
    ),
    "admin-page-search": (
        lambda t: reverse("wagtailadmin_pages:search") + "?q=Trang",
        ALL,
        "token",
    ),
    "image-listing": (lambda t: reverse("wagtailimages:index"), ALL, "token"),
    "image-chooser": (lambda t: reverse("wagtailimages_chooser:choose"), ALL, "token"),
    "image-chooser-search": (
        lambda t: reverse("wagtailimages_chooser:choose_results") + "?q=Ảnh",
        ALL,
        "token",
    ),
    "document-listing": (lambda t: reverse("wagtaildocs:index"), ALL, "token"),
    "document-chooser": (lambda t: reverse("wagtaildocs_chooser:choose"), ALL, "token"),
    "document-chooser-search": (
        lambda t: reverse("wagtaildocs_chooser:choose_results") + "?q=Tài liệu",
        ALL,
        "token",
    ),
    "report-site-history": (lambda t: reverse("wagtailadmin_reports:site_history"), ALL, "token"),
    "report-aging-pages": (
        lambda t: reverse("wagtailadmin_reports:aging_pages"),
        PUBLISHERS,
        "token",
    ),
    "report-locked-pages": (
        lambda t: reverse("wagtailadmin_reports:locked_pages"),
        PUBLISHERS,
        "token",
    ),
    "report-workflows": (lambda t: reverse("wagtailadmin_reports:workflow"), ALL, "token"),
    "report-workflow-tasks": (
        lambda t: reverse("wagtailadmin_reports:workflow_tasks"),
        ALL,
        "token",
    ),
    "report-translations": (
        lambda t: reverse("wagtail_localize:translations_report"),
        set(),
        "token",
    ),
    "dashboard": (lambda t: reverse("wagtailadmin_home"), PUBLISHERS, "token"),
    "snippet-listing": (lambda t: reverse("wagtailsnippets_testapp_notice:list"), ALL, "token"),
    "snippet-chooser": (
        lambda t: reverse("wagtailsnippetchoosers_testapp_notice:choose"),
        ALL,
        "token",
    ),
    "site-settings": (
        lambda t: reverse("wagtailsettings:edit", args=["departments", "departmentsettings"]),
        {"site_admin"},
        "settings",
    ),
    "team": (lambda t: reverse("departments_team:index"), {"site_admin"}, "name"),
}


@pytest.mark.parametrize("surface", LISTINGS)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("code", CODES)
def test_admin_listing_shows_nothing_of_other_departments(tenants, db, code, role, surface):
    url_for, roles_with_access, marker = LISTINGS[surface]
    own = tenants[code]
    response = client_for(own.users[role]).get(url_for(own), follow=True)

    assert response.status_code in (200, 403, 404), response.status_code
    content = text_of(response)
    for other_code, other in tenants.items():
        if other_code == code:
            continue
        for leak in other.leak_markers:
            assert leak not in content, f"{surface} shows {other_code}'s {leak!r} to {code} {role}"
    if role in roles_with_access:
        expected = {
            "token": own.token,
            "name": own.department.name,
            "settings": f'value="Settings {own.token}"',
        }[marker]
        assert response.status_code == 200
        if marker != "settings":  # the settings index redirects to the user's own site
            assert not response.redirect_chain, "a denial redirects to the dashboard"
        assert expected in content, f"{surface} does not show {code}'s own {expected!r} to {role}"


# --- Direct URLs: another department's objects answer 403 or 404 ------------------------------------

DIRECT: dict[str, Any] = {
    "explore-home": lambda own, t: reverse("wagtailadmin_explore", args=[t.home.pk]),
    "edit-page": lambda own, t: reverse("wagtailadmin_pages:edit", args=[t.page.pk]),
    "page-history": lambda own, t: reverse("wagtailadmin_pages:history", args=[t.page.pk]),
    "page-revisions": lambda own, t: reverse(
        "wagtailadmin_pages:revisions_index", args=[t.page.pk]
    ),
    "workflow-history": lambda own, t: reverse(
        "wagtailadmin_pages:workflow_history", args=[t.pending.pk]
    ),
    "add-subpage": lambda own, t: reverse("wagtailadmin_pages:add_subpage", args=[t.home.pk]),
    "move-into": lambda own, t: reverse(
        "wagtailadmin_pages:move_confirm", args=[own.pending.pk, t.home.pk]
    ),
    "page-chooser-browse": lambda own, t: reverse(
        "wagtailadmin_choose_page_child", args=[t.home.pk]
    ),
    "edit-image": lambda own, t: reverse("wagtailimages:edit", args=[t.image.pk]),
    "choose-image": lambda own, t: reverse("wagtailimages_chooser:chosen", args=[t.image.pk]),
    "edit-document": lambda own, t: reverse("wagtaildocs:edit", args=[t.document.pk]),
    "choose-document": lambda own, t: reverse("wagtaildocs_chooser:chosen", args=[t.document.pk]),
    "edit-snippet": lambda own, t: reverse(
        "wagtailsnippets_testapp_notice:edit", args=[t.notice.pk]
    ),
    "choose-snippet": lambda own, t: reverse(
        "wagtailsnippetchoosers_testapp_notice:chosen", args=[t.notice.pk]
    ),
    "site-settings": lambda own, t: reverse(
        "wagtailsettings:edit", args=["departments", "departmentsettings", t.department.site.pk]
    ),
    "team-add": lambda own, t: reverse("departments_team:add", args=[t.department.code]),
    "team-member": lambda own, t: reverse(
        "departments_team:edit", args=[t.department.code, t.users["editor"].pk]
    ),
    # wagtail-localize's translation editor names translations and sources, not pages.
    "submit-page-translation": lambda own, t: reverse(
        "wagtail_localize:submit_page_translation", args=[t.page.pk]
    ),
    "update-translations": lambda own, t: reverse(
        "wagtail_localize:update_translations", args=[t.translation.source_id]
    ),
    "translation-po-download": lambda own, t: reverse(
        "wagtail_localize:download_pofile", args=[t.translation.pk]
    ),
    "translation-preview": lambda own, t: reverse(
        "wagtail_localize:preview_translation", args=[t.translation.pk]
    ),
    "translation-stop": lambda own, t: reverse(
        "wagtail_localize:stop_translation", args=[t.translation.pk]
    ),
    "translation-machine": lambda own, t: reverse(
        "wagtail_localize:machine_translate", args=[t.translation.pk]
    ),
    "convert-to-alias": lambda own, t: reverse(
        "wagtail_localize:convert_to_alias",
        args=[t.home.get_translation(t.translation.target_locale).pk],
    ),
}


@pytest.mark.parametrize("surface", DIRECT)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("code", CODES)
def test_direct_urls_to_other_departments_answer_403_or_404(tenants, db, code, role, surface):
    own = tenants[code]
    client = client_for(own.users[role])
    for other_code, other in tenants.items():
        if other_code == code:
            continue
        response = client.get(DIRECT[surface](own, other))
        assert response.status_code in (403, 404), (
            f"{surface} of {other_code} answers {response.status_code} to {code} {role}"
        )
        assert other.token not in text_of(response)


@pytest.mark.parametrize("surface", ["edit-page", "edit-image", "edit-document", "edit-snippet"])
@pytest.mark.parametrize("role", ROLES)
def test_own_objects_stay_reachable(tenants, db, role, surface):
    """The guard lets a department's own people reach their own objects (positive control)."""
    own = tenants["HCM"]
    response = client_for(own.users[role]).get(DIRECT[surface](own, own))
    assert response.status_code == 200
    assert own.token in text_of(response)


@pytest.mark.parametrize("role", ROLES)
def test_copy_into_another_department_creates_nothing_there(tenants, db, role):
    own, other = tenants["HN"], tenants["HCM"]
    children_before = other.home.get_children().count()
    response = client_for(own.users[role]).post(
        reverse("wagtailadmin_pages:copy", args=[own.pending.pk]),
        {
            "new_title": f"Bản sao {own.token}",
            "new_slug": f"ban-sao-{own.token}",
            "new_parent_page": other.home.pk,
            "copy_subpages": False,
            "publish_copies": False,
        },
    )
    assert response.status_code in (200, 302, 403, 404)
    assert other.home.get_children().count() == children_before
    assert not Page.objects.filter(slug=f"ban-sao-{own.token}", path__startswith=other.home.path)


def test_platform_admin_sees_every_department(tenants, db, superuser):
    client = client_for(superuser)
    content = text_of(client.get(reverse("wagtailadmin_choose_page")))
    images = client.get(reverse("wagtailimages:index")).content.decode()
    for tenant in tenants.values():
        assert tenant.department.name in content
        assert tenant.token in images


def test_translations_report_is_listed_for_platform_admins_only(tenants, db, superuser):
    report = reverse("wagtail_localize:translations_report")
    editor_dashboard = client_for(tenants["HN"].users["site_admin"]).get(
        reverse("wagtailadmin_home")
    )
    admin_dashboard = client_for(superuser).get(reverse("wagtailadmin_home"))
    assert report not in editor_dashboard.content.decode()
    assert report in admin_dashboard.content.decode()


def test_snippet_form_offers_only_the_users_own_department(tenants, db):
    own = tenants["BD"]
    client = client_for(own.users["editor"])
    form = client.get(reverse("wagtailsnippets_testapp_notice:add")).context["form"]
    assert list(form.fields["department"].queryset) == [own.department]
    assert form.fields["department"].initial == own.department.pk

    other = tenants["HN"].department
    response = client.post(
        reverse("wagtailsnippets_testapp_notice:add"),
        {"department": other.pk, "title": "Thông báo lạc chỗ"},
    )
    assert response.status_code == 200
    assert "department" in response.context["form"].errors
    assert not Notice.objects.filter(title="Thông báo lạc chỗ").exists()


@pytest.mark.parametrize("role", ROLES)
def test_own_translations_stay_reachable(tenants, db, role):
    """The guard resolves wagtail-localize's translation ids to the department's own pages."""
    own = tenants["BD"]
    response = client_for(own.users[role]).get(DIRECT["translation-po-download"](own, own))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/x-gettext-translation")
