"""Administrative procedures, described once at HQ and shown on every department's site."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.library.blocks import DossierBlock, StepsBlock
from cms.library.models.base import LibraryItem
from sites.text import ascii_slugify, fold_diacritics

code_validator = RegexValidator(
    r"^[0-9A-Za-z][0-9A-Za-z.\-]{0,39}$",
    _("A procedure code is letters, digits, dots and hyphens, for example 1.008316."),
)


def fold_text(text: str) -> str:
    return fold_diacritics(text).lower()


def slug_for_code(code: str) -> str:
    """The URL form of a procedure code: "1.008316" -> "1-008316"."""
    return ascii_slugify(code.replace(".", "-"))


class Procedure(LibraryItem):
    # Every department's site search (search.query.site_search) and the API's include it.
    search_shared = True

    class Category(models.TextChoices):
        DECLARATION = "declaration", _("Customs declaration")
        TRANSPORT = "transport", _("Means of transport")
        REFUND = "refund", _("Drawback and refund")
        TRANSIT = "transit", _("Transit")
        INSPECTION = "inspection", _("Inspection and supervision")
        QUOTAS = "quotas", _("Quotas and safeguards")
        ORIGIN = "origin", _("Origin of goods")
        VALUATION = "valuation", _("Customs valuation and tariff classification")

    class Online(models.TextChoices):
        FULL = "full", _("Fully online")
        PARTIAL = "partial", _("Partly online")
        OFFLINE = "offline", _("Not online")

    class AgencyLevel(models.TextChoices):
        GENERAL = "general", _("General Department")
        DEPARTMENT = "department", _("Provincial department")
        BRANCH = "branch", _("Customs branch")

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("In force")
        SUSPENDED = "suspended", _("Suspended")
        ABOLISHED = "abolished", _("Abolished")

    code = models.CharField(_("code"), max_length=40, validators=[code_validator])
    # Wagtail's page URLs allow no dots: 1.008316 is served at …/1-008316/.
    slug = models.SlugField(_("slug"), max_length=40, editable=False)
    title = models.CharField(_("title"), max_length=500)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    online_level = models.PositiveSmallIntegerField(
        _("online service level"),
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_(
            "1 and 2: information and forms; 3: submitted online; 4: paid and returned online."
        ),
    )
    online = models.CharField(
        _("online classification"), max_length=10, choices=Online.choices, default=Online.OFFLINE
    )
    agency = models.CharField(_("implementing agency"), max_length=255)
    agency_level = models.CharField(
        _("agency level"), max_length=12, choices=AgencyLevel.choices, default=AgencyLevel.BRANCH
    )
    processing_time = models.CharField(_("processing time"), max_length=255, blank=True)
    fees = models.CharField(_("fees"), max_length=255, blank=True)
    applicants = models.TextField(_("who may apply"), blank=True)
    dossier = StreamField(DossierBlock(), blank=True, verbose_name=_("dossier components"))
    steps = StreamField(StepsBlock(), blank=True, verbose_name=_("steps"))
    legal_bases = ParentalManyToManyField(
        "library.LegalDocument",
        blank=True,
        related_name="procedures",
        verbose_name=_("legal bases"),
    )
    forms = ParentalManyToManyField(
        "wagtaildocs.Document", blank=True, related_name="+", verbose_name=_("forms")
    )
    online_url = models.URLField(_("online submission link"), blank=True)
    effective_on = models.DateField(_("effective from"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.IN_FORCE
    )
    # Code and title, lower case without diacritics, so "hoan thue" finds "Hoàn thuế" on
    # every database (SQLite's LIKE folds ASCII case only).
    folded_text = models.CharField(max_length=600, editable=False, default="")

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("status")]),
        FieldPanel("title"),
        FieldPanel("category"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("online_level"), FieldPanel("online")]),
                FieldPanel("online_url"),
            ],
            heading=_("Online service"),
        ),
        FieldRowPanel([FieldPanel("agency"), FieldPanel("agency_level")]),
        FieldRowPanel([FieldPanel("processing_time"), FieldPanel("fees")]),
        FieldPanel("applicants"),
        FieldPanel("dossier"),
        FieldPanel("steps"),
        FieldPanel("legal_bases"),
        FieldPanel("forms"),
        FieldPanel("effective_on"),
        MultiFieldPanel(
            [FieldPanel("review_by"), FieldPanel("needs_review"), FieldPanel("review_reason")],
            heading=_("Review"),
        ),
    ]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("agency"),
        TranslatableField("processing_time"),
        TranslatableField("fees"),
        TranslatableField("applicants"),
        TranslatableField("dossier"),
        TranslatableField("steps"),
        SynchronizedField("code"),
        SynchronizedField("category"),
        SynchronizedField("online_level"),
        SynchronizedField("online"),
        SynchronizedField("agency_level"),
        SynchronizedField("legal_bases"),
        SynchronizedField("forms"),
        SynchronizedField("online_url"),
        SynchronizedField("effective_on"),
        SynchronizedField("status"),
    ]
    search_fields = [
        index.SearchField("code", boost=3),
        index.SearchField("title", boost=2),
        index.SearchField("applicants"),
        index.SearchField("agency"),
        index.AutocompleteField("title"),
        index.AutocompleteField("code"),
        index.FilterField("locale"),
        index.FilterField("live"),
        index.FilterField("category"),
        index.FilterField("online_level"),
        index.FilterField("online"),
        index.FilterField("status"),
    ]

    class Meta(LibraryItem.Meta):
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "code"], name="library_procedure_code_per_locale"
            ),
            models.UniqueConstraint(
                fields=["locale", "slug"], name="library_procedure_slug_per_locale"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.title}"

    def save(self, *args, **kwargs) -> None:
        self.slug = slug_for_code(self.code)
        self.folded_text = fold_text(f"{self.code} {self.title}")
        super().save(*args, **kwargs)

    # Shared search protocol (search.query): exact code matches first, facets and snippet.
    @property
    def search_identifier(self) -> str:
        return self.code

    @property
    def search_category(self) -> str:
        return str(self.get_category_display())

    @property
    def search_date(self):
        return self.effective_on

    @property
    def search_snippet(self) -> str:
        return " · ".join(text for text in (self.code, self.agency, self.processing_time) if text)

    @property
    def is_online(self) -> bool:
        """Counted online as the seed article counts it: level 3 or above."""
        return self.online_level >= 3
