"""What figures are counted for: an administrative procedure of the library, or another online
service (extension of transit of goods), and how it was classified each year."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from cms.library.models.procedures import code_validator


class Service(ClusterableModel):
    """One counted service, keyed by code: a procedure's code (1.008316) or the service's own."""

    class Kind(models.TextChoices):
        PROCEDURE = "procedure", _("Administrative procedure")
        OTHER = "other", _("Other online service")

    code = models.CharField(_("code"), max_length=40, unique=True, validators=[code_validator])
    name = models.CharField(_("name"), max_length=500)
    name_en = models.CharField(_("name in English"), max_length=500, blank=True)
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.PROCEDURE,
        help_text=_("Only administrative procedures count towards the coverage by level."),
    )
    procedure = models.ForeignKey(
        "library.Procedure",
        verbose_name=_("procedure"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"locale__language_code": "vi"},
        help_text=_("The procedure in the shared library, where there is one."),
    )

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("kind"), FieldPanel("procedure")]),
        FieldPanel("name"),
        FieldPanel("name_en"),
        InlinePanel("classifications", heading=_("Classification by year"), label=_("year")),
    ]

    class Meta:
        verbose_name = _("counted service")
        verbose_name_plural = _("counted services")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def localized_name(self, language: str | None = None) -> str:
        language = language or (get_language() or "vi")
        return self.name_en if language.startswith("en") and self.name_en else self.name


class Classification(Orderable):
    """A service's online level, online classification and core flag as of one year."""

    class Online(models.TextChoices):
        FULL = "full", _("Fully online")
        PARTIAL = "partial", _("Partly online")
        OFFLINE = "offline", _("Not online")

    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="classifications")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    level = models.PositiveSmallIntegerField(
        _("online service level"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    online = models.CharField(
        _("online classification"), max_length=10, choices=Online.choices, default=Online.OFFLINE
    )
    is_core = models.BooleanField(
        _("core service"),
        default=False,
        help_text=_("Core (popular) services count towards the fully-online target."),
    )

    panels = [
        FieldRowPanel(
            [FieldPanel("year"), FieldPanel("level"), FieldPanel("online"), FieldPanel("is_core")]
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("classification")
        verbose_name_plural = _("classifications")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "year"], name="statistics_one_classification_per_year"
            )
        ]
        indexes = [models.Index(fields=["year", "level"], name="statistics_class_year_level")]

    def __str__(self) -> str:
        return f"{self.service.code} {self.year}: {self.level}"
