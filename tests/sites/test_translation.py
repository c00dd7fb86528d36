"""Translation by the department: its people translate, sync and edit translations of its own
pages and local notes (never another department's), moderators approve translations in the
department's workflow, and the translation dashboard counts what is missing, outdated and
complete."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse

from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

import pytest

from cms.library.models import LocalNote, Procedure
from cms.news.factories import news_article_factory
from cms.news.models import NewsIndexPage
from sites.admin_translations import departments_for
from sites.models import Department
from sites.translation import sync_translation
from sites.translation_status import translation_status
from tests.cms.library.factories import procedure
from tests.conftest import ROLES, make_department, make_member

CODES = ("HN", "HCM")


@dataclass
class Team:
    department: Department
    users: dict[str, Any] = field(default_factory=dict)

    @property
    def news(self) -> NewsIndexPage:
        home = self.department.site.root_page
        return NewsIndexPage.objects.child_of(home).get()


@pytest.fixture(scope="module")
def teams(django_db_setup, django_db_blocker):
    """Two departments with an editor, a moderator and a site admin each, made once."""
    with django_db_blocker.unblock(), transaction.atomic():
        made = {}
        for code in CODES:
            department = make_department(code)
            made[code] = Team(department, {role: make_member(department, role) for role in ROLES})
        yield made
        transaction.set_rollback(True)
    cache.clear()


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def english() -> Locale:
    return Locale.objects.get(language_code="en")


def article(team: Team, title: str):
    return news_article_factory(team.news, title=title)


def shared_procedure() -> Procedure:
    return Procedure.objects.filter(code="1.008316", locale=Locale.get_default()).first() or (
        procedure(en=False)
    )


def note(team: Team, office: str) -> LocalNote:
    return LocalNote.objects.create(
        department=team.department,
        procedure=shared_procedure(),
        office=office,
        hours="Thứ Hai – Thứ Sáu, 7 giờ 30 – 17 giờ 00",
    )


def submit_page(client: Client, page: Page):
    return client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [english().pk]},
    )


def submit_note(client: Client, item: LocalNote):
    return client.post(
        reverse(
            "wagtail_localize:submit_snippet_translation", args=["library", "localnote", item.pk]
        ),
        {"locales": [english().pk]},
    )


def source_of(instance) -> TranslationSource:
    return TranslationSource.objects.get_for_instance(instance)


# --- Permissions: the department's own, never another's -------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_every_department_role_may_translate(teams, db, role):
    user = teams["HN"].users[role]
    assert user.has_perm("wagtail_localize.submit_translation")
    page = article(teams["HN"], "Thông quan hàng hóa tại cảng Cái Mép")
    explorer = client_for(user).get(reverse("wagtailadmin_explore", args=[teams["HN"].news.pk]))
    submit_url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    assert submit_url in explorer.content.decode(), "no “Translate this page” for the department"


@pytest.mark.parametrize("role", ROLES)
def test_translate_own_page_but_not_another_departments(teams, db, role):
    own, other = teams["HN"], teams["HCM"]
    client = client_for(own.users[role])
    own_page = article(own, "Hướng dẫn khai tờ khai hải quan điện tử")
    other_page = article(other, "Hướng dẫn thông quan tại cảng Cát Lái")

    form = client.get(reverse("wagtail_localize:submit_page_translation", args=[own_page.pk]))
    assert form.status_code == 200
    assert submit_page(client, own_page).status_code == 302
    assert own_page.get_translation_or_none(english()) is not None  # the control

    denied = client.get(reverse("wagtail_localize:submit_page_translation", args=[other_page.pk]))
    assert denied.status_code == 404
    assert submit_page(client, other_page).status_code == 404
    assert other_page.get_translation_or_none(english()) is None


def test_translate_own_local_note_but_not_another_departments(teams, db):
    own, other = teams["HN"], teams["HCM"]
    client = client_for(own.users["editor"])
    own_note = note(own, "Chi cục Hải quan cửa khẩu sân bay quốc tế Nội Bài")
    other_note = note(other, "Chi cục Hải quan cửa khẩu cảng Sài Gòn khu vực I")

    assert submit_note(client, own_note).status_code == 302
    translated = own_note.get_translation(english())
    assert translated.department == own.department
    assert translated.procedure_id == own_note.procedure_id  # the same library item

    assert submit_note(client, other_note).status_code == 404
    assert not other_note.has_translation(english())


def test_sync_and_edit_own_translations_but_not_another_departments(teams, db):
    own, other = teams["HN"], teams["HCM"]
    pages = {}
    for code, team in teams.items():
        pages[code] = article(team, f"Thủ tục hoàn thuế nhập khẩu {code}")
        sync_translation(pages[code], english(), {"title": f"Import duty refund {code}"})
    client = client_for(own.users["editor"])

    for code, expected in (("HN", 200), ("HCM", 404)):
        source = source_of(pages[code])
        job = Translation.objects.get(source=source, target_locale=english())
        target = pages[code].get_translation(english())
        segment = source.stringsegment_set.first()
        urls = {
            "sync": reverse("wagtail_localize:update_translations", args=[source.pk]),
            "editor": reverse("wagtailadmin_pages:edit", args=[target.pk]),
            "string": reverse(
                "wagtail_localize:edit_string_translation", args=[job.pk, segment.pk]
            ),
        }
        assert client.get(urls["sync"]).status_code == expected, code
        editor = client.get(urls["editor"])
        assert editor.status_code == expected, code
        if expected == 200:
            assert "js-translation-editor" in editor.content.decode()
        answer = client.put(
            urls["string"],
            "value=Customs+clearance",
            content_type="application/x-www-form-urlencoded",
        )
        assert answer.status_code in ((200, 201) if expected == 200 else (404,)), code
        saved = StringTranslation.objects.filter(
            translation_of_id=segment.string_id, locale=english(), data="Customs clearance"
        )
        assert saved.exists() == (expected == 200), code
    assert other.department  # (the other department's objects were only probed)


def test_an_editor_cannot_publish_through_sync_but_a_moderator_can(teams, db):
    team = teams["HN"]
    page = article(team, "Thông báo lịch làm việc ngày lễ")
    sync_translation(page, english(), {"title": "Holiday working hours"})
    page.title = "Thông báo lịch làm việc dịp Tết"
    page.save_revision().publish()
    url = reverse("wagtail_localize:update_translations", args=[source_of(page).pk])

    refused = client_for(team.users["editor"]).post(url, {"publish_translations": "on"})
    assert refused.status_code == 403
    assert json.loads(source_of(page).content_json)["title"] == "Thông báo lịch làm việc ngày lễ"

    synced = client_for(team.users["editor"]).post(url, {})
    assert synced.status_code == 302  # syncing without publishing is an editor's job
    assert json.loads(source_of(page).content_json)["title"] == page.title
    assert page.get_translation(english()).title == "Holiday working hours"

    published = client_for(team.users["moderator"]).post(url, {"publish_translations": "on"})
    assert published.status_code == 302
    # Published at once, the new title untranslated yet (wagtail-localize falls back to the source).
    assert page.get_translation(english()).title == page.title


def test_translating_a_qa_answer_leaves_hqs_procedure_alone(teams, db):
    from cms.consultation.models import QAIndexPage, QuestionAnswerPage

    team = teams["HN"]
    item = shared_procedure()
    index = QAIndexPage.objects.descendant_of(team.department.site.root_page).first()
    if index is None:
        pytest.skip("the blueprint has no Q&A section")
    answer = QuestionAnswerPage(
        title="Thủ tục thông quan hàng xuất khẩu",
        question="Doanh nghiệp cần chuẩn bị hồ sơ gì để thông quan?",
        topic_category=item.category,
        topic_procedure=item,
        answer="<p>Doanh nghiệp nộp tờ khai hải quan điện tử.</p>",
    )
    index.add_child(instance=answer)
    answer.save_revision().publish()

    assert submit_page(client_for(team.users["editor"]), answer).status_code == 302
    translated = answer.get_translation(english()).specific
    assert translated.topic_procedure_id == item.pk
    assert not item.has_translation(english())
    assert not TranslationSource.objects.filter(object_id=item.translation_key).exists()


# --- Moderation: the department's workflow approves a translation -------------------------------


def test_editor_submits_a_translation_and_a_moderator_approves_it_in_the_workflow(teams, db):
    team = teams["HN"]
    page = article(team, "Cục Hải quan Hà Nội thông quan 5.000 tờ khai mỗi ngày")
    editor = client_for(team.users["editor"])
    assert submit_page(editor, page).status_code == 302
    target = page.get_translation(english())
    assert not target.live  # a translation starts as a draft
    job = Translation.objects.get(source=source_of(page), target_locale=english())
    segment = source_of(page).stringsegment_set.get(context__path="title")
    StringTranslation.objects.create(
        translation_of_id=segment.string_id,
        locale=english(),
        context_id=segment.context_id,
        data="Ha Noi Customs clears 5,000 declarations a day",
    )

    editor_page = editor.get(reverse("wagtailadmin_pages:edit", args=[target.pk]))
    submit_url = reverse("translation_submit_for_moderation", args=[job.pk])
    assert submit_url in editor_page.content.decode()
    assert editor.post(submit_url).status_code == 302

    target.refresh_from_db()
    assert target.get_workflow() == team.department.workflow
    state = target.current_workflow_state
    assert state is not None and state.workflow == team.department.workflow
    assert not target.live

    # Another department's moderator cannot act on it; the department's moderator approves.
    task_state = state.current_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[target.pk, "approve", task_state.pk]
    )
    outsider = client_for(teams["HCM"].users["moderator"]).post(approve, {})
    assert outsider.status_code == 404
    response = client_for(team.users["moderator"]).post(approve, {})
    assert response.status_code in (200, 302)
    target.refresh_from_db()
    assert target.live
    assert target.title == "Ha Noi Customs clears 5,000 declarations a day"


def test_submitting_another_departments_translation_is_not_found(teams, db):
    other = teams["HCM"]
    page = article(other, "Lịch tiếp công dân tháng 12")
    sync_translation(page, english(), {"title": "Citizen reception in December"})
    job = Translation.objects.get(source=source_of(page), target_locale=english())
    target = page.get_translation(english())
    response = client_for(teams["HN"].users["editor"]).post(
        reverse("translation_submit_for_moderation", args=[job.pk])
    )
    assert response.status_code == 404
    target.refresh_from_db()
    assert target.current_workflow_state is None


# --- The dashboard: missing, outdated, complete --------------------------------------------------


def items_of(status, name: str) -> dict[int, Any]:
    return {item.source_id: item for item in getattr(status, name)}


def test_dashboard_figures_follow_translation_and_later_edits(teams, db):
    team = teams["HN"]
    before = translation_status(team.department, "en")
    assert before.counts["missing"] == 0  # provisioning translates the home and sections
    assert before.counts["complete"] > 0

    page = article(team, "Triển khai hải quan số tại cảng Hải Phòng")
    local = note(team, "Đội thủ tục hàng hóa xuất nhập khẩu")
    status = translation_status(team.department, "en")
    assert page.pk in items_of(status, "missing")
    assert local.pk in items_of(status, "missing")
    assert items_of(status, "missing")[page.pk].action_url.startswith(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    )

    sync_translation(page, english(), {"title": "Digital customs at Hai Phong port"})
    sync_translation(local, english(), {"office": "Import-export procedures team"})
    status = translation_status(team.department, "en")
    assert page.pk in items_of(status, "complete")
    assert local.pk in items_of(status, "complete")

    # The source is edited (and published) after its translation: outdated, with a sync link.
    page.title = "Triển khai hải quan số tại cảng Hải Phòng và Lạch Huyện"
    page.save_revision().publish()
    local.office = "Đội thủ tục hàng hóa xuất khẩu, nhập khẩu"
    local.save()
    status = translation_status(team.department, "en")
    outdated = items_of(status, "outdated")
    assert outdated[page.pk].reason == "source_changed"
    assert outdated[page.pk].action == "sync"
    assert outdated[local.pk].reason == "source_changed"
    assert status.counts["complete"] == before.counts["complete"]

    # Synced and published again: complete.
    sync_translation(page, english(), {})
    sync_translation(local, english(), {})
    status = translation_status(team.department, "en")
    assert {page.pk, local.pk} <= set(items_of(status, "complete"))
    assert status.counts["outdated"] == 0
    data = status.as_dict()  # plain data, as the API would serve it
    assert data["counts"] == status.counts
    assert {item["source_id"] for item in data["complete"]} >= {page.pk, local.pk}

    # The other department's figures never include these.
    other = translation_status(teams["HCM"].department, "en")
    every = {
        item.source_id
        for name in ("missing", "outdated", "complete")
        for item in getattr(other, name)
    }
    assert page.pk not in every and local.pk not in every


def test_dashboard_page_shows_own_department_only_and_platform_admins_all(teams, db, superuser):
    own, other = teams["HN"], teams["HCM"]
    own_page = article(own, "Bản tin hải quan Hà Nội số 12")
    other_page = article(other, "Bản tin hải quan TP. Hồ Chí Minh số 12")
    url = reverse("translation_dashboard")

    editor = client_for(own.users["editor"])
    page = editor.get(url)
    assert page.status_code == 200
    content = page.content.decode()
    assert own_page.title in content  # the control
    assert "Chưa dịch" in content and "Hoàn tất" in content  # the admin speaks Vietnamese
    assert other_page.title not in content
    assert other.department.name not in content
    assert editor.get(url + "?department=HCM").status_code == 404
    assert editor.get(url + "?language=xx").status_code == 404
    assert editor.get(url + "?language=vi").status_code == 404

    admin = client_for(superuser)
    for team, title in ((own, own_page.title), (other, other_page.title)):
        response = admin.get(url + f"?department={team.department.code}&language=en")
        assert response.status_code == 200
        assert title in response.content.decode()
    assert {d.code for d in departments_for(superuser)} >= set(CODES)


def test_homepage_panel_shows_the_users_department_figures(teams, db, superuser):
    own, other = teams["HN"], teams["HCM"]
    article(own, "Tin ngắn về thông quan hàng hóa")
    expected = translation_status(own.department, "en").counts
    content = client_for(own.users["editor"]).get(reverse("wagtailadmin_home")).content.decode()
    assert f'data-department="{own.department.code}"' in content
    assert f'<td data-status="missing">{expected["missing"]}</td>' in content
    assert f'data-department="{other.department.code}"' not in content

    admin = client_for(superuser).get(reverse("wagtailadmin_home")).content.decode()
    assert f'data-department="{own.department.code}"' in admin
    assert f'data-department="{other.department.code}"' in admin


def test_status_rejects_a_language_that_is_not_translated_into(teams, db):
    with pytest.raises(LookupError):
        translation_status(teams["HN"].department, "vi")
    with pytest.raises(LookupError):
        translation_status(teams["HN"].department, "fr")


# --- Local notes on the public site, in the page's language ---------------------------------------


def test_english_procedure_page_shows_the_translated_local_note(teams, db):
    team = teams["HN"]
    local = note(team, "Chi cục Hải quan Bắc Hà Nội")
    sync_translation(local, english(), {"office": "North Ha Noi Customs Branch"})
    item = shared_procedure()
    from cms.library.models.notes import local_notes_for

    en_procedure = item.get_translation_or_none(english()) or item.copy_for_translation(english())
    assert [n.office for n in local_notes_for(team.department, item)] == [local.office]
    assert [n.office for n in local_notes_for(team.department, en_procedure)] == [
        "North Ha Noi Customs Branch"
    ]


# --- Machine translation with the glossary, through wagtail-localize's editor action --------------


def test_machine_translation_applies_the_glossary_on_own_translations_only(teams, db, settings):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "sites.machine_translation.GlossaryTranslator",
        "OPTIONS": {
            "TRANSLATOR": {"CLASS": "tests.sites.test_machine_translation.UpperCaseTranslator"},
            "GLOSSARY": str(settings.MACHINE_TRANSLATION_GLOSSARY),
        },
    }
    jobs = {}
    for code, team in teams.items():
        page = article(team, f"Thông quan hàng hóa tại cửa khẩu {code}")
        TranslationSource.get_or_create_from_instance(page)
        assert submit_page(client_for(team.users["site_admin"]), page).status_code == 302
        jobs[code] = Translation.objects.get(source=source_of(page), target_locale=english())
    client = client_for(teams["HN"].users["editor"])

    def title_translation(job):
        segment = job.source.stringsegment_set.get(context__path="title")
        return StringTranslation.objects.filter(
            translation_of_id=segment.string_id, locale=english(), context_id=segment.context_id
        ).first()

    own = client.post(reverse("wagtail_localize:machine_translate", args=[jobs["HN"].pk]))
    assert own.status_code == 302
    assert title_translation(jobs["HN"]).data == "Customs clearance HÀNG HÓA TẠI border gate HN"

    other = client.post(reverse("wagtail_localize:machine_translate", args=[jobs["HCM"].pk]))
    assert other.status_code == 404
    assert title_translation(jobs["HCM"]) is None
