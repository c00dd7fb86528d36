"""Yearly targets: nationally (HQ's row) or for one department."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel

from sites.models import DepartmentOwned

if TYPE_CHECKING:  # django-stubs is a test dependency only
    from django_stubs_ext import StrOrPromise


def percent(verbose_name: StrOrPromise) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )


class Target(DepartmentOwned):
    """What a year should reach, in percent; HQ's targets are the national ones."""

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    level3_share = percent(_("procedures online at level 3 or 4 (%)"))
    level4_share = percent(_("procedures online at level 4 (%)"))
    core_full_share = percent(_("core services fully online (%)"))
    on_time_rate = percent(_("dossiers processed on time (%)"))

    panels = [
        FieldRowPanel([FieldPanel("department"), FieldPanel("year")]),
        FieldRowPanel([FieldPanel("level3_share"), FieldPanel("level4_share")]),
        FieldRowPanel([FieldPanel("core_full_share"), FieldPanel("on_time_rate")]),
    ]

    class Meta:
        verbose_name = _("yearly target")
        verbose_name_plural = _("yearly targets")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "year"], name="statistics_one_target_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.department.code} {self.year}"
