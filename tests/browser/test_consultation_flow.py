"""Issue #7 in a real browser: a trader asks department A on its site, A's officers (and only
they) see it, answer it, send it through moderation, and the answer is published on A's Q&A
page and in A's API without personal data; the asker is emailed and can look the status up."""

from __future__ import annotations

import json
import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from wagtail.models import WorkflowState

import pytest
from playwright.sync_api import expect

from cms.consultation.models import Question, QuestionAnswerPage
from cms.consultation.models.pages import qa_index_of
from sites.models import Department

ASKER = {
    "name": "Võ Thị Hồng Nhung",
    "organisation": "Công ty TNHH Nông sản Phương Nam",
    "tax_code": "0312345678",
    "email": "nhung.vo@phuongnam.vn",
    "phone": "028 3911 2233",
}
QUESTION = (
    "Doanh nghiệp xuất khẩu hạt điều sang Ấn Độ theo Hiệp định AIFTA thì xin C/O mẫu AI "
    "ở đâu và có được khai C/O điện tử không?"
)
ANSWER = "C/O mẫu AI do Bộ Công Thương cấp qua hệ thống eCoSys; doanh nghiệp khai số C/O điện tử."
TITLE = "Xin C/O mẫu AI cho hạt điều xuất khẩu"


def officer(code: str, role: str):
    department = Department.objects.get(code=code)
    user, _created = get_user_model().objects.get_or_create(username=f"qa-{role}-{code.lower()}")
    user.set_password("mat-khau-thu")
    user.save()
    user.groups.add(getattr(department, f"{role}s_group"))
    return user


def log_in(chromium, live_portal, username: str):
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(live_portal.origin("HCM") + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "mat-khau-thu")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))
    return context, page


@pytest.mark.usefixtures("browser_db")
def test_question_asked_on_a_site_is_answered_moderated_and_published(
    browser_page, chromium, live_portal, console_errors
):
    cache.clear()
    mail.outbox = []
    index_vi = qa_index_of(Department.objects.get(code="HCM"), "vi")
    index_path = index_vi.get_url_parts()[2]  # /vi/hoi-dap/ on HCM's own site
    ask_path = index_path + index_vi.reverse_subpage("ask")

    # 1. The trader asks on HCM's site, on a phone.
    page = browser_page("HCM", ask_path)
    for field, value in ASKER.items():
        page.fill(f"#id_{field}", value)
    page.select_option("#id_topic", "origin")
    page.fill("#id_question", QUESTION)
    page.check("#id_consent")
    page.click("form.qa-form button[type=submit]")
    reference = page.locator(".qa-reference").inner_text()
    assert re.fullmatch(r"HCM-\d{4}-\d{6}", reference)
    question = Question.objects.get(reference=reference)
    assert question.department.code == "HCM" and question.question == QUESTION
    assert [message.to for message in mail.outbox] == [[ASKER["email"]]]
    assert reference in mail.outbox[0].body

    # 2. HCM's editor sees it in the inbox; HN's editor does not, and cannot open it.
    inbox = reverse("wagtailsnippets_consultation_question:list")
    edit = reverse("wagtailsnippets_consultation_question:edit", args=[question.pk])
    hn_context, hn_admin = log_in(chromium, live_portal, officer("HN", "editor").username)
    hn_admin.goto(live_portal.origin("HCM") + inbox)
    assert reference not in hn_admin.content()
    assert hn_admin.goto(live_portal.origin("HCM") + edit).status == 404
    hn_context.close()

    context, admin = log_in(chromium, live_portal, officer("HCM", "editor").username)
    admin.goto(live_portal.origin("HCM") + inbox)
    assert reference in admin.locator("table.listing").inner_text()

    # 3. The editor writes the answer in the rich-text editor and marks it answered.
    admin.goto(live_portal.origin("HCM") + edit)
    admin.select_option("#id_status", "answered")
    editor = admin.locator(".Draftail-Editor .public-DraftEditor-content").first
    editor.wait_for()
    editor.click()
    admin.keyboard.type(ANSWER)
    expect(editor).to_contain_text("eCoSys")
    # Draftail writes its hidden input a moment after the last keystroke.
    expect(admin.locator("input[name=answer]")).to_have_value(re.compile("eCoSys"))
    with admin.expect_navigation():
        admin.click("button.action-save")
    errors = admin.locator(".error-message").all_inner_texts()
    assert errors == []
    question.refresh_from_db()
    assert question.status == Question.Status.ANSWERED
    assert "eCoSys" in mail.outbox[-1].body and reference in mail.outbox[-1].subject

    # 4. "Publish as Q&A" makes a page without personal data and sends it to moderation.
    admin.goto(
        live_portal.origin("HCM")
        + reverse("wagtailsnippets_consultation_question:publish", args=[question.pk])
    )
    admin.fill("#id_title", TITLE)
    admin.locator("main form button[type=submit]").click()
    admin.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    context.close()
    answer_page = QuestionAnswerPage.objects.get(title=TITLE)
    assert not answer_page.live
    state = WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(answer_page.pk)
    )

    # 5. HCM's moderator approves it (Wagtail's workflow action).
    moderator = Client()
    moderator.force_login(officer("HCM", "moderator"))
    moderator.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[answer_page.pk, "approve", state.current_task_state.pk],
        ),
        {"comment": ""},
    )
    answer_page.refresh_from_db()
    assert answer_page.live

    # 6. The answer is on HCM's Q&A page and in HCM's API, with no personal data.
    listing = browser_page("HCM", index_path)
    assert TITLE in listing.locator("main").inner_text()
    listing.click(f"text={TITLE}")
    article = listing.locator("main").inner_text()
    assert "eCoSys" in article
    # Fetched by the page, not opened: a JSON document makes Chromium ask for /favicon.ico.
    body = listing.evaluate("async () => (await fetch('/api/questions/')).json()")
    assert TITLE in [item["title"] for item in body["items"]]
    for shown in (listing.content(), json.dumps(body, ensure_ascii=False)):
        for personal in ASKER.values():
            assert personal not in shown
    other = Client().get("/api/questions/", HTTP_HOST=live_portal.hostnames["HN"]).json()
    assert TITLE not in [item["title"] for item in other["items"]]

    # 7. The asker looks the status up with the reference and the email.
    status_path = index_path + index_vi.reverse_subpage("status")
    lookup = browser_page("HCM", status_path)
    lookup.fill("#id_reference", reference)
    lookup.fill("#id_email", ASKER["email"])
    lookup.click("form.qa-form button[type=submit]")
    assert lookup.locator(".qa-status__value").inner_text() == "Đã công bố"
    assert "eCoSys" in lookup.locator(".qa-status").inner_text()
    assert console_errors == [], "\n".join(console_errors)
