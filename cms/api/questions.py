"""`/api/questions/`: ask the department a question, follow it, read published answers, figures.

Every answer is scoped by the Host's department (the request scope); no response ever holds
an asker's name, organisation, email, phone or tax code, except the status lookup, which
needs the asker's own reference and email and returns neither. The consultation app
(`cms.consultation`) knows nothing of the API: its forms validate what this module parses.
"""

from __future__ import annotations

import datetime
from typing import Annotated

from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation

from wagtail.rich_text import expand_db_html

from pydantic import StrictBool, StrictStr

from cms.consultation import ratelimit
from cms.consultation.forms import QuestionForm, StatusLookupForm
from cms.consultation.models import Question, QuestionAnswerPage
from cms.consultation.models.questions import (
    EMAIL_MAX,
    NAME_MAX,
    ORGANISATION_MAX,
    PHONE_MAX,
    QUESTION_MAX,
    QUESTION_MIN,
)
from cms.consultation.services import figures, receive_question
from cms.library.models import Procedure

from .fields import OneOf, Paged, Words
from .http import ApiError, Body, Digits, Endpoint, Field, Query, Schema
from .scope import Language, Scope

MAX_BODY_BYTES = 32 * 1024
FIGURES_DAYS_DEFAULT = 365
# Something other than white space (what Django's CharField strips).
NOT_BLANK = "[^\\s\\x1c-\\x1f]"
Topic = Annotated[str, OneOf(Procedure.Category.values)]
QuestionStatusValue = Annotated[str, OneOf(Question.Status.values)]


def too_many() -> ApiError:
    return ApiError(
        "too many requests from this client or email address; earlier questions are kept, "
        "try again later",
        status=429,
        headers={"Retry-After": str(settings.CONSULTATION_RATE_LIMIT_WINDOW)},
    )


def form_error(form: QuestionForm | StatusLookupForm) -> ApiError:
    """The form's first error as a 400 naming its field."""
    field, messages = next(iter(form.errors.items()))
    return ApiError(" ".join(str(message) for message in messages), parameter=field)


# --- ask ------------------------------------------------------------------------------------------


class NewQuestion(Body):
    """A question for this site's department. Text is read without leading and trailing
    spaces; the consultation app's form checks the email address, tax code, phone and topic
    (a library category, or the code of a live procedure)."""

    name: StrictStr = Field(min_length=1, max_length=NAME_MAX, pattern=NOT_BLANK)
    organisation: StrictStr = Field("", max_length=ORGANISATION_MAX)
    tax_code: StrictStr = Field(
        "", pattern="^(?:[0-9]{10}|[0-9]{13})?$", description="10 or 13 digits."
    )
    email: StrictStr = Field(max_length=EMAIL_MAX, json_schema_extra={"format": "email"})
    phone: StrictStr = Field(
        "", max_length=PHONE_MAX, pattern="^(?:\\+?[0-9][0-9 .\\-]{6,18}[0-9])?$"
    )
    topic: StrictStr = Field(
        max_length=40,
        json_schema_extra={"enum": list(Procedure.Category.values)},
        description="A library category (the code of a live procedure is also accepted).",
    )
    question: StrictStr = Field(
        min_length=QUESTION_MIN,
        max_length=QUESTION_MAX,
        # At least QUESTION_MIN characters once leading and trailing spaces go.
        pattern=f"{NOT_BLANK}[\\s\\S]{{{QUESTION_MIN - 2},}}{NOT_BLANK}",
    )
    language: Language | None = Field(
        None, description="Language of the answer; default: the request's."
    )
    consent: StrictBool = Field(False, description="Consent to publish it anonymised.")


class QuestionReceipt(Schema):
    reference: str = Field(description="The reference number, e.g. HCM-2026-000123.")
    status: QuestionStatusValue
    received_at: datetime.datetime
    due_on: datetime.date = Field(description="When an answer is due.")


class AnswerQuery(Paged):
    locale: Language | None = Field(
        None, description="Language of the answers; default from Accept-Language, then vi."
    )
    topic: Topic | None = Field(None, description="Library category.")
    search: Words = Field("", description="Words to find (full text).")


class AnswerTopic(Schema):
    value: str = Field(description="A library category or a procedure's code.")
    label: str


class Answer(Schema):
    """A published answer (no personal data)."""

    id: int
    title: str
    locale: Language
    question: str = Field(description="Plain text.")
    topic: AnswerTopic
    answer: str = Field(description="HTML.")
    asked_on: datetime.date
    answered_on: datetime.date
    national_guidance: bool = Field(description="National guidance, shown on every site.")
    html_url: str | None
    detail_url: str = Field(description="The answer's page in this API.")


class AnswerMeta(Schema):
    total_count: int
    locale: Language


class AnswerListing(Schema):
    meta: AnswerMeta
    items: list[Answer]


questions = Endpoint("/api/questions/", name="questions")


@questions.get(
    summary="Published answers of this site and national guidance",
    description=(
        "The department's published answers and national guidance in the language, national "
        "guidance first, then the newest; filtered by topic and words. No personal data."
    ),
    tag="questions",
    query=AnswerQuery,
    response=AnswerListing,
)
def published_answers(scope: Scope, query: AnswerQuery) -> dict:
    answers = (
        QuestionAnswerPage.objects.live()
        .public()
        .filter(locale__language_code=scope.language)
        .filter(Q(pk__in=scope.pages().values("pk")) | Q(national_guidance=True))
        .select_related("locale", "topic_procedure")
        .order_by("-national_guidance", "-answered_on", "-pk")
    )
    if query.topic is not None:
        answers = answers.filter(topic_category=query.topic)
    words = query.search
    items: list[QuestionAnswerPage]
    if words:
        allowed = set(answers.values_list("pk", flat=True))
        found = [
            page for page in QuestionAnswerPage.objects.live().search(words) if page.pk in allowed
        ]
        total, items = len(found), found[query.offset : query.offset + query.limit]
    else:
        total = answers.count()
        items = list(answers[query.offset : query.offset + query.limit]) if query.limit else []
    return {
        "meta": {"total_count": total, "locale": scope.language},
        "items": [answer_data(scope, page) for page in items],
    }


def answer_data(scope: Scope, page: QuestionAnswerPage) -> dict:
    return {
        "id": page.pk,
        "title": page.title,
        "locale": page.locale.language_code,
        "question": page.question,
        "topic": {"value": page.topic_value, "label": page.topic_label},
        "answer": expand_db_html(page.answer),
        "asked_on": page.asked_on.isoformat(),
        "answered_on": page.answered_on.isoformat(),
        "national_guidance": page.national_guidance,
        "html_url": page.get_full_url(scope.request),
        "detail_url": scope.absolute(f"/api/pages/{page.pk}/"),
    }


@questions.post(
    summary="Ask this site's department a question",
    description=(
        "Receives a question for the department whose site the Host names and answers its "
        "reference number, with which the asker follows it (`/api/questions/status/`). "
        "Questions are limited per client address and per email address (429)."
    ),
    tag="questions",
    body=NewQuestion,
    max_bytes=MAX_BODY_BYTES,
    response=QuestionReceipt,
    status=201,
    errors=(400, 404, 413, 415, 429),
    operation_id="askQuestion",
)
def ask(scope: Scope, query: Query, body: NewQuestion) -> dict:
    if not ratelimit.address_allowed(scope.request):
        raise too_many()
    language = body.language or scope.language
    data = {**body.model_dump(), "language": language}
    with translation.override(language):
        form = QuestionForm(data, language=language)
        if not form.is_valid():
            raise form_error(form)
    if not ratelimit.email_allowed(form.cleaned_data["email"]):
        raise too_many()
    question = receive_question(scope.department, form.submission())
    return {
        "reference": question.reference,
        "status": question.status,
        "received_at": question.received_at.isoformat(),
        "due_on": question.due_on.isoformat(),
    }


# --- status ---------------------------------------------------------------------------------------


class StatusQuery(Query):
    reference: StrictStr = Field(
        min_length=1,
        max_length=32,
        pattern=NOT_BLANK,
        description="The reference number, e.g. HCM-2026-000123.",
    )
    email: StrictStr = Field(
        max_length=EMAIL_MAX,
        json_schema_extra={"format": "email"},
        description="The email address the question was sent from.",
    )


class QuestionStatus(Schema):
    reference: str
    status: QuestionStatusValue
    received_at: datetime.datetime
    due_on: datetime.date
    answered_at: datetime.datetime | None
    answer: str | None = Field(description="HTML, once answered.")


question_status = Endpoint("/api/questions/status/", name="question_status")


@question_status.get(
    summary="Status of one question, by its reference and the asker's email",
    description=(
        "Where the asker's question stands and, once answered, the answer. Needs the "
        "reference and the email address it was sent from; returns neither the question "
        "nor any personal data. Lookups are limited per client address (429); never cached."
    ),
    tag="questions",
    query=StatusQuery,
    response=QuestionStatus,
    errors=(400, 404, 429),
    cache=False,
    operation_id="questionStatus",
)
def status(scope: Scope, query: StatusQuery) -> dict:
    if not ratelimit.address_allowed(scope.request, kind="status"):
        raise too_many()
    form = StatusLookupForm({"reference": query.reference, "email": query.email})
    if not form.is_valid():
        raise form_error(form)
    question = form.find(scope.department)
    if question is None:
        raise ApiError("no question with this reference and email", status=404)
    answered_at = question.answered_at
    return {
        "reference": question.reference,
        "status": question.status,
        "received_at": question.received_at.isoformat(),
        "due_on": question.due_on.isoformat(),
        "answered_at": answered_at.isoformat() if answered_at else None,
        "answer": expand_db_html(question.answer) if answered_at else None,
    }


# --- figures --------------------------------------------------------------------------------------


class FiguresQuery(Query):
    days: Digits = Field(
        FIGURES_DAYS_DEFAULT, ge=1, le=3650, description="The period, in days up to today."
    )


class QuestionFigures(Schema):
    """The department's aggregates: no question, no person."""

    department: str = Field(description="The department's code.")
    received: int
    answered: int
    open: int
    overdue: int
    median_hours_to_answer: float | None
    days: int


question_figures = Endpoint("/api/questions/figures/", name="question_figures")


@question_figures.get(
    summary="Received, answered, open and overdue questions; median time to answer",
    description="This site's department's consultation figures over the last `days` days.",
    tag="questions",
    query=FiguresQuery,
    response=QuestionFigures,
    operation_id="questionFigures",
)
def figures_view(scope: Scope, query: FiguresQuery) -> dict:
    since = timezone.now() - datetime.timedelta(days=query.days)
    return {**figures(scope.department, since=since).as_dict(), "days": query.days}
