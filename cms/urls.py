from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.alerts.views import alerts_feed
from cms.core.views import robots_txt, serve_document, sitemap
from cms.news.feeds import news_feed
from cms.news.views_count import view_beacon

urlpatterns = [
    # Department-scoped versions of some Wagtail admin views, on Wagtail's own paths.
    path("admin/", include("sites.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document download without its bogus Content-Encoding, on Wagtail's own path.
    re_path(r"^documents/(\d+)/(.*)$", serve_document, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    # Headless API: language from ?locale= or Accept-Language, not from the path.
    path("api/", include("cms.api.urls")),
    # View-count beacon for most-read lists (no language prefix, never cached).
    path("beacon/view/<int:page_id>/", view_beacon, name="view_beacon"),
    # Per site (from the Host): every language's pages with hreflang alternates, crawler rules,
    # and a news feed per language.
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("feeds/news/<str:language>.xml", news_feed, name="news_feed"),
    path("feeds/alerts/<str:language>.xml", alerts_feed, name="alerts_feed"),
]

# Themed, localized error pages for the request's site (the 400 and 500 pages need no database);
# under /api/ a 400 is a problem body.
handler400 = "cms.api.http.bad_request"
handler404 = "cms.core.views.page_not_found"
handler500 = "cms.core.views.server_error"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page carries its language: /vi/…, /en/…; "/" redirects by Accept-Language.
urlpatterns += i18n_patterns(
    path("", include("search.urls")),  # /vi/search/, before Wagtail's catch-all page serving
    path("", include("cms.statistics.urls")),  # /vi/thong-ke/: the department's figures
    path("", include("cms.alerts.urls")),  # /vi/status/: gates and offices
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
