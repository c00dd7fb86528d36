"""The platform admins' screen: paste or upload a plan, preview the dry run, confirm.

Settings → Restructure departments (superusers only; anyone else gets 404). The preview is
the command's `--dry-run` report; confirming runs the same plan for real.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views import View

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from sites.restructure.operations import Report, RestructureError, run_plan
from sites.restructure.plan import PlanError, parse_plan


class PlanForm(forms.Form):
    plan = forms.CharField(
        label=_("Plan (JSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false"}),
        help_text=_("Renames, merges and splits in order; see the README for the format."),
    )
    plan_file = forms.FileField(label=_("or upload a plan file"), required=False)

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        upload = cleaned.get("plan_file")
        if upload:
            try:
                cleaned["plan"] = upload.read().decode("utf-8")
            except UnicodeDecodeError as error:
                raise forms.ValidationError(_("The plan file is not UTF-8 text.")) from error
        if not (cleaned.get("plan") or "").strip():
            raise forms.ValidationError(_("Paste a plan or upload a plan file."))
        return cleaned


class RestructureView(WagtailAdminTemplateMixin, View):
    template_name = "sites/restructure/index.html"
    page_title = _("Restructure departments")
    header_icon = "site"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if not request.user.is_superuser:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.show(PlanForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = PlanForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.show(form)
        text = form.cleaned_data["plan"]
        confirmed = request.POST.get("action") == "confirm"
        problems: list[str] = []
        report: Report | None = None
        try:
            report = run_plan(parse_plan(text), dry_run=not confirmed, user=request.user)
        except PlanError as error:
            problems = error.problems
        except RestructureError as error:
            problems = [str(error), str(_("Nothing was changed."))]
        if confirmed and report is not None:
            messages.success(request, _("The plan was carried out."))
        return self.show(
            PlanForm(initial={"plan": text}),
            report=report,
            problems=problems,
            plan=text,
            previewed=report is not None and report.dry_run,
        )

    def show(self, form: PlanForm, **context) -> HttpResponse:
        return render(self.request, self.template_name, self.get_context_data(form=form, **context))
