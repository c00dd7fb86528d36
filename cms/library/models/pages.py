"""The procedures section of every department's site: the whole shared library, routed."""

from __future__ import annotations

from typing import TypeVar

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from cms.core.models import BasePage
from cms.library.forms import ProcedureFilterForm
from cms.library.models.base import LibraryItem
from cms.library.models.legal import LegalDocument
from cms.library.models.notes import local_notes_for
from cms.library.models.procedures import Procedure, fold_text
from sites.http import DepartmentRequest

PAGE_SIZE = 20
Item = TypeVar("Item", bound=LibraryItem)


class ProcedureIndexPage(RoutablePageMixin, BasePage):
    """Lists, filters and shows the library under this department's URLs, in its theme.

    Nothing is copied into the department's tree: every route reads the published
    snippets of the page's locale, plus this department's own local notes.
    """

    max_count_per_parent = 1
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("procedures index page")

    @classmethod
    def for_site(cls, site: Site, locale_id: int) -> ProcedureIndexPage | None:
        """The live procedures section of `site`'s tree in the locale `locale_id`, if any."""
        condition = Q(pk__in=[])
        homes = Page.objects.filter(translation_key=site.root_page.translation_key)
        for home_path in homes.values_list("path", flat=True):
            condition |= Q(path__startswith=home_path)
        return cls.objects.live().filter(condition, locale_id=locale_id).order_by("path").first()

    def url_for_item(
        self, item: Procedure | LegalDocument, request: HttpRequest | None = None
    ) -> str:
        """This section's URL of a library item (relative when `request` is on the same site)."""
        if isinstance(item, Procedure):
            route = self.reverse_subpage("procedure_detail", args=[item.slug])
        else:
            route = self.reverse_subpage("legal_document_detail", args=[item.slug])
        return (self.get_url(request) or "") + route

    def published(self, model: type[Item]) -> QuerySet[Item]:
        return model.objects.filter(locale_id=self.locale_id, live=True)

    def breadcrumbs(self, *trail: tuple[str, str | None]) -> list[tuple[str, str | None]]:
        home = self.get_parent()
        return [(home.title, home.url), (self.title, self.url), *trail]

    def render_route(
        self, request: HttpRequest, template: str, context: dict, **kwargs
    ) -> HttpResponse:
        return TemplateResponse(
            request,
            template,
            {**self.get_context(request), "page": self, **context},
            **kwargs,
        )

    @path("")
    def procedure_list(self, request: HttpRequest) -> HttpResponse:
        form = ProcedureFilterForm(request.GET or None)
        procedures = self.filter_procedures(form)
        paginator = Paginator(procedures, PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        return self.render_route(
            request,
            "library/procedure_list.html",
            {
                "form": form,
                "procedures": page_obj,
                "query": query.urlencode(),
                "breadcrumbs": self.breadcrumbs(),
            },
        )

    def filter_procedures(self, form: ProcedureFilterForm):
        procedures = self.published(Procedure).only(
            "code", "slug", "title", "category", "online_level", "online", "status"
        )
        if not form.is_valid():
            return procedures
        data = form.cleaned_data
        if data.get("category"):
            procedures = procedures.filter(category=data["category"])
        if data.get("level"):
            procedures = procedures.filter(online_level=int(data["level"]))
        if data.get("online_only"):
            procedures = procedures.filter(online_level__gte=3)
        if data.get("q"):
            for word in fold_text(data["q"]).split():
                procedures = procedures.filter(folded_text__contains=word)
        return procedures

    @path("van-ban/")
    def legal_document_list(self, request: HttpRequest) -> HttpResponse:
        documents = self.published(LegalDocument)
        return self.render_route(
            request,
            "library/legal_document_list.html",
            {
                "documents": documents,
                "breadcrumbs": self.breadcrumbs((str(_("Legal documents")), None)),
            },
        )

    @path("van-ban/<slug:slug>/")
    def legal_document_detail(self, request: HttpRequest, slug: str) -> HttpResponse:
        document = self.published(LegalDocument).filter(slug=slug).select_related("file").first()
        if document is None:
            raise Http404
        key = document.translation_key
        related = {
            "amends": self.in_this_language(LegalDocument, amended_by__translation_key=key),
            "replaces": self.in_this_language(LegalDocument, replaced_by__translation_key=key),
            "amended_by": self.in_this_language(LegalDocument, amends__translation_key=key),
            "replaced_by": self.in_this_language(LegalDocument, replaces__translation_key=key),
        }
        procedures = self.in_this_language(Procedure, legal_bases__translation_key=key)
        return self.render_route(
            request,
            "library/legal_document_detail.html",
            {
                "document": document,
                "procedures": procedures,
                **related,
                "breadcrumbs": self.breadcrumbs(
                    (
                        str(_("Legal documents")),
                        self.url + self.reverse_subpage("legal_document_list"),
                    ),
                    (document.number, None),
                ),
            },
        )

    def in_this_language(self, model: type[Item], **lookup) -> QuerySet[Item]:
        """Published rows in this page's language of the objects `lookup` finds in any language.

        Links (legal bases, amendments) are read across every language version of an
        object, so a link made on the Vietnamese original also shows on its translations.
        """
        keys = model.objects.filter(**lookup).values("translation_key")
        return self.published(model).filter(translation_key__in=keys)

    @path("thong-ke/")
    def coverage(self, request: HttpRequest) -> HttpResponse:
        from cms.library.coverage import coverage

        return self.render_route(
            request,
            "library/coverage.html",
            {
                "coverage": coverage(),
                "breadcrumbs": self.breadcrumbs((str(_("Online coverage")), None)),
            },
        )

    def procedure_context(self, request: DepartmentRequest, slug: str) -> dict:
        procedure = self.published(Procedure).filter(slug=slug).first()
        if procedure is None:
            raise Http404
        department = request.department  # the Host's (sites.middleware); its local notes
        notes = local_notes_for(department, procedure)
        return {
            "procedure": procedure,
            "legal_bases": self.in_this_language(
                LegalDocument, procedures__translation_key=procedure.translation_key
            ),
            "forms": get_document_model().objects.filter(
                pk__in=Procedure.forms.through.objects.filter(
                    procedure__translation_key=procedure.translation_key
                ).values("document")
            ),
            "local_notes": notes,
            "print_url": self.url + self.reverse_subpage("procedure_print", args=[slug]),
            "breadcrumbs": self.breadcrumbs((procedure.code, None)),
        }

    @path("<slug:slug>/in/")
    def procedure_print(self, request: DepartmentRequest, slug: str) -> HttpResponse:
        return self.render_route(
            request, "library/procedure_print.html", self.procedure_context(request, slug)
        )

    @path("<slug:slug>/")
    def procedure_detail(self, request: DepartmentRequest, slug: str) -> HttpResponse:
        return self.render_route(
            request, "library/procedure_detail.html", self.procedure_context(request, slug)
        )
