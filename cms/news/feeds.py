"""RSS feed of a site's news in one language: `/feeds/news/<language>.xml`."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import feedgenerator, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wagtail.models import Locale, Site

from cms.news.models import site_articles
from sites.models import DepartmentSettings

FEED_ITEMS = 20


@require_GET
def news_feed(request: HttpRequest, language: str) -> HttpResponse:
    """The latest live public articles of the request's site in `language` (404 for others)."""
    site = Site.find_for_request(request)
    locale = Locale.objects.filter(language_code=language).first()
    if site is None or locale is None or language not in dict(settings.LANGUAGES):
        raise Http404
    home = site.root_page.get_translation_or_none(locale)
    if home is None or not home.live:
        raise Http404
    with translation.override(language):
        name = DepartmentSettings.for_request(request).localized_display_name(language)
        feed = feedgenerator.Rss201rev2Feed(
            title=_("News – %(name)s") % {"name": name or site.site_name},
            link=home.get_full_url(request),
            description=_("The latest news of %(name)s") % {"name": name or site.site_name},
            language=language,
            feed_url=request.build_absolute_uri(),
        )
        for article in site_articles(home).order_by("-date", "-pk")[:FEED_ITEMS]:
            feed.add_item(
                title=article.title,
                link=article.get_full_url(request),
                description=article.teaser,
                pubdate=article.first_published_at,
                unique_id=article.get_full_url(request),
                categories=[article.get_category_display()],
            )
    response = HttpResponse(content_type="application/rss+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response
