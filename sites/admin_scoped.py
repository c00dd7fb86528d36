"""Wagtail admin views whose rows come from `sites.scoping.visible_to`.

Each class here is a thin subclass of Wagtail's own view that takes its queryset (or its filter
choices) from the scoping registry instead of the whole install: bulk actions, the choosers'
chosen views, the admin API's pages, images and documents, tag autocomplete and the listings'
tag filters, the snippets index counts, the page types usage and forms reports and the
dashboard's page count. `sites.admin_urls` mounts the views on Wagtail's own paths and
`sites.wagtail_hooks` registers the API endpoints and the summary item.
"""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_list_or_404
from django.urls import reverse

from taggit.models import Tag, TagBase
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.admin.views import chooser as page_chooser
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.views.reports.page_types_usage import (
    PageTypesUsageReportFilterSet,
    PageTypesUsageReportView,
)
from wagtail.admin.views.tags import TAGS_AUTOCOMPLETE_LIMIT
from wagtail.contrib.forms.views import FormPageFilterSet, FormPagesListView
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.documents.views.documents import DocumentsFilterSet
from wagtail.documents.views.documents import IndexView as DocumentIndexView
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.images.views.chooser import ImageChooseView
from wagtail.images.views.images import ImagesFilterSet
from wagtail.images.views.images import IndexView as ImageIndexView
from wagtail.models import Page, Site
from wagtail.snippets.views.snippets import ModelIndexView

from sites.admin_pages import DepartmentPageFilterSet
from sites.isolation import department_pages_filter
from sites.models import Department
from sites.scoping import primary_keys, visible_to
from sites.viewsets import ScopedChosenMixin

# --- Bulk actions --------------------------------------------------------------------------------


class ScopedBulkActionMixin:
    """A bulk action that reads its objects (listed, refused or acted on) from the user's scope."""

    request: HttpRequest

    def get_queryset(self, model, object_ids) -> list:  # shadows BulkAction's classmethod
        keys = primary_keys(model, object_ids)
        return get_list_or_404(visible_to(self.request.user, model), pk__in=keys)

    def get_all_objects_in_listing_query(self, parent_id):
        if parent_id is not None:  # a page's id (pages) or a collection's (images, documents)
            (parent_id,) = primary_keys(Page, [parent_id])
        try:
            return super().get_all_objects_in_listing_query(parent_id)
        except ObjectDoesNotExist as error:  # `childOf` names no page
            raise Http404 from error


@cache
def scoped_bulk_action(action_class: type[BulkAction]) -> type[BulkAction]:
    return type(f"Scoped{action_class.__name__}", (ScopedBulkActionMixin, action_class), {})


def bulk_action(request: HttpRequest, app_label: str, model_name: str, action: str) -> HttpResponse:
    """Wagtail's bulk action dispatcher, running the scoped subclass of the registered action."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    action_class = bulk_action_registry.get_bulk_action_class(app_label, model_name, action)
    if action_class is None:
        raise Http404
    return scoped_bulk_action(action_class)(request, model).dispatch(request)


# --- Choosers ------------------------------------------------------------------------------------


def scoped_chooser_view(viewset, view_class: type) -> type:
    """`view_class` of a chooser viewset, built by the viewset itself, with the scoped lookups."""
    scoped = type(f"Scoped{view_class.__name__}", (ScopedChosenMixin, view_class), {})
    return viewset.construct_view(scoped)


class PageChosenMultipleView(page_chooser.ChosenMultipleView):
    def get(self, request: HttpRequest) -> HttpResponse:
        pks = primary_keys(Page, request.GET.getlist("id"))
        pages = visible_to(request.user, Page.objects.filter(pk__in=pks).specific())
        result = [
            {
                "id": page.pk,
                "parentId": page.get_parent().pk,
                "adminTitle": page.get_admin_display_title(),
                "editUrl": reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                "url": page.url,
            }
            for page in pages
        ]
        return self.render_chosen_response(result)


# --- Tags ----------------------------------------------------------------------------------------


def tag_autocomplete(
    request: HttpRequest, app_name: str | None = None, model_name: str | None = None
) -> JsonResponse:
    """Wagtail's tag autocomplete, offering only tags the user's departments (or the library) use."""
    tag_model: type[models.Model] | None = Tag
    if app_name and model_name:
        try:
            tag_model = ContentType.objects.get_by_natural_key(app_name, model_name).model_class()
        except ContentType.DoesNotExist as error:
            raise Http404 from error
    if tag_model is None or not issubclass(tag_model, TagBase):
        raise Http404
    term = request.GET.get("term", "")
    if not term:
        return JsonResponse([], safe=False)
    tags = visible_to(request.user, tag_model).filter(name__istartswith=term).order_by("name")
    names = tags.values_list("name", flat=True)[:TAGS_AUTOCOMPLETE_LIMIT]
    return JsonResponse(list(names), safe=False)


def popular_tags(user, model, count: int = 10) -> QuerySet:
    """Wagtail's `popular_tags_for_model`, among the tags visible to the user."""
    content_type = ContentType.objects.get_for_model(model)
    return (
        visible_to(user, Tag)
        .filter(taggit_taggeditem_items__content_type=content_type)
        .annotate(item_count=Count("taggit_taggeditem_items"))
        .order_by("-item_count")[:count]
    )


class ScopedTagFilterMixin:
    """A media listing's "Tag" filter offers the user's tags only."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        tag_filter = self.filters.get("tag")
        if tag_filter is None or request is None:
            return
        tags = popular_tags(request.user, self._meta.model)
        tag_filter.extra["choices"] = [(tag.name, tag.name) for tag in tags]
        if not tag_filter.extra["choices"]:
            del self.filters["tag"]


class ScopedImagesFilterSet(ScopedTagFilterMixin, ImagesFilterSet):
    pass


class ScopedDocumentsFilterSet(ScopedTagFilterMixin, DocumentsFilterSet):
    pass


class ScopedImageIndexView(ImageIndexView):
    filterset_class = ScopedImagesFilterSet


class ScopedDocumentIndexView(DocumentIndexView):
    filterset_class = ScopedDocumentsFilterSet


class ScopedImageChooseView(ImageChooseView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["popular_tags"] = popular_tags(self.request.user, self.model_class)
        return context


def image_choose_view(viewset):
    """The image chooser's first view, built as `viewset.choose_view` builds Wagtail's."""
    view_class = viewset.inject_view_methods(ScopedImageChooseView, ["get_object_list"])
    return viewset.construct_view(
        view_class,
        icon=viewset.icon,
        page_title=viewset.page_title,
        search_tab_label=viewset.search_tab_label,
        creation_tab_label=viewset.creation_tab_label,
    )


# --- Admin API -----------------------------------------------------------------------------------


class ScopedPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    def get_base_queryset(self):
        # The tree root stays: `child_of=root` starts from it.
        condition = Q(depth=1) | department_pages_filter(self.request.user)
        return super().get_base_queryset().filter(condition)


class ScopedImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    def get_queryset(self):
        return visible_to(self.request.user, super().get_queryset())


class ScopedDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    def get_queryset(self):
        return visible_to(self.request.user, super().get_queryset())


# --- Snippets index, reports, dashboard ------------------------------------------------------------


class ScopedSnippetIndexView(ModelIndexView):
    """The "Snippets" index counts the rows the user's departments may see, per model."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        for snippet_type in self.snippet_types:
            snippet_type["count"] = visible_to(request.user, snippet_type["model"]).count()


class ScopedPageTypesUsageFilterSet(PageTypesUsageReportFilterSet):
    """Offers the user's departments' sites only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sites = visible_to(self.request.user, Site).select_related("root_page")
        self.sites = {site.pk: site for site in sites}
        site_filter = self.filters.get("site")
        if site_filter is not None:
            site_filter.extra["choices"] = [
                (site.root_page.path, str(site)) for site in self.sites.values()
            ]
            if len(self.sites) <= 1:
                self.sites_filter_enabled = False
                del self.filters["site"]


class ScopedPageTypesUsageReportView(PageTypesUsageReportView):
    """Counts and "last edited" among the user's departments' pages."""

    filterset_class = ScopedPageTypesUsageFilterSet

    def get_queryset(self):
        queryset = ContentType.objects.filter(model__in=self.page_models)
        self.queryset = queryset
        queryset = self.filter_queryset(queryset).distinct()
        data = self.filters.form.cleaned_data
        pages = visible_to(self.request.user, Page).filter(depth__gt=1)
        if data.get("page_locale"):
            pages = pages.filter(locale__language_code=data["page_locale"])
        if data.get("site"):
            pages = pages.filter(path__startswith=data["site"])
        of_type = pages.filter(content_type=OuterRef("pk"))
        counts = of_type.order_by().values("content_type").annotate(n=Count("pk")).values("n")
        latest = of_type.order_by(
            F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk"
        )
        queryset = queryset.annotate(
            count=Coalesce(Subquery(counts), Value(0), output_field=IntegerField()),
            last_edited_page_id=Subquery(latest.values("pk")[:1]),
        )
        page = ContentType.objects.get_for_model(Page)
        queryset = queryset.exclude(Q(pk=page.pk) & Q(count=0))
        return queryset.order_by("-count", "app_label", "model")


class DepartmentFormPageFilterSet(DepartmentPageFilterSet, FormPageFilterSet):
    """The forms listing's owner, "edited by" and site filters, limited to the user's departments."""


class ScopedFormPagesListView(FormPagesListView):
    filterset_class = DepartmentFormPageFilterSet


class DepartmentPagesSummaryItem(PagesSummaryItem):
    """The dashboard's page count: the user's departments' pages, linked to their first home."""

    def get_context_data(self, parent_context):
        user = self.request.user
        if user.is_superuser:
            return super().get_context_data(parent_context)
        department = Department.objects.for_user(user).select_related("site__root_page").first()
        return {
            "root_page": department.site.root_page if department else None,
            "total_pages": visible_to(user, Page).count(),
            "site_name": department.site.site_name if department else "",
        }
