"""Admin actions on one question: publish as Q&A, export or erase the asker's personal data.

Their URLs sit in the question viewset's namespace with a `pk`, so the tenant guard
answers 404 for another department's question before these views run.
"""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from wagtail.permissions import policy_registry

from cms.consultation.models import Question
from cms.consultation.services import (
    CannotPublish,
    erase_asker,
    export_asker,
    publish_as_answer_page,
)
from sites.models import Department


class QuestionActionView(View):
    """Loads the question if the user may change it (their department's, and the permission)."""

    action = "change"
    template_name = ""
    url_namespace = ""

    def setup(self, request: HttpRequest, *args, **kwargs) -> None:
        super().setup(request, *args, **kwargs)
        self.question = get_object_or_404(
            Question.objects.for_user(request.user).select_related("department"), pk=kwargs["pk"]
        )
        policy = policy_registry.get_by_type(Question)
        if not policy.user_has_permission_for_instance(request.user, self.action, self.question):
            raise PermissionDenied

    def edit_url(self) -> str:
        return reverse(f"{self.url_namespace}:edit", args=[self.question.pk])

    def confirm(self, request: HttpRequest, **context) -> TemplateResponse:
        return TemplateResponse(
            request,
            self.template_name,
            {"question": self.question, "edit_url": self.edit_url(), **context},
        )

    def own_departments(self):
        return Department.objects.for_user(self.request.user)


class PublishAsAnswerView(QuestionActionView):
    template_name = "consultation/admin/confirm_publish.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.confirm(request)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            page = publish_as_answer_page(
                self.question, request.user, request.POST.get("title", "")
            )
        except CannotPublish as refusal:
            messages.error(request, str(refusal))
            return redirect(self.edit_url())
        messages.success(
            request,
            _("Q&A page “%(title)s” created and sent to moderation.") % {"title": page.title},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)


class ExportAskerView(QuestionActionView):
    action = "view"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self.question.email:
            raise Http404
        records = export_asker(self.question.email, departments=self.own_departments())
        body = json.dumps(
            {"email": self.question.email, "questions": records}, ensure_ascii=False, indent=2
        )
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="personal-data-{self.question.reference}.json"'
        )
        return response


class EraseAskerView(QuestionActionView):
    template_name = "consultation/admin/confirm_erase.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        count = Question.objects.of_asker(self.question.email).filter(
            department__in=self.own_departments()
        )
        return self.confirm(request, count=count.count())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self.question.email:
            messages.info(request, _("This asker's personal data was already erased."))
            return redirect(self.edit_url())
        erased = erase_asker(self.question.email, departments=self.own_departments())
        messages.success(
            request,
            _("Personal data erased from %(count)s question(s).") % {"count": erased},
        )
        return redirect(self.edit_url())
