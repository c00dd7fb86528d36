"""Questions in the public API: ask, look up a status, read published answers and figures.

Mounted by `cms.api.urls`; the OpenAPI paths below join `cms.api.openapi`. Every
answer is scoped by the Host's department (`cms.api.scope`); no response ever
holds an asker's name, organisation, email, phone or tax code, except the status
lookup, which needs the asker's own reference and email and returns neither.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt

from wagtail.models import Locale
from wagtail.rich_text import expand_db_html

from cms.api import scope
from cms.api.body import json_object
from cms.api.cache import cached_api
from cms.api.errors import READ_METHODS, ApiError, allowed_methods, method_not_allowed, problem
from cms.api.languages import language_codes, requested_language
from cms.api.resources import LIMIT_DEFAULT, LIMIT_MAX, api_endpoint, int_parameter
from cms.consultation import ratelimit
from cms.consultation.forms import QuestionForm, StatusLookupForm
from cms.consultation.models import QuestionAnswerPage
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

MAX_BODY_BYTES = 32 * 1024
# Something other than white space (what Django's CharField strips).
NOT_BLANK = "[^\\s\\x1c-\\x1f]"
STRING_FIELDS = (
    "name",
    "organisation",
    "tax_code",
    "email",
    "phone",
    "topic",
    "question",
    "language",
)
BODY_FIELDS = (*STRING_FIELDS, "consent")
FIGURES_DAYS_DEFAULT = 365


def _json(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def too_many(request: HttpRequest) -> JsonResponse:
    response = problem(
        429,
        "too many requests from this client or email address; earlier questions are kept, "
        "try again later",
        instance=request.path,
    )
    response["Retry-After"] = str(settings.CONSULTATION_RATE_LIMIT_WINDOW)
    return response


def _body(request: HttpRequest) -> dict:
    body = json_object(request, MAX_BODY_BYTES)
    unknown = sorted(set(body) - set(BODY_FIELDS))
    if unknown:
        raise ApiError("unknown field", parameter=", ".join(unknown))
    for name in STRING_FIELDS:
        if name in body and not isinstance(body[name], str):
            raise ApiError("must be a string", parameter=name)
    if "consent" in body and not isinstance(body["consent"], bool):
        raise ApiError("must be true or false", parameter="consent")
    return body


def create_question(request: HttpRequest) -> JsonResponse:
    """`POST /api/questions/`: 201 with the reference; 400 naming the field; 429 past the limit."""
    department = scope.department_for(request)
    if not ratelimit.address_allowed(request):
        return too_many(request)
    body = _body(request)
    language = body.get("language") or requested_language(request)
    data = {**body, "language": language, "consent": body.get("consent", False)}
    with translation.override(language if language in language_codes() else None):
        form = QuestionForm(data, language=language)
        if not form.is_valid():
            field, messages = next(iter(form.errors.items()))
            return problem(
                400, " ".join(str(m) for m in messages), parameter=field, instance=request.path
            )
    if not ratelimit.email_allowed(form.cleaned_data["email"]):
        return too_many(request)
    question = receive_question(department, form.submission())
    response = _json(
        {
            "reference": question.reference,
            "status": question.status,
            "received_at": question.received_at.isoformat(),
            "due_on": question.due_on.isoformat(),
        },
        status=201,
    )
    response["Cache-Control"] = "no-store"
    return response


def answer_data(request: HttpRequest, page: QuestionAnswerPage) -> dict:
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
        "html_url": page.get_full_url(request),
        "detail_url": request.build_absolute_uri(f"/api/pages/{page.pk}/"),
    }


@api_endpoint({"locale", "topic", "search", "limit", "offset"})
def published_answers(request: HttpRequest) -> JsonResponse:
    """`GET /api/questions/`: the department's published answers and national guidance."""
    department = scope.department_for(request)
    language = requested_language(request)
    limit = int_parameter(request, "limit", LIMIT_DEFAULT, LIMIT_MAX)
    offset = int_parameter(request, "offset", 0)
    locale = Locale.objects.filter(language_code=language).first()
    own = scope.public_pages(department).type(QuestionAnswerPage).values("pk")
    answers = (
        QuestionAnswerPage.objects.live()
        .public()
        .filter(locale=locale)
        .filter(Q(pk__in=own) | Q(national_guidance=True))
        .select_related("locale", "topic_procedure")
        .order_by("-national_guidance", "-answered_on", "-pk")
    )
    topic = request.GET.get("topic")
    if topic is not None:
        if topic not in Procedure.Category.values:
            raise ApiError(
                f"must be one of: {', '.join(Procedure.Category.values)}", parameter="topic"
            )
        answers = answers.filter(topic_category=topic)
    query = request.GET.get("search", "").strip()
    if len(query) > 200:
        raise ApiError("is longer than 200 characters", parameter="search")
    if query:
        allowed = set(answers.values_list("pk", flat=True))
        hits = [
            page for page in QuestionAnswerPage.objects.live().search(query) if page.pk in allowed
        ]
    else:
        hits = answers
    total = len(hits) if isinstance(hits, list) else hits.count()
    items = hits[offset : offset + limit]
    return _json(
        {
            "meta": {"total_count": total, "locale": language},
            "items": [answer_data(request, page) for page in items],
        }
    )


@csrf_exempt
def questions(request: HttpRequest) -> HttpResponse:
    """One URL, two methods: POST asks (never cached), GET reads (cached like the rest)."""
    allowed = (*READ_METHODS, "POST")
    if request.method not in allowed:
        return method_not_allowed(request, allowed)
    if request.method == "OPTIONS":
        return allowed_methods(allowed)
    if request.method == "POST":
        try:
            return create_question(request)
        except ApiError as error:
            return problem(error.status, error.detail, error.parameter, request.path)
        except Http404:
            return problem(404, "not found", instance=request.path)
    return cached_api(published_answers)(request)


@api_endpoint({"reference", "email"})
def status(request: HttpRequest) -> JsonResponse:
    """`GET /api/questions/status/?reference=&email=`: where the asker's question stands."""
    department = scope.department_for(request)
    for name in ("reference", "email"):
        if not request.GET.get(name, "").strip():
            raise ApiError("is required", parameter=name)
    if not ratelimit.address_allowed(request, kind="status"):
        return too_many(request)
    form = StatusLookupForm(request.GET)
    if not form.is_valid():
        field, messages = next(iter(form.errors.items()))
        raise ApiError(" ".join(str(m) for m in messages), parameter=field)
    question = form.find(department)
    if question is None:
        raise ApiError("no question with this reference and email", status=404)
    answered = question.answered_at is not None
    response = _json(
        {
            "reference": question.reference,
            "status": question.status,
            "received_at": question.received_at.isoformat(),
            "due_on": question.due_on.isoformat(),
            "answered_at": question.answered_at.isoformat() if answered else None,
            "answer": expand_db_html(question.answer) if answered else None,
        }
    )
    response["Cache-Control"] = "no-store"
    return response


@api_endpoint({"days"})
def figures_view(request: HttpRequest) -> JsonResponse:
    """`GET /api/questions/figures/`: the department's aggregates (no question, no person)."""
    department = scope.department_for(request)
    days = int_parameter(request, "days", FIGURES_DAYS_DEFAULT, maximum=3650, minimum=1)
    since = timezone.now() - datetime.timedelta(days=days)
    return _json({**figures(department, since=since).as_dict(), "days": days})


urlpatterns = [
    path("questions/", questions, name="questions"),
    path("questions/status/", csrf_exempt(status), name="question-status"),
    path("questions/figures/", cached_api(figures_view), name="question-figures"),
]


# --- OpenAPI (joined into cms.api.openapi.document) --------------------------------------------


def _problem_response(description: str) -> dict:
    return {
        "description": description,
        "content": {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
        },
    }


def _query(name: str, description: str, schema: dict, required: bool = False) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": required,
        "description": description,
        "schema": schema,
    }


def _ok(ref: str, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": ref}}}}


def openapi_paths() -> dict:
    langs = language_codes()
    categories = list(Procedure.Category.values)
    return {
        "/api/questions/": {
            "get": {
                "operationId": "questions",
                "summary": "Published answers of this site and national guidance (no personal data)",
                "parameters": [
                    _query(
                        "locale",
                        "Language; default from Accept-Language, then vi.",
                        {"type": "string", "enum": langs},
                    ),
                    _query("topic", "Library category.", {"type": "string", "enum": categories}),
                    _query("search", "Full-text filter.", {"type": "string", "maxLength": 200}),
                    _query(
                        "limit",
                        f"Page size, at most {LIMIT_MAX}.",
                        {"type": "integer", "minimum": 0, "maximum": LIMIT_MAX},
                    ),
                    _query(
                        "offset",
                        "Items to skip.",
                        {"type": "integer", "minimum": 0, "maximum": 999999999},
                    ),
                ],
                "responses": {
                    "200": _ok("#/components/schemas/AnswerListing", "Published answers"),
                    "304": {"description": "Unchanged since the ETag in If-None-Match."},
                    "400": _problem_response("A bad or unknown query parameter."),
                    "404": _problem_response("Unknown site."),
                },
            },
            "post": {
                "operationId": "askQuestion",
                "summary": "Ask this site's department a question",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/NewQuestion"}}
                    },
                },
                "responses": {
                    "201": _ok(
                        "#/components/schemas/QuestionReceipt", "Received; the reference number"
                    ),
                    "400": _problem_response("A missing or invalid field, named in `parameter`."),
                    "413": _problem_response(f"The body is larger than {MAX_BODY_BYTES} bytes."),
                    "415": _problem_response("The body is not `application/json` (UTF-8)."),
                    "404": _problem_response("Unknown site."),
                    "429": _problem_response(
                        "Too many questions from this client or email address."
                    ),
                },
            },
        },
        "/api/questions/status/": {
            "get": {
                "operationId": "questionStatus",
                "summary": "Status of one question, by its reference and the asker's email",
                "parameters": [
                    _query(
                        "reference",
                        "Reference number, e.g. HCM-2026-000123.",
                        {"type": "string", "minLength": 1, "maxLength": 32, "pattern": NOT_BLANK},
                        required=True,
                    ),
                    _query(
                        "email",
                        "The email address the question was sent from.",
                        {"type": "string", "format": "email", "maxLength": EMAIL_MAX},
                        required=True,
                    ),
                ],
                "responses": {
                    "200": _ok("#/components/schemas/QuestionStatus", "The question's status"),
                    "400": _problem_response("A missing or invalid parameter."),
                    "404": _problem_response("No such question on this site."),
                    "429": _problem_response("Too many lookups from this client."),
                },
            }
        },
        "/api/questions/figures/": {
            "get": {
                "operationId": "questionFigures",
                "summary": "Received, answered, open and overdue questions; median time to answer",
                "parameters": [
                    _query(
                        "days",
                        "Period, in days up to today.",
                        {"type": "integer", "minimum": 1, "maximum": 3650},
                    ),
                ],
                "responses": {
                    "200": _ok("#/components/schemas/QuestionFigures", "Aggregates"),
                    "304": {"description": "Unchanged since the ETag in If-None-Match."},
                    "400": _problem_response("A bad or unknown query parameter."),
                    "404": _problem_response("Unknown site."),
                },
            }
        },
    }


def openapi_schemas() -> dict:
    text = {"type": "string"}
    date = {"type": "string", "format": "date"}
    statuses = ["new", "assigned", "answered", "published", "rejected", "duplicate"]
    return {
        "NewQuestion": {
            "type": "object",
            "required": ["name", "email", "topic", "question"],
            "additionalProperties": False,
            "description": f"At most {MAX_BODY_BYTES} bytes of UTF-8 JSON; no string may hold "
            "U+0000 or an unpaired surrogate. Text is read without leading and trailing spaces.",
            "properties": {
                "name": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": NAME_MAX,
                    "pattern": NOT_BLANK,
                },
                "organisation": {"type": "string", "maxLength": ORGANISATION_MAX},
                "tax_code": {"type": "string", "pattern": "^(?:[0-9]{10}|[0-9]{13})?$"},
                "email": {"type": "string", "format": "email", "maxLength": EMAIL_MAX},
                "phone": {
                    "type": "string",
                    "maxLength": PHONE_MAX,
                    "pattern": "^(?:\\+?[0-9][0-9 .\\-]{6,18}[0-9])?$",
                },
                "topic": {
                    "type": "string",
                    "enum": list(Procedure.Category.values),
                    "description": "A library category (the code of a live procedure is "
                    "also accepted).",
                },
                "question": {
                    "type": "string",
                    "minLength": QUESTION_MIN,
                    "maxLength": QUESTION_MAX,
                    # At least QUESTION_MIN characters once leading and trailing spaces go.
                    "pattern": f"{NOT_BLANK}[\\s\\S]{{{QUESTION_MIN - 2},}}{NOT_BLANK}",
                },
                "language": {"type": "string", "enum": language_codes()},
                "consent": {"type": "boolean", "description": "Consent to publish it anonymised."},
            },
        },
        "QuestionReceipt": {
            "type": "object",
            "required": ["reference", "status", "received_at", "due_on"],
            "properties": {
                "reference": text,
                "status": {"type": "string", "enum": statuses},
                "received_at": text,
                "due_on": date,
            },
        },
        "QuestionStatus": {
            "type": "object",
            "required": ["reference", "status", "received_at", "due_on", "answered_at", "answer"],
            "properties": {
                "reference": text,
                "status": {"type": "string", "enum": statuses},
                "received_at": text,
                "due_on": date,
                "answered_at": {"type": ["string", "null"]},
                "answer": {"type": ["string", "null"], "description": "HTML, once answered."},
            },
        },
        "Answer": {
            "type": "object",
            "required": [
                "id",
                "title",
                "locale",
                "question",
                "topic",
                "answer",
                "asked_on",
                "answered_on",
                "national_guidance",
            ],
            "properties": {
                "id": {"type": "integer"},
                "title": text,
                "locale": text,
                "question": {"type": "string", "description": "Plain text."},
                "topic": {
                    "type": "object",
                    "required": ["value", "label"],
                    "properties": {"value": text, "label": text},
                },
                "answer": {"type": "string", "description": "HTML."},
                "asked_on": date,
                "answered_on": date,
                "national_guidance": {"type": "boolean"},
                "html_url": {"type": ["string", "null"]},
                "detail_url": text,
            },
        },
        "AnswerListing": {
            "type": "object",
            "required": ["meta", "items"],
            "properties": {
                "meta": {
                    "type": "object",
                    "required": ["total_count"],
                    "properties": {"total_count": {"type": "integer"}, "locale": text},
                },
                "items": {"type": "array", "items": {"$ref": "#/components/schemas/Answer"}},
            },
        },
        "QuestionFigures": {
            "type": "object",
            "required": [
                "department",
                "received",
                "answered",
                "open",
                "overdue",
                "median_hours_to_answer",
                "days",
            ],
            "properties": {
                "department": text,
                "received": {"type": "integer"},
                "answered": {"type": "integer"},
                "open": {"type": "integer"},
                "overdue": {"type": "integer"},
                "median_hours_to_answer": {"type": ["number", "null"]},
                "days": {"type": "integer"},
            },
        },
    }
