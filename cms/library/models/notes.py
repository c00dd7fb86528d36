"""A department's own information about a shared procedure, kept beside it, never a copy."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from sites.models import Department, DepartmentOwned


class LocalNote(TranslatableMixin, DepartmentOwned):
    """Where and when to carry out a procedure at one department: shown on its site only.

    Translatable (wagtail-localize): the department's editors translate office, address,
    hours, gates and notes; every language version points to the same Vietnamese procedure
    (a synchronised field), so translating a note never writes HQ's library.
    """

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

    translatable_fields = [
        TranslatableField("office"),
        TranslatableField("address"),
        TranslatableField("hours"),
        TranslatableField("border_gates"),
        TranslatableField("notes"),
        SynchronizedField("department"),
        SynchronizedField("procedure"),
        SynchronizedField("hotline"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("local note")
        verbose_name_plural = _("local notes")
        constraints = [
            models.UniqueConstraint(
                fields=["department", "procedure", "locale"],
                name="library_one_note_per_department_and_locale",
            )
        ]

    def __str__(self) -> str:
        return f"{self.department.code}: {self.procedure.code}"


def local_notes_in(department: Department | None, locale: Locale) -> models.QuerySet[LocalNote]:
    """The department's notes as a reader of `locale` sees them: each note once, in `locale`,
    or in the default language (the original) while it has no translation into it."""
    if department is None:
        return LocalNote.objects.none()
    notes = LocalNote.objects.filter(department=department)
    translated = notes.filter(locale=locale).values("translation_key")
    return notes.filter(
        Q(locale=locale) | (Q(locale=Locale.get_default()) & ~Q(translation_key__in=translated))
    )


def local_notes_for(department: Department | None, procedure) -> models.QuerySet[LocalNote]:
    """The department's notes on `procedure`, in the procedure's language (`local_notes_in`)."""
    return local_notes_in(department, procedure.locale).filter(
        procedure__translation_key=procedure.translation_key
    )
