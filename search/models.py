"""Per-department search data: editor's picks and popular queries (no personal data)."""

from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page
from wagtail.search import index

from sites.models import DepartmentOwned
from sites.text import fold_diacritics


def normalise_query(query: str) -> str:
    """Folded, lower-case, single-spaced: "  Thủ  tục " and "thu tuc" count as one query."""
    return " ".join(fold_diacritics(query).lower().split())[:200]


class EditorsPick(index.Indexed, DepartmentOwned):
    """A page an editor puts first for one query on their own department's site.

    Indexed, so that the admin's snippet search folds diacritics like every other admin search
    ("Đường dây nóng" finds the stored, normalised "duong day nong"), within the department's rows.
    """

    query = models.CharField(_("query"), max_length=200)
    page = models.ForeignKey(
        Page, verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    search_fields = [
        index.SearchField("query"),
        index.AutocompleteField("query"),
        index.RelatedFields("page", [index.SearchField("title"), index.AutocompleteField("title")]),
        index.FilterField("department"),
    ]

    class Meta:
        verbose_name = _("editor's pick")
        verbose_name_plural = _("editor's picks")
        ordering = ["query", "sort_order"]

    def __str__(self) -> str:
        return f"{self.query} → {self.page.title}"

    def save(self, *args, **kwargs) -> None:
        self.query = normalise_query(self.query)
        super().save(*args, **kwargs)


class PopularQuery(DepartmentOwned):
    """How often a (normalised) query was searched on a department's site per day; nothing about who."""

    query = models.CharField(_("query"), max_length=200)
    date = models.DateField(_("date"), default=timezone.localdate)
    hits = models.PositiveIntegerField(_("searches"), default=0)

    class Meta:
        verbose_name = _("popular query")
        verbose_name_plural = _("popular queries")
        ordering = ["-date", "-hits"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "query", "date"], name="portal_search_query_per_day"
            )
        ]

    def __str__(self) -> str:
        return self.query

    @classmethod
    def record(cls, department, query: str) -> None:
        normalised = normalise_query(query)
        if not normalised:
            return
        row, _created = cls.objects.get_or_create(
            department=department, query=normalised, date=timezone.localdate()
        )
        cls.objects.filter(pk=row.pk).update(hits=F("hits") + 1)


class ZeroResultQuery(DepartmentOwned):
    """A (normalised) query that found nothing on a department's site, counted per day; nothing about who.

    The department's editors read them (Admin → Snippets → Zero-result queries) to add synonyms
    (`search/synonyms/<language>.txt`) and editor's picks.
    """

    query = models.CharField(_("query"), max_length=200)
    language = models.CharField(_("language"), max_length=8, default="vi")
    date = models.DateField(_("date"), default=timezone.localdate)
    searches = models.PositiveIntegerField(_("searches"), default=0)

    #: New queries stored per department and day; later ones that day are not recorded.
    DAILY_NEW_ROWS = 1000

    class Meta:
        verbose_name = _("zero-result query")
        verbose_name_plural = _("zero-result queries")
        ordering = ["-date", "-searches"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "query", "language", "date"],
                name="portal_search_zero_result_per_day",
            )
        ]

    def __str__(self) -> str:
        return self.query

    @classmethod
    def record(cls, department, query: str, language: str) -> None:
        """Count one search of `query` today; a new query is stored while the department has
        fewer than `DAILY_NEW_ROWS` rows today (anyone may search: a flood of made-up queries
        must not grow the table without bound)."""
        normalised = normalise_query(query)
        if not normalised:
            return
        today = timezone.localdate()
        key = {"department": department, "query": normalised, "language": language, "date": today}
        if not cls.objects.filter(**key).update(searches=F("searches") + 1):
            if cls.objects.filter(department=department, date=today).count() >= cls.DAILY_NEW_ROWS:
                return
            row, _created = cls.objects.get_or_create(**key)
            cls.objects.filter(pk=row.pk).update(searches=F("searches") + 1)
