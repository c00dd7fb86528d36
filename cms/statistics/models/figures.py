"""Monthly dossier figures: one row per department, service and month."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from sites.models import DepartmentOwned

#: The counted quantities, in the order every format (CSV, JSON, API) lists them.
COUNTS = (
    "received_online",
    "received_other",
    "processed",
    "on_time",
    "late",
    "pending",
    "online_traders",
)


class MonthlyFigure(DepartmentOwned):
    """What one department's dossier-processing system counted for one service in one month.

    `month` is the first day of the month. Imports and pushes are keyed by
    (department, service, month), so sending the same month again corrects it.
    """

    service = models.ForeignKey(
        "statistics.Service",
        verbose_name=_("service"),
        on_delete=models.PROTECT,
        related_name="figures",
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    received_online = models.PositiveIntegerField(_("dossiers received online"), default=0)
    received_other = models.PositiveIntegerField(_("dossiers received otherwise"), default=0)
    processed = models.PositiveIntegerField(_("dossiers processed"), default=0)
    on_time = models.PositiveIntegerField(_("processed on time"), default=0)
    late = models.PositiveIntegerField(_("processed late"), default=0)
    pending = models.PositiveIntegerField(_("pending at the end of the month"), default=0)
    online_traders = models.PositiveIntegerField(_("traders submitting online"), default=0)

    panels = [
        FieldRowPanel([FieldPanel("department"), FieldPanel("service"), FieldPanel("month")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("received_online"), FieldPanel("received_other")]),
                FieldRowPanel(
                    [
                        FieldPanel("processed"),
                        FieldPanel("on_time"),
                        FieldPanel("late"),
                        FieldPanel("pending"),
                    ]
                ),
                FieldPanel("online_traders"),
            ],
            heading=_("Dossiers"),
        ),
    ]

    class Meta:
        verbose_name = _("monthly figure")
        verbose_name_plural = _("monthly figures")
        ordering = ["-month", "service__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "service", "month"],
                name="statistics_one_figure_per_month",
            )
        ]
        indexes = [
            # The national page sums by month and by service over every department.
            models.Index(fields=["month", "service"], name="statistics_fig_month_service"),
        ]

    def __str__(self) -> str:
        return f"{self.department.code} {self.service.code} {self.month:%Y-%m}"

    def clean(self) -> None:
        super().clean()
        problems = figure_problems(
            {name: getattr(self, name) for name in COUNTS}, self.month.day if self.month else 1
        )
        if problems:
            raise ValidationError(problems)


def figure_problems(counts: dict[str, int], day: int = 1) -> dict[str, str]:
    """What is inconsistent in one month's counts (field → reason); empty when they add up."""
    problems: dict[str, str] = {}
    if day != 1:
        problems["month"] = str(_("A month is given by its first day."))
    if counts["on_time"] + counts["late"] != counts["processed"]:
        problems["processed"] = str(
            _("Processed (%(processed)s) must equal on time (%(on_time)s) plus late (%(late)s).")
            % {
                "processed": counts["processed"],
                "on_time": counts["on_time"],
                "late": counts["late"],
            }
        )
    return problems
