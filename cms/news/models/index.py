"""A department's news index: its articles, by category and by tag, paginated."""

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from cms.core.models import BasePage
from cms.news.models.articles import NewsArticlePage
from cms.news.models.categories import NewsCategory
from cms.news.models.tags import NewsTag
from sites.text import ascii_slugify

NEWS_PER_PAGE = 10


class NewsIndexPage(RoutablePageMixin, BasePage):
    """Lists the live articles below it, newest first; by category and by tag on their own URLs.

    `…/tin-tuc/`, `…/tin-tuc/chuyen-muc/<category>/`, `…/tin-tuc/the/<tag slug>/`, each
    paginated with `?page=`.
    """

    subpage_types = ["news.NewsArticlePage"]

    class Meta:
        verbose_name = _("news index")

    def articles(self):
        """Live public articles of this index, newest first (one query when evaluated)."""
        return (
            NewsArticlePage.objects.child_of(self)
            .live()
            .public()
            .select_related("lead_image")
            .order_by("-date", "-pk")
        )

    def paginate(self, request: HttpRequest, articles) -> PaginatorPage:
        return Paginator(articles, NEWS_PER_PAGE).get_page(request.GET.get("page"))

    def listing(
        self, request: HttpRequest, *, category: str = "", tag: NewsTag | None = None
    ) -> HttpResponse:
        articles = self.articles()
        if category:
            articles = articles.filter(category=category)
        if tag is not None:
            articles = articles.filter(tagged_items__tag=tag)
        context_overrides = {
            "articles": self.paginate(request, articles),
            "categories": NewsCategory.choices,
            "current_category": category,
            "current_category_label": NewsCategory(category).label if category else "",
            "current_tag": tag,
            "current_tag_name": tag.name_in(self.locale.language_code) if tag else "",
        }
        return self.render(request, context_overrides=context_overrides)

    @path("")
    def all_news(self, request: HttpRequest) -> HttpResponse:
        # Older links filtered with query parameters: send them to the listing's own URL.
        category, tag = request.GET.get("category", ""), request.GET.get("tag", "")
        if category in NewsCategory.values:
            return redirect(
                self.url + self.reverse_subpage("category", args=[category]), permanent=True
            )
        if ascii_slugify(tag):
            return redirect(
                self.url + self.reverse_subpage("tag", args=[ascii_slugify(tag)]), permanent=True
            )
        return self.listing(request)

    @path("chuyen-muc/<slug:category>/", name="category")
    def by_category(self, request: HttpRequest, category: str) -> HttpResponse:
        if category not in NewsCategory.values:
            raise Http404
        return self.listing(request, category=category)

    @path("the/<slug:tag>/", name="tag")
    def by_tag(self, request: HttpRequest, tag: str) -> HttpResponse:
        found = NewsTag.objects.filter(slug=tag).first()
        if found is None:
            raise Http404
        return self.listing(request, tag=found)
