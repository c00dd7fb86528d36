"""What officers do to a question is in its history: answered, sent to Q&A, exported, erased.

The entries name the officer and the reference, never the asker's personal data.
"""

import datetime

from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import ModelLogEntry

from cms.consultation.models import Question
from cms.consultation.services import purge_expired_personal_data
from tests.cms.consultation.conftest import ask
from tests.cms.consultation.test_answer_flow import ANSWER, EDIT, PERSONAL, PUBLISH, edit_data

EXPORT = "wagtailsnippets_consultation_question:export"
ERASE = "wagtailsnippets_consultation_question:erase"


def entries(question: Question, prefix: str = "consultation."):
    return ModelLogEntry.objects.filter(
        object_id=str(question.pk), action__startswith=prefix, content_type__model="question"
    ).order_by("timestamp", "pk")


def message(entry, language: str) -> str:
    with translation.override(language):
        return str(ModelLogEntry.objects.get(pk=entry.pk).message)


def test_answering_publishing_exporting_and_erasing_are_logged_with_the_officer(desks):
    a = desks["HCM"]
    editor, moderator = a.users["editor"], a.users["moderator"]
    question = ask(a.department)

    answered = a.client("editor").post(
        reverse(EDIT, args=[question.pk]), edit_data(question, status="answered", answer=ANSWER)
    )
    assert answered.status_code == 302
    assert a.client("editor").post(reverse(PUBLISH, args=[question.pk])).status_code == 302
    assert a.client("moderator").get(reverse(EXPORT, args=[question.pk])).status_code == 200
    assert a.client("moderator").post(reverse(ERASE, args=[question.pk])).status_code == 302

    answer, publish, export, erase = entries(question)
    assert [answer.action, publish.action, export.action, erase.action] == [
        "consultation.answer",
        "consultation.publish",
        "consultation.export",
        "consultation.erase",
    ]
    assert [answer.user, publish.user, export.user, erase.user] == [
        editor,
        editor,
        moderator,
        moderator,
    ]
    question.refresh_from_db()
    assert publish.data == {"page_id": question.qa_page_id}
    assert erase.data == {"reason": "request"}
    assert message(erase, "en") == "Erased the asker's personal data (at the asker's request)"
    assert (
        message(erase, "vi") == "Đã xoá dữ liệu cá nhân của người hỏi (theo yêu cầu của người hỏi)"
    )
    assert message(answer, "vi") == "Đã trả lời câu hỏi"
    every = ModelLogEntry.objects.filter(object_id=str(question.pk), content_type__model="question")
    for entry in every:
        stored = f"{entry.label} {entry.data}"
        assert entry.label == question.reference
        assert not any(value in stored for value in PERSONAL), entry.action
    assert not entries(question).filter(user__in=desks["HN"].users.values()).exists()


def test_the_retention_purge_logs_its_reason_without_a_user(desks):
    question = ask(desks["HN"].department)
    Question.objects.filter(pk=question.pk).update(
        status=Question.Status.ANSWERED,
        received_at=timezone.now() - datetime.timedelta(days=800),
    )

    assert purge_expired_personal_data(days=365) == 1

    erase = entries(question).get()
    assert (erase.action, erase.user, erase.data) == (
        "consultation.erase",
        None,
        {"reason": "retention"},
    )
    assert message(erase, "en") == "Erased the asker's personal data (retention period over)"
