"""A department's own information about a shared procedure, kept beside it, never a copy."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from sites.models import DepartmentOwned


class LocalNote(DepartmentOwned):
    """Where and when to carry out a procedure at one department: shown on its site only."""

    procedure = models.ForeignKey(
        "library.Procedure",
        verbose_name=_("procedure"),
        on_delete=models.CASCADE,
        related_name="local_notes",
        limit_choices_to={"locale__language_code": "vi"},
    )
    office = models.CharField(_("office"), max_length=255, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    hours = models.CharField(_("opening hours"), max_length=255, blank=True)
    hotline = models.CharField(_("hotline"), max_length=40, blank=True)
    border_gates = models.TextField(_("border gates"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    panels = [
        FieldPanel("department"),
        FieldPanel("procedure"),
        FieldPanel("office"),
        FieldPanel("address"),
        FieldPanel("hours"),
        FieldPanel("hotline"),
        FieldPanel("border_gates"),
        FieldPanel("notes"),
    ]

    class Meta:
        verbose_name = _("local note")
        verbose_name_plural = _("local notes")
        constraints = [
            models.UniqueConstraint(
                fields=["department", "procedure"], name="library_one_note_per_department"
            )
        ]

    def __str__(self) -> str:
        return f"{self.department.code}: {self.procedure.code}"
