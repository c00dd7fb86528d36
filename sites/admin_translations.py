"""The translation dashboard (per department and language) and its panel on the admin home.

Both show `sites.translation_status.translation_status` for the departments the user may see
(`sites.scoping.visible_to`): department staff their own, platform admins every department.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import TemplateView, View

from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail.snippets.permissions import get_permission_name
from wagtail_localize.models import Translation, TranslationSource

from sites.isolation import instance_visible_to
from sites.models import Department
from sites.scoping import visible_to
from sites.translation_status import STATUSES, TranslationStatus, translation_status

STATUS_LABELS = {
    "missing": pgettext_lazy("translation status", "Missing"),
    "outdated": pgettext_lazy("translation status", "Outdated"),
    "complete": pgettext_lazy("translation status", "Complete"),
}
REASON_LABELS = {
    "source_changed": _("The original changed after it was translated"),
    "not_synced": _("Synced, not yet saved in this language"),
    "not_published": _("Translated, not yet published"),
    "": "",
}
ACTION_LABELS = {
    "translate": pgettext_lazy("translation status", "Translate"),
    "sync": pgettext_lazy("translation status", "Sync"),
    "edit": pgettext_lazy("translation status", "Edit translation"),
}


def departments_for(user) -> QuerySet[Department]:
    """The departments whose translations the user sees: their own; every one for platform admins."""
    return visible_to(user, Department).select_related("site").order_by("-is_headquarters", "code")


def translation_languages() -> QuerySet[Locale]:
    """Every content language but the default (what content is translated into)."""
    return Locale.objects.exclude(pk=Locale.get_default().pk).order_by("language_code")


def status_rows(status: TranslationStatus) -> list[dict]:
    """The status's items, one list, labelled for the templates."""
    return [
        {
            "item": item,
            "status_label": STATUS_LABELS[item.status],
            "reason_label": REASON_LABELS[item.reason],
            "action_label": ACTION_LABELS[item.action],
        }
        for name in STATUSES
        for item in getattr(status, name)
    ]


class TranslationDashboardView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "sites/translations/dashboard.html"
    page_title = pgettext_lazy("translation status", "Translations")
    header_icon = "wagtail-localize-language"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if not departments_for(request.user).exists():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        departments = departments_for(self.request.user)
        languages = translation_languages()
        first_language = languages.first()
        if first_language is None:
            raise Http404
        code = self.request.GET.get("department")
        department = get_object_or_404(departments, code=code) if code else departments.first()
        if department is None:  # dispatch() saw one; gone since
            raise Http404
        language = self.request.GET.get("language") or first_language.language_code
        locale = get_object_or_404(languages, language_code=language)
        status = translation_status(department, locale.language_code)
        selected = self.request.GET.get("status")
        rows = [
            row for row in status_rows(status) if row["item"].status == selected or not selected
        ]
        context.update(
            {
                "departments": departments,
                "department": department,
                "languages": languages,
                "locale": locale,
                "status": status,
                "counts": [
                    {"name": name, "label": STATUS_LABELS[name], "count": status.counts[name]}
                    for name in STATUSES
                ],
                "selected_status": selected if selected in STATUSES else "",
                "rows": rows,
            }
        )
        return context


class TranslationStatusPanel(Component):
    """The figures of the user's departments, one row per department and language."""

    name = "translation_status"
    order = 140

    def __init__(self, request: HttpRequest):
        self.request = request

    def figures(self) -> list[dict]:
        languages = list(translation_languages())
        return [
            {
                "department": department,
                "locale": locale,
                "counts": translation_status(department, locale.language_code).counts,
                "url": reverse("translation_dashboard")
                + f"?department={department.code}&language={locale.language_code}",
            }
            for department in departments_for(self.request.user)
            for locale in languages
        ]

    def render_html(self, parent_context=None) -> str:
        figures = self.figures()
        if not figures:
            return ""
        return render_to_string(
            "sites/translations/panel.html", {"figures": figures}, request=self.request
        )


class SubmitTranslationForModerationView(View):
    """Save a page's translation as a draft and start the page's moderation workflow on it.

    wagtail-localize's translation editor only publishes (for people who may publish); an
    editor submits the translation here instead, and the department's moderators approve it
    in the same workflow as the original (provisioning sets it on the home page in every
    language). Answers 404 for another department's translation, 403 without the right to
    submit the page.
    """

    http_method_names = ["post"]

    def post(self, request: HttpRequest, translation_id: int) -> HttpResponse:
        translation = get_object_or_404(
            Translation.objects.select_related("source", "target_locale"),
            pk=translation_id,
            enabled=True,
        )
        page = translation.source.object.get_instance_or_none(translation.target_locale)
        if not isinstance(page, Page) or not instance_visible_to(request.user, page):
            raise Http404
        page = page.specific
        permissions = page.permissions_for_user(request.user)
        if not permissions.can_edit():
            raise PermissionDenied
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        workflow = page.get_workflow()
        if workflow is None:
            messages.error(
                request, _("This page has no moderation workflow: ask a moderator to publish it.")
            )
            return redirect(edit_url)
        if page.workflow_in_progress:
            messages.warning(request, _("This translation is already waiting for moderation."))
            return redirect(edit_url)
        if not permissions.can_submit_for_moderation():  # locked by someone else
            raise PermissionDenied
        with transaction.atomic():
            translation.save_target(user=request.user, publish=False)
            page.refresh_from_db()
            workflow.start(page, request.user)
        messages.success(
            request,
            _("“%(title)s” in %(language)s was submitted for moderation.")
            % {"title": page.title, "language": translation.target_locale.get_display_name()},
        )
        return redirect(edit_url)


def may_publish_translations(user, translation_source_id: int | str) -> bool:
    """Whether `user` may publish every enabled translation of the source: what wagtail-localize's
    "Sync translated pages" does with "Publish immediately" ticked (it checks nothing itself),
    so an editor's sync cannot skip the moderation a publish of the page would need."""
    source = TranslationSource.objects.filter(pk=translation_source_id).first()
    if source is None:
        return False
    for translation in source.translations.filter(enabled=True).select_related("target_locale"):
        target = source.object.get_instance_or_none(translation.target_locale)
        if isinstance(target, Page):
            if not target.permissions_for_user(user).can_publish():
                return False
        elif isinstance(target, DraftStateMixin):
            if not user.has_perm(get_permission_name("publish", type(target))):
                return False
    return True
