"""The abstract page every page type of the portal builds on, and review dates."""

import calendar
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, overload

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index
from wagtail.utils.decorators import cached_classmethod

from sites.models import Department
from sites.references import Ownership, ReferencesChecked, ReferencesCheckedPageForm

from .panels import page_edit_handler
from .slugs import settle_slug

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager

    from wagtail.models.pages import PageManagerQuerySet

_Child = TypeVar("_Child", bound=models.Model)


class ChildObjects(Generic[_Child]):
    """The type of a modelcluster child relation (a `ParentalKey`'s `related_name`) on its
    parent page, for mypy only: Wagtail and modelcluster carry no types, so django-stubs
    would see a plain reverse foreign key, which cannot be assigned a list.

    Declare it on the parent (`units: ChildObjects["ContactUnit"]`): reading gives the
    related manager, assigning sets the children from a list, as modelcluster does.
    """

    @overload
    def __get__(self, instance: None, owner: Any) -> "ChildObjects[_Child]": ...
    @overload
    def __get__(self, instance: models.Model, owner: Any) -> "RelatedManager[_Child]": ...
    def __get__(self, instance, owner):
        raise NotImplementedError

    def __set__(self, instance: models.Model, value: Iterable[_Child]) -> None:
        raise NotImplementedError


def add_months(day: date, months: int) -> date:
    """`day` plus whole months, on the month's last day when it is shorter (31 Jan + 1 = 28 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


class ReviewDated(models.Model):
    """A "review by" date, renewed on publish from the type's `review_interval_months`."""

    review_by = models.DateField(
        _("review by"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "When the content must next be checked; set on publishing from the type's interval."
        ),
    )

    #: How many months published content stays valid; None: never due (news).
    review_interval_months: int | None = 12

    class Meta:
        abstract = True

    @classmethod
    def due_condition(cls, today: date) -> Q:
        """The rows due on `today` (a subclass adds its own flags)."""
        return Q(review_by__lte=today)

    def renewed_review_date(self, today: date) -> date | None:
        """The date publishing on `today` sets: kept while still ahead, renewed once due."""
        if self.review_interval_months is None:
            return None
        if self.review_by is not None and self.review_by > today:
            return self.review_by
        return add_months(today, self.review_interval_months)


class BasePage(ReferencesChecked, ReviewDated, Page):
    """Shared base of every page type.

    Subclasses extend, not replace, the class lists:
    `content_panels = BasePage.content_panels + [FieldPanel("body")]`,
    `search_fields = BasePage.search_fields + [index.SearchField("body")]`,
    `api_fields = BasePage.api_fields + [APIField("body")]`.
    A page type sets `review_interval_months` (12 here; None for content never reviewed) and
    publishing sets its `review_by` date (`cms.core.review`).
    Slugs are ASCII with their letters kept ("Đồng Nai" -> "dong-nai"), whatever gives them
    (admin, API, import, a translation): `cms.core.slugs.settle_slug` runs before every
    validation.
    A page refers only to its own department's pages, images, documents and rows, or to shared
    ones (`sites.references`); a subclass's admin form builds on `ReferencesCheckedPageForm`.
    """

    teaser = models.TextField(
        _("teaser"),
        blank=True,
        help_text=_("One or two sentences shown in listings and as the meta description."),
    )

    content_panels = [*Page.content_panels, FieldPanel("teaser")]
    settings_panels = [*Page.settings_panels, FieldPanel("review_by")]
    search_fields = [*Page.search_fields, index.SearchField("teaser")]
    api_fields = [APIField("teaser")]
    base_form_class = ReferencesCheckedPageForm

    # Page's own fields that this class writes; declared since Wagtail has no type information.
    slug: str
    # Page's manager, declared because django-stubs cannot follow Wagtail's from_queryset().
    objects: ClassVar["PageManagerQuerySet"]

    class Meta:
        abstract = True

    def reference_owner(self) -> Department | None:
        return Ownership().of_page(self)

    @cached_classmethod
    def get_edit_handler(cls):
        """The page form; its tabs are `#tab-content`, `#tab-promote`, `#tab-settings` in
        every language (`cms.core.panels`)."""
        return page_edit_handler(cls).bind_to_model(cls)

    def full_clean(self, *args, **kwargs) -> None:
        settle_slug(self)
        super().full_clean(*args, **kwargs)

    def minimal_clean(self) -> None:
        # What Page.save() runs instead of full_clean() for a page that is not live.
        settle_slug(self)
        super().minimal_clean()


class ReviewReminder(models.Model):
    """That a department's editors were reminded of what is due on one day (at most once a day)."""

    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.CASCADE, related_name="+"
    )
    sent_on = models.DateField(_("sent on"))
    items = models.PositiveIntegerField(_("items due"), default=0)

    class Meta:
        verbose_name = _("review reminder")
        verbose_name_plural = _("review reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["department", "sent_on"], name="core_one_review_reminder_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.department.code} {self.sent_on}"
