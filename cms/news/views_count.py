"""First-party view counting: one row per page per day, no personal data.

The article page loads a tiny script that POSTs to the beacon, so views count
even when the HTML itself is served from a cache. A view costs two SQL
statements: the department lookup of the middleware and one upsert. Only a
live page of the request's own site (any of its languages) is counted, so one
site's beacon cannot move another site's most-read list.
"""

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from wagtail.models import Page, Site

from cms.news.models import PageViewDay


def record_view(page_id: int, site: Site) -> bool:
    """Count one view of a live page of `site` today; False for any other page."""
    table = connection.ops.quote_name(PageViewDay._meta.db_table)
    pages = connection.ops.quote_name(Page._meta.db_table)
    with connection.cursor() as cursor:
        # One statement: insert today's row for a live page under one of the site's home pages
        # (the root page and its translations share a translation key), or add one to it.
        cursor.execute(
            f"INSERT INTO {table} (page_id, date, count) "
            f"SELECT page.id, %s, 1 FROM {pages} page WHERE page.id = %s AND page.live "
            f"AND EXISTS (SELECT 1 FROM {pages} home WHERE home.translation_key = "
            f"(SELECT root.translation_key FROM {pages} root WHERE root.id = %s) "
            f"AND page.path LIKE home.path || '%%') "
            f"ON CONFLICT (page_id, date) DO UPDATE SET count = {table}.count + 1",
            [timezone.localdate(), page_id, site.root_page_id],
        )
        return cursor.rowcount > 0


@csrf_exempt
@never_cache
@require_POST
def view_beacon(request: HttpRequest, page_id: int) -> HttpResponse:
    """Beacon endpoint: 204 when counted, 404 for unknown or unpublished pages and for pages of
    another site than the request's."""
    site = Site.find_for_request(request)
    counted = site is not None and record_view(page_id, site)
    return HttpResponse(status=204 if counted else 404)
