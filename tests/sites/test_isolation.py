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

import datetime
import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import CollectionViewRestriction, Page
from wagtail_localize.models import Translation

import pytest

from cms.alerts.models import Alert, Gate
from cms.api.models import ApiToken
from cms.consultation.services import Submission, receive_question
from cms.demo.images import emblem_png
from cms.library.models import LocalNote, Procedure
from cms.news.factories import news_article_factory
from cms.news.models import NewsIndexPage
from cms.standard.models import StandardPage
from cms.statistics.models import MonthlyFigure, Service, Target
from cms.webhooks.models import Delivery, Subscription
from search.models import EditorsPick
from sites.models import Department, DepartmentSettings
from sites.provisioning import shared_library_collection
from tests.cms.library.factories import procedure
from tests.conftest import ROLES, add_page, make_department, make_member
from tests.testapp.models import Notice

CODES = ("HN", "HCM", "BD")
LIBRARY_TOKEN = "zzlibq"


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
    #: More of the department's objects, by name (see `add_owned_objects`).
    owned: dict[str, Any] = field(default_factory=dict)

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
    tenant = Tenant(
        department, token, home, page, pending, image, document, notice, home_translation, users
    )
    add_owned_objects(tenant)
    return tenant


def add_owned_objects(tenant: Tenant) -> None:
    """Tags, a document in a private child collection, an unpublished tagged article, a question,
    a local note, an editor's pick, an API token and log entries about a snippet and the
    department itself: each names the department's token (or is found by its `str`)."""
    department, token, users = tenant.department, tenant.token, tenant.users
    tenant.image.tags.add(f"ảnh {token}")
    tenant.document.tags.add(f"tài liệu {token}")
    private = department.collection.add_child(name=f"Riêng tư {token}")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    private_document = get_document_model().objects.create(
        title=f"Tài liệu mật {token}",
        file=ContentFile(b"Noi dung mat", name=f"mat-{token}.txt"),
        collection=private,
    )
    news = NewsIndexPage.objects.child_of(tenant.home).get()
    article = news_article_factory(news, title=f"Tin chưa đăng {token}", publish=False)
    article.tags.add(f"tin {token}")
    article.save()
    question = receive_question(
        department,
        Submission(
            asker_name="Nguyễn Văn An",
            email=f"an-{token}@example.vn",
            question=f"Câu hỏi về thủ tục {token}",
            language="vi",
            topic_category=Procedure.Category.DECLARATION,
        ),
    )
    note = LocalNote.objects.create(
        department=department, procedure=shared_procedure(), office=f"Chi cục {token}"
    )
    pick = EditorsPick.objects.create(
        department=department, query=f"từ khóa {token}", page=tenant.page
    )
    api_token = ApiToken(department=department, name=f"Khóa tự động {token}")
    api_token.issue()
    webhook = Subscription(
        department=department,
        name=f"Hệ thống nhận tin {token}",
        url=f"https://1.1.1.1/{token}",
        events=["alert"],
    )
    webhook.new_secret()
    webhook.save()
    delivery = Delivery.objects.create(
        subscription=webhook, event="alert", payload={"data": {"token": token}}, status="failed"
    )
    # A monthly figure of a service named after the token (so listings show it), and a target.
    counted = Service.objects.create(code=f"SV-{token}", name=f"Dịch vụ {token}")
    figure = MonthlyFigure.objects.create(
        department=department,
        service=counted,
        month=datetime.date(2026, 1, 1),
        received_online=5,
        processed=5,
        on_time=5,
    )
    target = Target.objects.create(department=department, year=2026, on_time_rate=95)
    alert = Alert.objects.create(
        department=department, title=f"Cảnh báo {token}", title_en=f"Alert {token}", live=False
    )
    gate = Gate.objects.create(
        department=department, name=f"Cửa khẩu {token}", name_en=f"Gate {token}", kind="seaport"
    )
    log(instance=tenant.notice, action="wagtail.edit", user=users["editor"])
    log(instance=department, action="wagtail.edit", user=users["site_admin"])
    tenant.owned.update(
        private_document=private_document,
        article=article,
        question=question,
        note=note,
        pick=pick,
        api_token=api_token,
        webhook=webhook,
        delivery=delivery,
        figure=figure,
        target=target,
        alert=alert,
        gate=gate,
    )


def shared_procedure() -> Procedure:
    """One procedure of the shared library (every department notes it)."""
    return Procedure.objects.filter(code="1.000001").first() or procedure(
        "1.000001", title="Thủ tục dùng chung cho mọi cục", en=False
    )


def library_document() -> Any:
    """A form in HQ's shared library collection, that every department may choose."""
    return get_document_model().objects.get_or_create(
        title=f"Biểu mẫu dùng chung {LIBRARY_TOKEN}",
        defaults={
            "file": ContentFile(b"Bieu mau", name="bieu-mau.txt"),
            "collection": shared_library_collection(),
        },
    )[0]


@pytest.fixture(scope="module")
def tenants(django_db_setup, django_db_blocker):
    """The three departments, made once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        library_document()
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
    "webhooks": (
        lambda t: reverse("wagtailsnippets_webhooks_subscription:list"),
        {"site_admin"},
        "token",
    ),
    "statistics-figures": (
        lambda t: reverse("wagtailsnippets_statistics_monthlyfigure:list"),
        ALL,
        "token",
    ),
    "translation-dashboard": (lambda t: reverse("translation_dashboard"), ALL, "token"),
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
    "edit-monthly-figure": lambda own, t: reverse(
        "wagtailsnippets_statistics_monthlyfigure:edit", args=[t.owned["figure"].pk]
    ),
    "edit-target": lambda own, t: reverse(
        "wagtailsnippets_statistics_target:edit", args=[t.owned["target"].pk]
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
    "submit-local-note-translation": lambda own, t: reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["library", "localnote", t.owned["note"].pk],
    ),
    "translation-string-edit": lambda own, t: reverse(
        "wagtail_localize:edit_string_translation",
        args=[t.translation.pk, t.translation.source.stringsegment_set.first().pk],
    ),
    "translation-dashboard": lambda own, t: (
        reverse("translation_dashboard") + f"?department={t.department.code}"
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


OWN_TRANSLATION_VIEWS = (
    "submit-page-translation",
    "update-translations",
    "submit-local-note-translation",
)


@pytest.mark.parametrize("surface", OWN_TRANSLATION_VIEWS)
@pytest.mark.parametrize("role", ROLES)
def test_own_translation_views_open_to_every_role(tenants, db, role, surface):
    """Department staff translate and sync their own pages and local notes (the control of the
    translation rows of DIRECT): wagtail-localize's forms answer, not a redirect or a 404."""
    own = tenants["HN"]
    response = client_for(own.users[role]).get(DIRECT[surface](own, own))
    assert response.status_code == 200, f"{surface} answers {response.status_code} to {role}"


# --- Data-layer scoping: ids in query strings, chosen views, the admin API, tags ------------------
#
# Each probe is a URL built from one department's objects and the text that department's own
# people must find there (the control, asked first, so a probe that shows nothing cannot pass).
# Built from another department's objects, the same URL must show none of that text and none
# of the other department's markers. `roles` are those that see the control.


@dataclass(frozen=True)
class Probe:
    url: Any  # Tenant -> str
    shows: Any  # Tenant -> str: what the department's own people find there
    roles: frozenset[str] = frozenset(ROLES)


def bulk(app_model: str, action: str, query: Any) -> Any:
    return lambda t: f"/admin/bulk/{app_model}/{action}/?{query(t)}"


def snippet_chosen(model: str, obj: str) -> Any:
    return lambda t: reverse(
        f"wagtailsnippetchoosers_{model}:chosen",
        args=[t.owned[obj].pk if obj in t.owned else getattr(t, obj).pk],
    )


def snippet_chosen_multiple(model: str, obj: str) -> Any:
    return lambda t: (
        reverse(f"wagtailsnippetchoosers_{model}:chosen_multiple")
        + (f"?id={(t.owned[obj] if obj in t.owned else getattr(t, obj)).pk}")
    )


def reference(t: Tenant) -> str:
    return t.owned["question"].reference


def token(t: Tenant) -> str:
    return t.token


def note_label(t: Tenant) -> str:
    return str(t.owned["note"])


def username(role: str) -> Any:
    return lambda t: t.users[role].username


SITE_ADMINS = frozenset({"site_admin"})

PROBES: dict[str, Probe] = {
    # Bulk actions: the confirmation page lists the objects (and those the user may not touch).
    "bulk-page": Probe(bulk("wagtailcore/page", "delete", lambda t: f"id={t.page.pk}"), token),
    "bulk-page-children": Probe(
        bulk("wagtailcore/page", "delete", lambda t: f"id=all&childOf={t.home.pk}"), token
    ),
    "bulk-page-unpublish": Probe(
        bulk("wagtailcore/page", "unpublish", lambda t: f"id={t.page.pk}&id={t.pending.pk}"),
        token,
    ),
    "bulk-image": Probe(bulk("wagtailimages/image", "delete", lambda t: f"id={t.image.pk}"), token),
    "bulk-image-tags": Probe(
        bulk("wagtailimages/image", "add_tags", lambda t: f"id={t.image.pk}"), token
    ),
    "bulk-document": Probe(
        bulk("wagtaildocs/document", "delete", lambda t: f"id={t.document.pk}"), token
    ),
    "bulk-private-document": Probe(
        bulk("wagtaildocs/document", "delete", lambda t: f"id={t.owned['private_document'].pk}"),
        token,
    ),
    "bulk-notice": Probe(bulk("testapp/notice", "delete", lambda t: f"id={t.notice.pk}"), token),
    "bulk-question": Probe(
        bulk("consultation/question", "delete", lambda t: f"id={t.owned['question'].pk}"),
        reference,
    ),
    "bulk-local-note": Probe(
        bulk("library/localnote", "delete", lambda t: f"id={t.owned['note'].pk}"), note_label
    ),
    "bulk-monthly-figure": Probe(
        bulk("statistics/monthlyfigure", "delete", lambda t: f"id={t.owned['figure'].pk}"),
        token,
    ),
    "bulk-target": Probe(
        bulk("statistics/target", "delete", lambda t: f"id={t.owned['target'].pk}"),
        lambda t: str(t.owned["target"]),
    ),
    "bulk-editors-pick": Probe(
        bulk("portal_search/editorspick", "delete", lambda t: f"id={t.owned['pick'].pk}"), token
    ),
    "bulk-api-token": Probe(
        bulk("api/apitoken", "delete", lambda t: f"id={t.owned['api_token'].pk}"),
        token,
        SITE_ADMINS,
    ),
    # Webhooks: subscriptions (URLs, secrets) are the site admins'; every role reads the log.
    "webhook-edit": Probe(
        lambda t: reverse(
            "wagtailsnippets_webhooks_subscription:edit", args=[t.owned["webhook"].pk]
        ),
        token,
        SITE_ADMINS,
    ),
    "bulk-webhook": Probe(
        bulk("webhooks/subscription", "delete", lambda t: f"id={t.owned['webhook'].pk}"),
        token,
        SITE_ADMINS,
    ),
    "webhook-deliveries": Probe(lambda t: reverse("wagtailsnippets_webhooks_delivery:list"), token),
    "webhook-delivery": Probe(
        lambda t: reverse(
            "wagtailsnippets_webhooks_delivery:inspect", args=[t.owned["delivery"].pk]
        ),
        token,
    ),
    # Closed by permission today (no department role manages users); scoped all the same.
    "bulk-user": Probe(
        bulk("auth/user", "delete", lambda t: f"id={t.users['editor'].pk}"),
        username("editor"),
        frozenset(),
    ),
    # Choosers' chosen views answer with the object's title and URL.
    "page-chosen-multiple": Probe(
        lambda t: reverse("wagtailadmin_choose_page_chosen_multiple") + f"?id={t.page.pk}", token
    ),
    "image-chosen-multiple": Probe(
        lambda t: reverse("wagtailimages_chooser:chosen_multiple") + f"?id={t.image.pk}", token
    ),
    "document-chosen": Probe(
        lambda t: reverse("wagtaildocs_chooser:chosen", args=[t.owned["private_document"].pk]),
        token,
    ),
    "document-chosen-multiple": Probe(
        lambda t: (
            reverse("wagtaildocs_chooser:chosen_multiple") + f"?id={t.owned['private_document'].pk}"
        ),
        token,
    ),
    "question-chosen": Probe(snippet_chosen("consultation_question", "question"), reference),
    "question-chosen-multiple": Probe(
        snippet_chosen_multiple("consultation_question", "question"), reference
    ),
    "local-note-chosen": Probe(snippet_chosen("library_localnote", "note"), note_label),
    "monthly-figure-chosen": Probe(snippet_chosen("statistics_monthlyfigure", "figure"), token),
    "editors-pick-chosen-multiple": Probe(
        snippet_chosen_multiple("portal_search_editorspick", "pick"), token
    ),
    "api-token-chosen": Probe(snippet_chosen("api_apitoken", "api_token"), token, SITE_ADMINS),
    # wagtail-localize's snippet API lists a model's rows unscoped: closed for scoped models.
    "localize-snippets-api": Probe(
        lambda t: reverse("wagtail_localize:snippets_api_listing", args=["testapp", "notice"]),
        token,
        frozenset(),
    ),
    "localize-snippet-api": Probe(
        lambda t: reverse(
            "wagtail_localize:snippets_api_detail",
            args=["library", "localnote", t.owned["note"].pk],
        ),
        note_label,
    ),
    # The admin API the explorer and choosers read (JSON, with download URLs).
    "api-images": Probe(lambda t: "/admin/api/main/images/?limit=100", token),
    "api-image": Probe(lambda t: f"/admin/api/main/images/{t.image.pk}/", token),
    "api-documents": Probe(lambda t: "/admin/api/main/documents/?limit=100", token),
    "api-document": Probe(
        lambda t: f"/admin/api/main/documents/{t.owned['private_document'].pk}/", token
    ),
    "api-pages-children": Probe(lambda t: f"/admin/api/main/pages/?child_of={t.home.pk}", token),
    "api-page": Probe(lambda t: f"/admin/api/main/pages/{t.owned['article'].pk}/", token),
    # Tags: autocomplete and the listings' filters offer the department's own tags only.
    "tag-autocomplete": Probe(
        lambda t: reverse("wagtailadmin_tag_autocomplete") + "?term=ả", token
    ),
    "tag-autocomplete-documents": Probe(
        lambda t: reverse("wagtailadmin_tag_autocomplete") + "?term=tài", token
    ),
    "tag-autocomplete-news": Probe(
        lambda t: (
            reverse("wagtailadmin_tag_model_autocomplete", args=["news", "newstag"]) + "?term=tin"
        ),
        token,
    ),
    "image-listing-tags": Probe(
        lambda t: reverse("wagtailimages:index"), lambda t: f"ảnh {t.token}"
    ),
    "document-listing-tags": Probe(
        lambda t: reverse("wagtaildocs:index"), lambda t: f"tài liệu {t.token}"
    ),
    # Reports: rows and filter choices.
    "site-history-snippet": Probe(
        lambda t: reverse("wagtailadmin_reports:site_history") + "?label=Thông báo", token
    ),
    # The `team` engineer logs Team changes against the Department itself: "HN – Cục …".
    "site-history-department": Probe(
        lambda t: reverse("wagtailadmin_reports:site_history") + "?label=" + quote("–"),
        lambda t: str(t.department),
    ),
    "page-types-usage": Probe(lambda t: reverse("wagtailadmin_reports:page_types_usage"), token),
    "forms-edited-by": Probe(lambda t: reverse("wagtailforms:index"), username("editor")),
    # Alerts and gates (cms.alerts): listings, edit views, bulk actions, the dashboard's panel.
    "alert-listing": Probe(lambda t: reverse("wagtailsnippets_alerts_alert:list"), token),
    "alert-edit": Probe(
        lambda t: reverse("wagtailsnippets_alerts_alert:edit", args=[t.owned["alert"].pk]), token
    ),
    "bulk-alert": Probe(
        bulk("alerts/alert", "delete", lambda t: f"id={t.owned['alert'].pk}"), token
    ),
    "gate-listing": Probe(lambda t: reverse("wagtailsnippets_alerts_gate:list"), token),
    "gate-edit": Probe(
        lambda t: reverse("wagtailsnippets_alerts_gate:edit", args=[t.owned["gate"].pk]), token
    ),
    "gate-status-panel": Probe(lambda t: reverse("wagtailadmin_home"), token),
}


def probe_text(client: Client, url: str) -> tuple[int, str]:
    response = client.get(url)
    return response.status_code, text_of(response)


@pytest.mark.parametrize("surface", PROBES)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("code", CODES)
def test_scoped_surfaces_show_only_own_objects(tenants, db, code, role, surface):
    probe = PROBES[surface]
    own = tenants[code]
    client = client_for(own.users[role])

    status, content = probe_text(client, probe.url(own))
    if role in probe.roles:
        assert status == 200, f"{surface} answers {status} to {code} {role} on own objects"
        assert probe.shows(own) in content, f"{surface} hides {code}'s own object from {role}"

    for other_code, other in tenants.items():
        if other_code == code:
            continue
        status, content = probe_text(client, probe.url(other))
        assert status in (200, 400, 403, 404), f"{surface} of {other_code} answers {status}"
        for leak in [probe.shows(other), *other.leak_markers]:
            assert leak not in content, f"{surface} shows {other_code}'s {leak!r} to {code} {role}"


@pytest.mark.parametrize("role", ROLES)
def test_snippets_index_counts_only_own_rows(tenants, db, role):
    """Every department has one notice: the "Snippets" index counts one, not one per department."""
    own = tenants["HN"]
    response = client_for(own.users[role]).get(reverse("wagtailsnippets:index"))
    counts = {item["model"]: item["count"] for item in response.context["object_list"]}
    assert counts[type(own.notice)] == 1
    assert counts[EditorsPick] == 1


@pytest.mark.parametrize("role", ROLES)
def test_dashboard_counts_own_pages(tenants, db, role):
    own = tenants["BD"]
    content = client_for(own.users[role]).get(reverse("wagtailadmin_home")).content.decode()
    link = re.search(r'href="/admin/pages/(\d+)/"[^>]*>\s*([\d.,]+)', content)
    assert link is not None, "the dashboard shows no page count"
    assert int(link.group(1)) == own.home.pk
    assert int(link.group(2).replace(".", "").replace(",", "")) == own.department.pages().count()


@pytest.mark.parametrize("role", ROLES)
def test_page_types_usage_counts_own_pages(tenants, db, role):
    own = tenants["HCM"]
    response = client_for(own.users[role]).get(reverse("wagtailadmin_reports:page_types_usage"))
    counts = {row.model_class(): row.count for row in response.context["object_list"]}
    assert (
        counts[StandardPage] == StandardPage.objects.filter(own.department.tree_condition()).count()
    )
    assert counts[StandardPage] > 0


@pytest.mark.parametrize("role", ROLES)
def test_own_document_in_private_child_collection_stays_reachable(tenants, db, role):
    """The guard and the choosers follow Wagtail: a collection's permissions cover its children."""
    own = tenants["HN"]
    document = own.owned["private_document"]
    client = client_for(own.users[role])
    edit = client.get(reverse("wagtaildocs:edit", args=[document.pk]))
    chooser = client.get(reverse("wagtaildocs_chooser:choose"))
    assert edit.status_code == 200
    assert document.title in text_of(chooser)


@pytest.mark.parametrize("role", ROLES)
def test_editors_choose_the_shared_library(tenants, db, role):
    """The library's forms and procedures stay choosable by every department (only HQ edits them)."""
    own = tenants["BD"]
    document = library_document()
    client = client_for(own.users[role])
    chooser = client.get(reverse("wagtaildocs_chooser:choose"))
    chosen = client.get(reverse("wagtaildocs_chooser:chosen", args=[document.pk]))
    procedures = client.get(reverse("wagtailsnippetchoosers_library_procedure:choose"))
    assert LIBRARY_TOKEN in text_of(chooser)
    assert chosen.status_code == 200
    assert LIBRARY_TOKEN in text_of(chosen)
    assert shared_procedure().title in text_of(procedures)


@pytest.mark.parametrize("role", ROLES)
def test_editors_choose_own_images_documents_and_pages(tenants, db, role):
    own = tenants["HCM"]
    client = client_for(own.users[role])
    image = client.get(reverse("wagtailimages_chooser:chosen", args=[own.image.pk]))
    document = client.get(reverse("wagtaildocs_chooser:chosen", args=[own.document.pk]))
    pages = client.get(reverse("wagtailadmin_choose_page_child", args=[own.home.pk]))
    assert image.status_code == document.status_code == pages.status_code == 200
    assert own.image.title in text_of(image)
    assert own.document.title in text_of(document)
    assert own.token in text_of(pages)


def test_platform_admin_acts_on_every_department_in_bulk(tenants, db, superuser):
    ids = "&".join(f"id={tenant.page.pk}" for tenant in tenants.values())
    content = client_for(superuser).get(f"/admin/bulk/wagtailcore/page/delete/?{ids}")
    for tenant in tenants.values():
        assert tenant.token in text_of(content)


def test_news_tag_page_lists_only_the_sites_own_articles(tenants, db):
    """The same tag on two departments' articles: each site's tag page lists its own only."""
    articles = {}
    for code in ("HN", "HCM"):
        tenant = tenants[code]
        index = NewsIndexPage.objects.child_of(tenant.home).get()
        articles[code] = news_article_factory(index, title=f"Tin có thẻ chung {tenant.token}")
        articles[code].tags.add("Thông quan chung")
        articles[code].save_revision().publish()
    own, other = tenants["HN"], tenants["HCM"]
    response = Client().get(
        "/vi/tin-tuc/the/thong-quan-chung/", HTTP_HOST=own.department.site.hostname
    )
    assert response.status_code == 200
    assert articles["HN"].title in response.content.decode()
    assert other.token not in response.content.decode()


def test_webhook_probes_catch_a_leak_when_the_scope_is_lifted(tenants, db, monkeypatch):
    """Control: with the webhooks' scope lifted, the same listing and log show another
    department's rows, so the probes above would fail on a leak."""
    from django.db.models import Q

    from sites import scoping

    everything = scoping.Scope(lambda user: Q())
    monkeypatch.setitem(scoping._scopes, Subscription, everything)
    monkeypatch.setitem(scoping._scopes, Delivery, everything)
    own, other = tenants["HN"], tenants["HCM"]
    client = client_for(own.users["site_admin"])
    for url in (
        reverse("wagtailsnippets_webhooks_subscription:list"),
        reverse("wagtailsnippets_webhooks_delivery:list"),
    ):
        assert other.token in text_of(client.get(url))
