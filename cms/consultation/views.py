"""The public side, served by the department's Q&A section (`QAIndexPage` routes)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language

from cms.consultation import ratelimit
from cms.consultation.forms import QuestionForm, StatusLookupForm
from cms.consultation.models import QAIndexPage
from cms.consultation.models.pages import QA_PER_PAGE
from cms.consultation.services import receive_question
from cms.library.models import Procedure
from sites.http import DepartmentRequest, request_department


def _render(
    request: DepartmentRequest, index: QAIndexPage, template: str, context: dict, status: int = 200
):
    return TemplateResponse(
        request,
        template,
        {"page": index, "self": index, **context},
        status=status,
    )


def rate_limited(request: DepartmentRequest, index: QAIndexPage) -> HttpResponse:
    return _render(request, index, "consultation/rate_limited.html", {}, status=429)


def qa_listing(request: DepartmentRequest, index: QAIndexPage) -> HttpResponse:
    answers = index.answers()
    topic = request.GET.get("topic", "")
    if topic in Procedure.Category.values:
        answers = answers.filter(topic_category=topic)
    else:
        topic = ""
    query = request.GET.get("q", "").strip()[:200]
    if query:
        answers = answers.search(query)
    paginator = Paginator(answers, QA_PER_PAGE)
    return _render(
        request,
        index,
        "consultation/qa_index_page.html",
        {
            "answers": paginator.get_page(request.GET.get("page")),
            "topics": Procedure.Category.choices,
            "current_topic": topic,
            "query": query,
        },
    )


def ask(request: DepartmentRequest, index: QAIndexPage) -> HttpResponse:
    department = request_department(request)
    language = get_language() or "vi"
    if request.method == "POST":
        if not ratelimit.address_allowed(request):
            return rate_limited(request, index)
        form = QuestionForm(request.POST, language=language)
        if form.is_bot():
            # Nothing is stored; the same neutral answer as any refused form.
            return _render(request, index, "consultation/ask.html", {"form": form}, status=400)
        if form.is_valid():
            if not ratelimit.email_allowed(form.cleaned_data["email"]):
                return rate_limited(request, index)
            question = receive_question(department, form.submission())
            return _render(request, index, "consultation/confirmation.html", {"question": question})
        return _render(request, index, "consultation/ask.html", {"form": form}, status=400)
    return _render(
        request, index, "consultation/ask.html", {"form": QuestionForm(language=language)}
    )


def status_lookup(request: DepartmentRequest, index: QAIndexPage) -> HttpResponse:
    form = StatusLookupForm(request.GET or None)
    question = None
    searched = False
    if form.is_bound:
        if not ratelimit.address_allowed(request, kind="status"):
            return rate_limited(request, index)
        if form.is_valid():
            searched = True
            question = form.find(request_department(request))
    response = _render(
        request,
        index,
        "consultation/status.html",
        {"form": form, "question": question, "searched": searched},
        status=404 if searched and question is None else 200,
    )
    # A question's status is personal (and each lookup is rate-limited): never from a cache.
    add_never_cache_headers(response)
    return response
