"""The public Q&A section of a department's site and its published answers.

A published answer is a page, not the question row: it holds only what may be
public (the anonymised question, topic, answer and dates), lives in the
department's tree, so the department's moderation workflow (set on its home
pages by provisioning) governs its publication, and wagtail-localize translates it.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms.core.models import BasePage
from cms.library.models import Procedure
from sites.http import DepartmentRequest
from sites.models import Department
from sites.references import ReferencesCheckedPageForm

from .questions import ANSWER_FEATURES, QUESTION_MAX

QA_PER_PAGE = 10


class QuestionAnswerForm(ReferencesCheckedPageForm):
    """Only HQ's people (and platform admins) may promote an answer to national guidance."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("national_guidance")
        user = self.for_user
        if field is None or user is None or user.is_superuser:
            return
        if not Department.objects.for_user(user).filter(is_headquarters=True).exists():
            field.disabled = True


class QAIndexPage(RoutablePageMixin, BasePage):
    """The department's Q&A: published answers by topic and search, the question form, the
    status lookup. Routes are served in the site's theme and language."""

    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["consultation.QuestionAnswerPage"]

    class Meta:
        verbose_name = _("questions and answers index")

    def answers(self) -> PageQuerySet:
        """This section's live answers plus HQ's national guidance, in this page's language."""
        return (
            QuestionAnswerPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .filter(Q(path__startswith=self.path) | Q(national_guidance=True))
            .select_related("topic_procedure")
            .order_by("-national_guidance", "-answered_on", "-pk")
        )

    @path("")
    def listing(self, request: DepartmentRequest) -> HttpResponse:
        from cms.consultation.views import qa_listing

        return qa_listing(request, self)

    @path("gui-cau-hoi/")
    def ask(self, request: DepartmentRequest) -> HttpResponse:
        from cms.consultation.views import ask

        return ask(request, self)

    @path("tra-cuu/")
    def status(self, request: DepartmentRequest) -> HttpResponse:
        from cms.consultation.views import status_lookup

        return status_lookup(request, self)


class QuestionAnswerPage(BasePage):
    """One published answer: no name, organisation, email, phone or tax code, ever."""

    # An answer is dated to its question, not reviewed.
    review_interval_months = None

    question = models.TextField(
        _("question (anonymised)"),
        max_length=QUESTION_MAX,
        help_text=_("Plain text, shown as written; remove anything that identifies the asker."),
    )
    topic_category = models.CharField(_("topic"), max_length=20, choices=Procedure.Category.choices)
    topic_procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("procedure"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer = RichTextField(_("answer"), features=ANSWER_FEATURES)
    asked_on = models.DateField(_("asked on"), default=timezone.localdate)
    answered_on = models.DateField(_("answered on"), default=timezone.localdate)
    national_guidance = models.BooleanField(
        _("national guidance"),
        default=False,
        help_text=_("Set by HQ: the answer is shown on every department's Q&A."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("question"),
        FieldRowPanel([FieldPanel("topic_category"), FieldPanel("topic_procedure")]),
        FieldPanel("answer"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("asked_on"), FieldPanel("answered_on")]),
                FieldPanel("national_guidance"),
            ],
            heading=_("Publication"),
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("question"),
        index.SearchField("answer"),
        index.FilterField("topic_category"),
        index.FilterField("national_guidance"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("question"),
        APIField("topic_category"),
        APIField("answer"),
        APIField("asked_on"),
        APIField("answered_on"),
        APIField("national_guidance"),
    ]
    # The procedure is HQ's library item: a translation of the answer keeps pointing to it
    # (its topic reads in the page's language below) and never makes wagtail-localize
    # translate or re-save the procedure for the department's translator.
    override_translatable_fields = [SynchronizedField("topic_procedure")]
    base_form_class = QuestionAnswerForm
    parent_page_types = ["consultation.QAIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("published answer")
        verbose_name_plural = _("published answers")

    @property
    def topic_label(self) -> str:
        procedure = self.topic_procedure
        if procedure is not None:
            translated = Procedure.objects.filter(
                translation_key=procedure.translation_key, locale_id=self.locale_id, live=True
            ).first()
            return str(translated or procedure)
        return str(dict(Procedure.Category.choices).get(self.topic_category, self.topic_category))

    @property
    def topic_value(self) -> str:
        procedure = self.topic_procedure  # None without a query when no procedure is set
        return procedure.code if procedure is not None else self.topic_category


def qa_index_of(department: Department, language_code: str) -> QAIndexPage | None:
    """The department's Q&A section in one language (None before provisioning adds it)."""
    homes = department.home_pages().filter(locale__language_code=language_code)
    home = homes.first()
    if home is None:
        return None
    return QAIndexPage.objects.child_of(home).first()


__all__ = ["QAIndexPage", "QuestionAnswerPage", "qa_index_of"]
