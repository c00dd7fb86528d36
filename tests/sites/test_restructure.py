"""Restructuring departments: rename, merge and split as one operation, nothing lost, every old
address answering 301 to where its content is now (`sites.restructure`)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import Client
from django.utils import translation

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, ModelLogEntry, Page, PageLogEntry, Revision, WorkflowState

import pytest

from cms.api.models import ApiToken, ChangeEvent
from cms.consultation.models import Question
from cms.library.models import LocalNote
from cms.news.factories import news_article_factory
from cms.news.models import NewsIndexPage
from search.models import EditorsPick, PopularQuery
from sites.models import Department, DepartmentAlias
from sites.restructure import operations
from sites.restructure.operations import RestructureError, run_plan
from sites.restructure.plan import PlanError, check_plan, plan_from_data
from sites.scoping import visible_to
from sites.translation import translate_page
from tests.sites.test_isolation import build_tenant, library_document

HOSTS = {"HCM": "hcm.localhost", "BD": "binhduong.localhost", "HN": "hanoi.localhost"}
KV2 = {
    "code": "KV2",
    "name": "Chi cục Hải quan khu vực II",
    "name_en": "Customs Branch of Region II",
    "hostname": "kv2.localhost",
}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """HN, HCM and BD with pages, drafts, moderation, media, questions, notes, picks, tokens;
    HCM and BD each publish an article with the same slug (a collision when merged).
    Made once for the module and rolled back after it; each test rolls back its own changes."""
    with django_db_blocker.unblock(), transaction.atomic():
        library_document()
        tenants = {code: build_tenant(code) for code in ("HN", "HCM", "BD")}
        english = Locale.objects.get(language_code="en")
        for code in ("HCM", "BD"):
            news = NewsIndexPage.objects.child_of(tenants[code].home).get()
            same = news_article_factory(
                news, title="Thông quan hàng hóa dịp Tết", tags=("hải quan",)
            )
            own = news_article_factory(news, title=f"Tin riêng của {code}", tags=("hải quan",))
            translate_page(same, english, {"title": f"Clearance at Tet ({code})"})
            translate_page(own, english, {"title": f"News of {code}"})
            PopularQuery.objects.create(department=tenants[code].department, query="c/o", hits=3)
        yield tenants
        transaction.set_rollback(True)
    cache.clear()


@pytest.fixture
def reform(world, db) -> Iterator[dict[str, Any]]:
    """The module's departments; the shared cache is emptied around each test (it is not rolled
    back with the database). Reports and problems are read in English here (the admin's test
    reads them in Vietnamese)."""
    cache.clear()
    with translation.override("en"):
        yield world
    cache.clear()


def counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "questions": Question.objects.count(),
    }


def log_entry_ids() -> set[tuple[str, int]]:
    return {("page", pk) for pk in PageLogEntry.objects.values_list("pk", flat=True)} | {
        ("model", pk) for pk in ModelLogEntry.objects.values_list("pk", flat=True)
    }


def snapshot() -> dict[str, Any]:
    """What a failed or dry run must leave exactly as it was."""
    return {
        "pages": sorted(Page.objects.values_list("pk", "path", "url_path", "slug", "title")),
        "images": sorted(get_image_model().objects.values_list("pk", "collection_id")),
        "documents": sorted(get_document_model().objects.values_list("pk", "collection_id")),
        "departments": sorted(
            Department.objects.values_list("pk", "code", "name", "status", "merged_into_id")
        ),
        "members": sorted(
            get_user_model().groups.through.objects.values_list("user_id", "group_id")
        ),
        "questions": sorted(Question.objects.values_list("pk", "department_id", "reference")),
        "aliases": sorted(DepartmentAlias.objects.values_list("hostname", "code")),
        "revisions": Revision.objects.count(),
        "log entries": log_entry_ids(),
        "change events": ChangeEvent.objects.count(),
    }


def merge_plan(sections: str = "merge") -> dict[str, Any]:
    return {
        "title": "Hợp nhất thử",
        "steps": [
            {"rename": "HCM", **KV2},
            {"merge": ["BD"], "into": "KV2", "sections": sections},
        ],
    }


def run(data: dict[str, Any], **options) -> operations.Report:
    return run_plan(plan_from_data(data), **options)


def sitemap_urls(host: str) -> list[str]:
    response = Client().get("/sitemap.xml", HTTP_HOST=host)
    assert response.status_code == 200
    return re.findall(r"<loc>([^<]+)</loc>", response.content.decode())


def get(url: str):
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return Client().get(path, HTTP_HOST=parts.netloc)


def title_of(response) -> str:
    match = re.search(r'<meta property="og:title" content="([^"]*)"', response.content.decode())
    assert match, "the page has an og:title"
    return match.group(1)


# --- Merge ---------------------------------------------------------------------------------------


def test_merge_keeps_every_page_revision_image_document_question_and_log_entry(reform):
    run({"steps": [{"rename": "HCM", **KV2}]})
    before, entries = counts(), log_entry_ids()
    report = run({"steps": [{"merge": ["BD"], "into": "KV2"}]})
    assert counts() == before
    assert entries <= log_entry_ids(), "no log entry is lost"
    kv2 = Department.objects.get(code="KV2")
    bd = Department.objects.get(code="BD")
    assert bd.status == Department.Status.MERGED and bd.merged_into == kv2
    # BD's whole tree moved but its home and (empty) standard sections, in both languages.
    assert bd.pages().count() == 2 * (1 + len(bd.site.root_page.get_children()))
    assert not bd.pages().filter(title__startswith="Tin riêng").exists()
    assert kv2.pages().filter(title="Tin riêng của BD").exists()
    assert kv2.pages().filter(title="News of BD").exists()
    assert report.counts["pages"] > 0
    assert not get_image_model().objects.filter(collection=bd.collection).exists()
    assert (
        get_document_model()
        .objects.filter(title__contains="zzbdq")
        .exclude(collection__path__startswith=bd.collection.path)
        .count()
        == 2
    )
    question = reform["BD"].owned["question"]
    question.refresh_from_db()
    assert question.department == kv2 and question.reference.startswith("BD-")
    assert ApiToken.objects.get(pk=reform["BD"].owned["api_token"].pk).department == kv2
    assert EditorsPick.objects.get(pk=reform["BD"].owned["pick"].pk).department == kv2
    # Both had a note on the shared procedure and a popular query "c/o": one row each now.
    assert LocalNote.objects.filter(department=kv2).count() == 1
    assert PopularQuery.objects.get(department=kv2, query="c/o").hits == 6
    assert not Department.objects.filter(merged_into=bd).exists()


def test_merge_renames_colliding_slugs_and_lists_them(reform):
    report = run(merge_plan())
    kv2 = Department.objects.get(code="KV2")
    news = NewsIndexPage.objects.child_of(kv2.site.root_page).get()
    slugs = set(news.get_children().values_list("slug", flat=True))
    assert {"thong-quan-hang-hoa-dip-tet", "thong-quan-hang-hoa-dip-tet-bd"} <= slugs
    assert any("thong-quan-hang-hoa-dip-tet-bd" in line for line in report.collisions)


def test_merge_moves_people_into_the_same_role(reform):
    run(merge_plan())
    kv2 = Department.objects.get(code="KV2")
    bd_editor = reform["BD"].users["editor"]
    bd_moderator = reform["BD"].users["moderator"]
    assert kv2.editors_group in bd_editor.groups.all()
    assert kv2.moderators_group in bd_moderator.groups.all()
    assert not Department.objects.get(code="BD").editors_group.user_set.exists()


def test_merge_carries_moderation_in_progress_to_the_target_workflow(reform):
    pending = reform["BD"].pending
    run(merge_plan())
    kv2 = Department.objects.get(code="KV2")
    state = WorkflowState.objects.get(object_id=str(pending.pk))
    assert state.workflow_id == kv2.workflow_id
    assert state.current_task_state.task_id == kv2.workflow.tasks.get().pk


def test_merged_people_see_exactly_the_merged_content_and_others_nothing_new(reform):
    hn_editor = reform["HN"].users["editor"]
    hn_sees = {
        model: set(visible_to(hn_editor, model).values_list("pk", flat=True))
        for model in (Page, get_image_model(), get_document_model(), Question, LocalNote)
    }
    run(merge_plan())
    kv2 = Department.objects.get(code="KV2")
    bd_editor = get_user_model().objects.get(pk=reform["BD"].users["editor"].pk)
    hcm_editor = get_user_model().objects.get(pk=reform["HCM"].users["editor"].pk)
    for user in (bd_editor, hcm_editor):
        assert set(visible_to(user, Page).values_list("pk", flat=True)) == set(
            kv2.pages().values_list("pk", flat=True)
        )
        assert set(visible_to(user, Question).values_list("pk", flat=True)) == set(
            Question.objects.filter(department=kv2).values_list("pk", flat=True)
        )
    for model, pks in hn_sees.items():
        assert set(visible_to(hn_editor, model).values_list("pk", flat=True)) == pks, model


def test_every_old_address_answers_301_to_the_same_page_on_the_new_host(reform):
    old = {code: sitemap_urls(HOSTS[code]) for code in ("HCM", "BD")}
    assert any("/en/" in url for url in old["BD"]) and any("/vi/" in url for url in old["BD"])
    titles = {url: title_of(get(url)) for urls in old.values() for url in urls}
    # The home pages answer with the region's new name; every other page keeps its title.
    homes = {url for url in titles if urlsplit(url).path in ("/vi/", "/en/")}
    run(merge_plan())
    for url, title in titles.items():
        response = get(url)
        assert response.status_code == 301, url
        location = response["Location"]
        assert urlsplit(location).netloc == "kv2.localhost", location
        arrived = get(location)
        assert arrived.status_code == 200, (url, location)
        if url in homes:
            assert title_of(arrived) in (KV2["name"], KV2["name_en"])
        else:
            assert title_of(arrived) == title, (url, location)


def test_sitemap_feed_tags_and_library_of_a_merged_department_redirect(reform):
    run(merge_plan())
    for path in (
        "/sitemap.xml",
        "/feeds/news/vi.xml",
        "/vi/tin-tuc/the/hai-quan/",
        "/robots.txt",
    ):
        response = Client().get(path, HTTP_HOST="binhduong.localhost")
        assert response.status_code == 301
        assert response["Location"] == f"http://kv2.localhost{path}"
        assert Client().get(path, HTTP_HOST="kv2.localhost").status_code == 200


def test_change_feed_reports_moved_pages(reform):
    article = Page.objects.get(title="Tin riêng của BD")
    run(merge_plan())
    kv2 = Department.objects.get(code="KV2")
    bd = Department.objects.get(code="BD")
    assert ChangeEvent.objects.filter(
        department=bd, object_id=article.pk, action="deleted"
    ).exists()
    assert ChangeEvent.objects.filter(
        department=kv2, object_id=article.pk, action="updated"
    ).exists()
    response = Client().get("/api/changes/?since=0", HTTP_HOST="kv2.localhost")
    assert response.status_code == 200
    assert article.pk in [item["id"] for item in response.json()["items"]]


def test_merge_as_subsection_keeps_the_old_unit_under_its_name(
    reform, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        run(merge_plan(sections="subsection"))
    assert callbacks, "the search index is refreshed after the commit"
    kv2 = Department.objects.get(code="KV2")
    news = NewsIndexPage.objects.child_of(kv2.site.root_page).get()
    unit = news.get_children().get(slug="cuc-hai-quan-tinh-binh-duong")
    assert unit.title == "Cục Hải quan tỉnh Bình Dương"
    assert unit.get_children().filter(title="Tin riêng của BD").exists()
    response = Client().get("/vi/tin-tuc/tin-rieng-cua-bd/", HTTP_HOST="binhduong.localhost")
    assert response.status_code == 301
    assert response["Location"] == (
        "http://kv2.localhost/vi/tin-tuc/cuc-hai-quan-tinh-binh-duong/tin-rieng-cua-bd/"
    )


# --- Rename --------------------------------------------------------------------------------------


def test_rename_changes_code_names_host_and_keeps_the_old_host_as_a_redirect(reform):
    before = counts()
    run({"steps": [{"rename": "HCM", **KV2}]})
    kv2 = Department.objects.get(code="KV2")
    assert not Department.objects.filter(code="HCM").exists()
    # The new names are published on the home page in both languages: two revisions, no page.
    assert counts() == {**before, "revisions": before["revisions"] + 2}
    assert kv2.site.hostname == "kv2.localhost"
    assert kv2.editors_group.name.startswith("KV2 – ")
    assert kv2.site.root_page.title == KV2["name"]
    english_home = kv2.home_pages().get(locale__language_code="en")
    assert english_home.title == KV2["name_en"]
    response = Client().get("/vi/tin-tuc/?page=2", HTTP_HOST="hcm.localhost")
    assert response.status_code == 301
    assert response["Location"] == "http://kv2.localhost/vi/tin-tuc/?page=2"


def test_api_on_an_old_hostname_redirects_and_keeps_the_method(reform):
    run({"steps": [{"rename": "HCM", **KV2}]})
    response = Client().get("/api/department/", HTTP_HOST="hcm.localhost")
    assert response.status_code == 301
    assert response["Location"] == "http://kv2.localhost/api/department/"
    posted = Client().post("/api/news/", data={}, HTTP_HOST="hcm.localhost")
    assert posted.status_code == 308


def test_a_plan_may_name_a_department_by_its_former_code(reform):
    run({"steps": [{"rename": "HCM", **KV2}]})
    run({"steps": [{"merge": ["BD"], "into": "HCM"}]})
    assert Department.objects.get(code="BD").merged_into.code == "KV2"


# --- Split ---------------------------------------------------------------------------------------


def test_split_moves_chosen_sections_to_a_new_department(reform):
    before = counts()
    article = Page.objects.get(title="Tin riêng của HCM")
    old_url = "/vi/tin-tuc/tin-rieng-cua-hcm/"
    assert Client().get(old_url, HTTP_HOST="hcm.localhost").status_code == 200
    run(
        {
            "steps": [
                {
                    "split": "HCM",
                    "sections": ["tin-tuc"],
                    "into": {
                        "code": "CL",
                        "name": "Chi cục Hải quan cửa khẩu cảng Sài Gòn",
                        "name_en": "Saigon Port Customs Branch",
                        "hostname": "catlai.localhost",
                    },
                }
            ]
        }
    )
    new = Department.objects.get(code="CL")
    assert new.pages().filter(pk=article.pk).exists()
    assert counts()["pages"] == before["pages"] + 2 * (1 + len(new.site.root_page.get_children()))
    response = Client().get(old_url, HTTP_HOST="hcm.localhost")
    assert response.status_code == 301
    assert response["Location"] == f"http://catlai.localhost{old_url}"
    assert get(response["Location"]).status_code == 200
    assert Department.objects.get(code="HCM").status == Department.Status.ACTIVE
    assert Client().get("/vi/gioi-thieu/", HTTP_HOST="hcm.localhost").status_code == 200


# --- One transaction, dry run, bad plans, idempotence -------------------------------------------


def test_a_failing_step_leaves_the_database_exactly_as_before(reform, monkeypatch):
    before = snapshot()

    def fail(*args, **kwargs):
        raise RestructureError("injected failure after the pages and media moved")

    monkeypatch.setattr(operations._Restructurer, "_move_rows", fail)
    with pytest.raises(RestructureError):
        run(merge_plan())
    assert snapshot() == before


def test_dry_run_reports_counts_collisions_and_redirects_and_changes_nothing(reform):
    before = snapshot()
    report = run(merge_plan(), dry_run=True)
    assert snapshot() == before
    assert report.counts["pages"] > 0 and report.counts["images"] == 1
    assert report.collision_count >= 2 and report.redirect_count >= 1
    assert report.lines()[0] == "Dry run: nothing was changed."


@pytest.mark.parametrize(
    ("steps", "problem"),
    [
        ([{"merge": ["XX"], "into": "HN"}], "step 1: unknown department XX"),
        (
            [{"merge": ["BD"], "into": "HN"}, {"merge": ["BD"], "into": "HCM"}],
            "step 2: BD is merged twice",
        ),
        (
            [{"rename": "HCM", **{**KV2, "hostname": "hanoi.localhost"}}],
            "step 1: the hostname hanoi.localhost is already taken by HN",
        ),
        ([{"rename": "HCM", **{**KV2, "code": "HN"}}], "step 1: the code HN is already taken"),
        ([{"split": "HCM", "sections": ["khong-co"], "into": KV2}], "step 1: HCM has no section"),
        ([{"merge": ["HN"], "into": "HN"}], "step 1: HN cannot be merged into itself"),
    ],
)
def test_bad_plans_are_refused_before_anything_changes(reform, steps, problem):
    before = snapshot()
    problems = check_plan(plan_from_data({"steps": steps}))
    assert any(line.startswith(problem) for line in problems), problems
    with pytest.raises(PlanError):
        run({"steps": steps})
    assert snapshot() == before


def test_command_refuses_a_bad_plan_with_one_line_per_problem(reform, tmp_path: Path):
    plan = tmp_path / "bad.json"
    plan.write_text(
        json.dumps({"steps": [{"merge": ["XX", "YY"], "into": "HN"}, {"rename": "ZZ"}]}),
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as error:
        call_command("restructure", "--plan", str(plan))
    assert str(error.value).splitlines() == ["step 2: “code” is required"]
    plan.write_text(json.dumps({"steps": [{"merge": ["XX", "YY"], "into": "HN"}]}))
    with pytest.raises(CommandError) as error:
        call_command("restructure", "--plan", str(plan))
    assert str(error.value).splitlines() == [
        "step 1: unknown department XX",
        "step 1: unknown department YY",
    ]


def test_running_a_finished_plan_again_changes_nothing(reform, tmp_path: Path, capsys):
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(merge_plan(), ensure_ascii=False), encoding="utf-8")
    call_command("restructure", "--plan", str(plan))
    after_first = snapshot()
    call_command("restructure", "--plan", str(plan), "--dry-run")
    report = run(merge_plan())
    assert snapshot() == after_first
    assert not report.steps and not sum(report.counts.values())
    out = capsys.readouterr().out
    assert "Nothing to do: the plan is carried out." in out


# --- The platform admins' screen -----------------------------------------------------------------


def test_restructure_screen_is_for_platform_admins_only(reform):
    client = Client()
    client.force_login(reform["HCM"].users["site_admin"])
    assert client.get("/admin/restructure/").status_code == 404
    assert client.post("/admin/restructure/", {"plan": "{}"}).status_code == 404


def test_platform_admin_previews_then_confirms_a_plan(reform, superuser):
    client = Client()
    client.force_login(superuser)
    assert client.get("/admin/restructure/").status_code == 200
    text = json.dumps({"steps": [{"merge": ["BD"], "into": "HCM"}]})
    before = snapshot()
    preview = client.post("/admin/restructure/", {"plan": text, "action": "preview"})
    assert preview.status_code == 200
    assert 'value="confirm"' in preview.content.decode()
    assert snapshot() == before
    refused = client.post(
        "/admin/restructure/", {"plan": '{"steps": [{"merge": ["XX"], "into": "HN"}]}'}
    )
    assert "bước 1: không có đơn vị XX" in refused.content.decode()
    assert 'value="confirm"' not in refused.content.decode()
    done = client.post("/admin/restructure/", {"plan": text, "action": "confirm"})
    assert done.status_code == 200
    assert Department.objects.get(code="BD").status == Department.Status.MERGED


def test_former_addresses_are_seen_by_their_department_only(reform, superuser):
    run({"steps": [{"rename": "HCM", **KV2}]})
    alias = DepartmentAlias.objects.get(hostname="hcm.localhost")
    kv2_admin = get_user_model().objects.get(pk=reform["HCM"].users["site_admin"].pk)
    hn_admin = reform["HN"].users["site_admin"]
    assert alias in visible_to(kv2_admin, DepartmentAlias)
    assert alias in visible_to(superuser, DepartmentAlias)
    assert not visible_to(hn_admin, DepartmentAlias).exists()


def test_site_search_finds_merged_pages_on_the_target_only(reform):
    from search.query import site_search

    run(merge_plan())
    kv2 = Department.objects.get(code="KV2")
    hn = Department.objects.get(code="HN")
    found = [page.title for page in site_search(kv2, "Tin riêng của BD", "vi").results]
    assert "Tin riêng của BD" in found
    assert "Tin riêng của BD" not in [
        page.title for page in site_search(hn, "Tin riêng của BD", "vi").results
    ]


def test_merge_adds_up_figures_of_the_same_month_and_keeps_the_targets_own_targets(reform):
    """Rows that collide on a unique constraint fold by the rule their app declares."""
    import datetime

    from cms.statistics.models import MonthlyFigure, Service, Target

    service = Service.objects.create(code="GH-QC", name="Gia hạn thời gian quá cảnh hàng hóa")
    january = datetime.date(2026, 1, 1)
    for code, online, late in (("HCM", 1200, 3), ("BD", 300, 1)):
        department = reform[code].department
        MonthlyFigure.objects.create(
            department=department,
            service=service,
            month=january,
            received_online=online,
            processed=online,
            on_time=online - late,
            late=late,
        )
        Target.objects.update_or_create(
            department=department, year=2026, defaults={"on_time_rate": 90 + late}
        )

    report = run(merge_plan())

    kv2 = Department.objects.get(code="KV2")
    (figure,) = MonthlyFigure.objects.filter(service=service, month=january)
    assert figure.department == kv2
    assert (figure.received_online, figure.on_time, figure.late) == (1500, 1496, 4)
    (target,) = Target.objects.filter(year=2026, department__code__in=["KV2", "BD"])
    assert target.department == kv2 and target.on_time_rate == 93  # HCM's (now KV2's) own
    assert any("yearly target" in line.lower() for line in report.collisions), report.collisions
