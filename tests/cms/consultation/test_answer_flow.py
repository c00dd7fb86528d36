"""From the inbox to the public Q&A: answer, email, moderation, publication without personal data."""

import json

from django.core import mail
from django.test import Client
from django.urls import reverse

from wagtail.models import WorkflowState

from cms.consultation.models import Question, QuestionAnswerPage
from tests.cms.consultation.conftest import ask

INBOX = "wagtailsnippets_consultation_question:list"
EDIT = "wagtailsnippets_consultation_question:edit"
PUBLISH = "wagtailsnippets_consultation_question:publish"
ANSWER = "<p>Theo Điều 14 Nghị định 134/2016/NĐ-CP, hàng hóa nhập khẩu tạo tài sản cố định được miễn thuế.</p>"
PERSONAL = ("Nguyễn Văn An", "an.nguyen@congty.vn", "0301234567", "028 3829 1234", "Sài Gòn")


def contentstate(html: str) -> str:
    """The Draftail editor's JSON for one paragraph (what the admin form posts)."""
    text = html.replace("<p>", "").replace("</p>", "")
    blocks = [
        {
            "key": "a1",
            "type": "unstyled",
            "depth": 0,
            "text": text,
            "inlineStyleRanges": [],
            "entityRanges": [],
        }
    ]
    return json.dumps({"blocks": blocks if text else [], "entityMap": {}})


def edit_data(question: Question, **fields) -> dict:
    data = {
        "status": question.status,
        "assignee": question.assignee_id or "",
        "duplicate_of": "",
        "topic_category": question.topic_category,
        "topic_procedure": "",
        "answer": "",
        "asker_name": question.asker_name,
        "organisation": question.organisation,
        "email": question.email,
        "phone": question.phone,
        "tax_code": question.tax_code,
    }
    data.update(fields)
    data["answer"] = contentstate(data["answer"])
    return data


def test_a_question_appears_in_its_departments_inbox_only(desks):
    question = ask(desks["HCM"].department)
    for role in ("editor", "moderator", "site_admin"):
        own = desks["HCM"].client(role).get(reverse(INBOX))
        other = desks["HN"].client(role).get(reverse(INBOX))
        assert own.status_code == 200 and question.reference in own.content.decode()
        assert other.status_code == 200
        assert question.reference not in other.content.decode()
        assert "Nguyễn Văn An" not in other.content.decode()


def test_overdue_questions_stand_out_and_filter(desks):
    a = desks["HCM"]
    late = ask(a.department)
    Question.objects.filter(pk=late.pk).update(due_on="2020-01-06")
    on_time = ask(a.department, email="khac@congty.vn")
    client = a.client("editor")
    listing = client.get(reverse(INBOX)).content.decode()
    assert 'class="consultation-overdue"' in listing
    overdue_only = client.get(reverse(INBOX), {"overdue": "true"}).content.decode()
    assert late.reference in overdue_only and on_time.reference not in overdue_only


def test_assignee_must_be_an_officer_of_the_department(desks):
    a, b = desks["HCM"], desks["HN"]
    question = ask(a.department)
    client = a.client("editor")
    refused = client.post(
        reverse(EDIT, args=[question.pk]), edit_data(question, assignee=b.users["editor"].pk)
    )
    assert refused.status_code == 200
    assert "assignee" in refused.context["form"].errors
    accepted = client.post(
        reverse(EDIT, args=[question.pk]), edit_data(question, assignee=a.users["editor"].pk)
    )
    assert accepted.status_code == 302
    question.refresh_from_db()
    assert question.assignee == a.users["editor"]
    assert question.status == Question.Status.ASSIGNED


def test_answer_is_emailed_once_moderated_and_published_without_personal_data(desks):
    a, b = desks["HCM"], desks["HN"]
    question = ask(a.department)
    mail.outbox.clear()
    editor = a.client("editor")

    response = editor.post(
        reverse(EDIT, args=[question.pk]), edit_data(question, status="answered", answer=ANSWER)
    )
    assert response.status_code == 302, response.context["form"].errors
    question.refresh_from_db()
    assert question.status == Question.Status.ANSWERED and question.answered_at
    assert len(mail.outbox) == 1
    assert question.reference in mail.outbox[0].subject
    assert "Nghị định 134/2016/NĐ-CP" in mail.outbox[0].body
    editor.post(reverse(EDIT, args=[question.pk]), edit_data(question, answer=ANSWER))
    assert len(mail.outbox) == 1  # saved again: not emailed twice

    created = editor.post(
        reverse(PUBLISH, args=[question.pk]), {"title": "Miễn thuế tài sản cố định"}
    )
    page = QuestionAnswerPage.objects.get()
    assert created.status_code == 302
    assert not page.live
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow == a.department.workflow

    public = Client()
    listing = a.qa_index().url
    assert "Miễn thuế tài sản cố định" not in public.get(listing, HTTP_HOST=a.host).content.decode()

    # The department's moderator approves the page in Wagtail's workflow.
    task_state = state.current_task_state
    moderator = a.client("moderator")
    approved = moderator.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": ""},
    )
    assert approved.status_code in (200, 302)
    page.refresh_from_db()
    question.refresh_from_db()
    assert page.live
    assert question.status == Question.Status.PUBLISHED

    content = public.get(listing, HTTP_HOST=a.host).content.decode()
    assert "Miễn thuế tài sản cố định" in content
    detail = public.get(page.url, HTTP_HOST=a.host).content.decode()
    assert "Nghị định 134/2016/NĐ-CP" in detail
    api = public.get("/api/questions/", HTTP_HOST=a.host).content.decode()
    assert "Miễn thuế tài sản cố định" in api
    for personal in PERSONAL:
        for body in (content, detail, api):
            assert personal not in body
    assert question.reference not in detail and question.reference not in api

    other_site = public.get(b.qa_index().url, HTTP_HOST=b.host).content.decode()
    other_api = public.get("/api/questions/", HTTP_HOST=b.host).json()
    assert "Miễn thuế tài sản cố định" not in other_site
    assert other_api["items"] == []


def test_publishing_needs_consent(desks):
    a = desks["HCM"]
    question = ask(a.department, consent_to_publish=False, answer="<p>Có.</p>")
    Question.objects.filter(pk=question.pk).update(status="answered", answer="<p>Có.</p>")
    response = a.client("editor").post(reverse(PUBLISH, args=[question.pk]), follow=True)
    assert "không đồng ý công bố" in response.content.decode()
    assert not QuestionAnswerPage.objects.exists()


def test_national_guidance_from_hq_shows_on_every_site(desks, department):
    from cms.consultation.models import QAIndexPage
    from tests.conftest import add_page

    hq = department("HQ")
    index = QAIndexPage.objects.child_of(hq.site.root_page).get()
    add_page(
        index,
        QuestionAnswerPage,
        title="Hướng dẫn chung về mã số hàng hóa",
        question="Tra cứu mã HS ở đâu?",
        topic_category="valuation",
        answer="<p>Tại Biểu thuế xuất nhập khẩu.</p>",
        national_guidance=True,
    )
    a = desks["HCM"]
    content = Client().get(a.qa_index().url, HTTP_HOST=a.host).content.decode()
    assert "Hướng dẫn chung về mã số hàng hóa" in content
    assert "Hướng dẫn toàn quốc" in content
