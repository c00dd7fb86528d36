"""What happens to a question: it is received, numbered, answered, published, erased, counted."""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.log_actions import LogActionRegistry, log

from cms.consultation.models import Question, QuestionAnswerPage, ReferenceCounter
from cms.consultation.models.pages import qa_index_of
from cms.core.tasks import send_email
from cms.library.models import Procedure
from sites.audit import register_data_action
from sites.models import Department


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """`days` working days after `start`, Saturdays and Sundays skipped."""
    current = start
    remaining = max(days, 0)
    while remaining:
        current += datetime.timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current


def due_date(received_at: datetime.datetime) -> datetime.date:
    received_on = timezone.localdate(received_at)
    return add_working_days(received_on, settings.CONSULTATION_SLA_WORKING_DAYS)


def next_reference(department: Department, year: int) -> str:
    """`HCM-2026-000123`: the department's next number in `year`, never given twice.

    The counter row is locked (SELECT … FOR UPDATE on PostgreSQL; SQLite serialises
    writers) for the rest of the caller's transaction, so concurrent askers wait in turn.
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                ReferenceCounter.objects.get_or_create(department=department, year=year)
        except IntegrityError:  # another request made the row first; it exists now
            pass
        counter = ReferenceCounter.objects.select_for_update().get(department=department, year=year)
        counter.last += 1
        counter.save(update_fields=["last"])
    return f"{department.code}-{year}-{counter.last:06d}"


@dataclass
class Submission:
    """A question as the asker sent it (validated by the form or the API)."""

    asker_name: str
    email: str
    question: str
    language: str
    topic_category: str
    topic_procedure: Procedure | None = None
    organisation: str = ""
    tax_code: str = ""
    phone: str = ""
    consent_to_publish: bool = False


def receive_question(department: Department, submission: Submission) -> Question:
    """Store the question with its reference and due date, then email the asker the reference."""
    now = timezone.now()
    with transaction.atomic():
        question = Question(
            department=department,
            received_at=now,
            asker_name=submission.asker_name,
            organisation=submission.organisation,
            tax_code=submission.tax_code,
            email=submission.email,
            phone=submission.phone,
            topic_category=submission.topic_category,
            topic_procedure=submission.topic_procedure,
            question=submission.question,
            language=submission.language,
            consent_to_publish=submission.consent_to_publish,
        )
        question.save()
    # Requests run outside transactions, so the question is committed by now.
    send_receipt(question)
    return question


def _send(question: Question, template: str, subject: str, context: dict) -> None:
    with translation.override(question.language):
        body = render_to_string(
            template,
            {
                "question": question,
                "department_name": question.department.localized_name(question.language),
                **context,
            },
        )
        # Sent by the task worker (TASKS_BACKEND), not in the asker's request.
        send_email.enqueue(str(subject), body, [question.email])


def send_receipt(question: Question) -> None:
    """In the question's language: the reference number and the due date."""
    if not question.email:
        return
    with translation.override(question.language):
        subject = _("Your question %(reference)s has been received") % {
            "reference": question.reference
        }
    _send(question, "consultation/email/received.txt", subject, {})


def send_answer(question: Question) -> None:
    """In the question's language: the answer, as text."""
    if not question.email:
        return
    with translation.override(question.language):
        subject = _("Your question %(reference)s has been answered") % {
            "reference": question.reference
        }
    _send(
        question,
        "consultation/email/answered.txt",
        subject,
        {"answer_text": strip_tags(question.answer).strip()},
    )
    Question.objects.filter(pk=question.pk).update(answer_emailed_at=timezone.now())


def record_answer(question: Question) -> None:
    """Called after an officer saves a question: date the answer and email it once."""
    if question.status not in (Question.Status.ANSWERED, Question.Status.PUBLISHED):
        return
    if question.answered_at is None:
        question.answered_at = timezone.now()
        Question.objects.filter(pk=question.pk).update(answered_at=question.answered_at)
        log(instance=question, action="consultation.answer")
    if question.answer_emailed_at is None:
        send_answer(question)


class CannotPublish(Exception):
    """The question cannot become a public Q&A item; the message says why."""


def publish_as_answer_page(question: Question, user, title: str = "") -> QuestionAnswerPage:
    """A draft Q&A page from an answered question, without personal data, sent to moderation.

    The page goes under the department's Q&A section in the question's language and
    enters the department's workflow; it is live once a moderator approves it, and
    `on_answer_page_published` then marks the question published.
    """
    if question.status not in (Question.Status.ANSWERED, Question.Status.PUBLISHED):
        raise CannotPublish(_("Only an answered question can be published."))
    if not question.consent_to_publish:
        raise CannotPublish(_("The asker did not agree to publication."))
    if question.qa_page_id is not None:
        raise CannotPublish(_("This question already has a public Q&A page."))
    if question.personal_data_erased_at is not None:
        raise CannotPublish(_("The question text was erased with the asker's personal data."))
    index = qa_index_of(question.department, question.language)
    if index is None:
        raise CannotPublish(_("The department has no Q&A section in this language."))
    with transaction.atomic():
        page = QuestionAnswerPage(
            title=title or Truncator(question.question).words(12),
            question=question.question,
            topic_category=question.topic_category,
            topic_procedure=question.topic_procedure,
            answer=question.answer,
            asked_on=timezone.localdate(question.received_at),
            answered_on=timezone.localdate(question.answered_at or timezone.now()),
            live=False,
        )
        index.add_child(instance=page)
        revision = page.save_revision(user=user, log_action=True)
        workflow = page.get_workflow()
        if workflow is not None:
            workflow.start(page, user)
        else:  # no moderation configured: publishing stays an explicit editor action
            revision.save()
        Question.objects.filter(pk=question.pk).update(qa_page=page)
        question.qa_page = page
        log(
            instance=question,
            action="consultation.publish",
            user=user,
            data={"page_id": page.pk},
        )
    return page


def erase_asker(email: str, departments=None) -> int:
    """Erase the personal data of every question sent from `email`; how many were erased."""
    questions = Question.objects.of_asker(email)
    if departments is not None:
        questions = questions.filter(department__in=departments)
    return sum(1 for question in questions if question.erase_personal_data())


def export_asker(email: str, departments=None) -> list[dict]:
    questions = Question.objects.of_asker(email).select_related("department", "topic_procedure")
    if departments is not None:
        questions = questions.filter(department__in=departments)
    records = []
    for question in questions.order_by("received_at"):
        records.append(question.personal_data())
        log(instance=question, action="consultation.export")
    return records


def register_log_actions(actions: LogActionRegistry) -> None:
    """What officers (and the retention purge) do to a question, in its history and the
    department's Site history. Entries carry the reference only, never the asker's data."""
    register_data_action(
        actions,
        "consultation.answer",
        gettext_lazy("Answer a question"),
        gettext_lazy("Answered the question"),
    )
    register_data_action(
        actions,
        "consultation.publish",
        gettext_lazy("Publish a question as Q&A"),
        gettext_lazy("Sent to moderation as Q&A page %(page_id)s"),
    )
    register_data_action(
        actions,
        "consultation.export",
        gettext_lazy("Export an asker's personal data"),
        gettext_lazy("Exported the asker's personal data"),
    )
    register_data_action(
        actions,
        "consultation.erase",
        gettext_lazy("Erase an asker's personal data"),
        gettext_lazy("Erased the asker's personal data (%(reason)s)"),
        {
            "reason": {
                "request": gettext_lazy("at the asker's request"),
                "retention": gettext_lazy("retention period over"),
            }
        },
    )


def purge_expired_personal_data(days: int, now: datetime.datetime | None = None) -> int:
    """Erase personal data of closed questions received more than `days` days ago."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    expired = Question.objects.closed().filter(
        received_at__lt=cutoff, personal_data_erased_at__isnull=True
    )
    return sum(
        1 for question in expired.iterator() if question.erase_personal_data(reason="retention")
    )


@dataclass
class Figures:
    department: Department
    received: int
    answered: int
    open: int
    overdue: int
    median_hours_to_answer: float | None

    def as_dict(self) -> dict:
        return {
            "department": self.department.code,
            "received": self.received,
            "answered": self.answered,
            "open": self.open,
            "overdue": self.overdue,
            "median_hours_to_answer": self.median_hours_to_answer,
        }


def figures(department: Department, since: datetime.datetime | None = None) -> Figures:
    """Received, answered, open and overdue questions and the median time to answer."""
    questions = Question.objects.filter(department=department)
    if since is not None:
        questions = questions.filter(received_at__gte=since)
    durations = [
        (answered - received).total_seconds() / 3600
        for received, answered in questions.filter(answered_at__isnull=False).values_list(
            "received_at", "answered_at"
        )
        if answered is not None  # as the filter says, for the type checker
    ]
    return Figures(
        department=department,
        received=questions.count(),
        answered=len(durations),
        open=questions.open().count(),
        overdue=questions.overdue().count(),
        median_hours_to_answer=round(statistics.median(durations), 1) if durations else None,
    )
