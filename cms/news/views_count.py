"""First-party view counting: one row per page per day, no personal data.

The article page loads a tiny script that POSTs to the beacon, so views count
even when the HTML itself is served from a cache. A view costs two SQL
statements: the department lookup of the middleware and one upsert.
"""

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from wagtail.models import Page

from cms.news.models import PageViewDay


def record_view(page_id: int) -> bool:
    """Count one view of a live page today; False when the page is not live."""
    table = connection.ops.quote_name(PageViewDay._meta.db_table)
    pages = connection.ops.quote_name(Page._meta.db_table)
    with connection.cursor() as cursor:
        # One statement: insert today's row for a live page, or add one to it.
        cursor.execute(
            f"INSERT INTO {table} (page_id, date, count) "
            f"SELECT id, %s, 1 FROM {pages} WHERE id = %s AND live "
            f"ON CONFLICT (page_id, date) DO UPDATE SET count = {table}.count + 1",
            [timezone.localdate(), page_id],
        )
        return cursor.rowcount > 0


@csrf_exempt
@never_cache
@require_POST
def view_beacon(request: HttpRequest, page_id: int) -> HttpResponse:
    """Beacon endpoint: 204 when counted, 404 for unknown or unpublished pages."""
    return HttpResponse(status=204 if record_view(page_id) else 404)
