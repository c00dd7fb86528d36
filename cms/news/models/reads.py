"""How often articles are read: one counter per page and day (no personal data), and the most read."""

import datetime

from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone

from wagtail.models import Page

from cms.news.models.listings import site_articles

MOST_READ_DAYS = 30


class PageViewDay(models.Model):
    """How many times a page was viewed on one day (no personal data is kept)."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="view_days")
    date = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "date"], name="news_pageviewday_unique_day")
        ]


def most_read(home: Page, limit: int = 5, days: int = MOST_READ_DAYS):
    """The site's articles most viewed over the last `days` days (one query)."""
    since = timezone.localdate() - datetime.timedelta(days=days)
    return (
        site_articles(home)
        .annotate(views=Sum("view_days__count", filter=Q(view_days__date__gte=since)))
        .filter(views__gt=0)
        .order_by("-views", "-date")[:limit]
    )
