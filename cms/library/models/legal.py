"""Legal documents: the laws, decrees and circulars procedures are based on."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.library.models.base import LibraryItem
from sites.text import ascii_slugify


class LegalDocument(LibraryItem):
    # Every department's site search (search.query.site_search) and the API's include it.
    search_shared = True

    class Type(models.TextChoices):
        LAW = "law", _("Law")
        RESOLUTION = "resolution", _("Resolution")
        DECREE = "decree", _("Decree")
        CIRCULAR = "circular", _("Circular")
        DECISION = "decision", _("Decision")
        OFFICIAL_LETTER = "official_letter", _("Official letter")

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("In force")
        AMENDED = "amended", _("Amended")
        REPLACED = "replaced", _("Replaced")
        EXPIRED = "expired", _("Expired")

    # A legal text is replaced by a new one, not reviewed: its status feeds the procedures' flag.
    review_interval_months = None

    # A document citing one of these statuses no longer reads as it did: review procedures.
    REVIEW_STATUSES = (Status.AMENDED, Status.REPLACED, Status.EXPIRED)

    number = models.CharField(
        _("number"), max_length=60, help_text=_("As printed, for example 85/2019/NĐ-CP.")
    )
    slug = models.SlugField(_("slug"), max_length=80, editable=False)
    title = models.CharField(_("title"), max_length=500)
    doc_type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    issuer = models.CharField(_("issuer"), max_length=255)
    issued_on = models.DateField(_("issued on"))
    effective_on = models.DateField(_("effective from"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IN_FORCE
    )
    amends = ParentalManyToManyField(
        "self", symmetrical=False, blank=True, related_name="amended_by", verbose_name=_("amends")
    )
    replaces = ParentalManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )
    summary = models.TextField(_("summary"), blank=True)
    file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("number"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("doc_type"), FieldPanel("status")]),
        FieldPanel("issuer"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("issued_on"), FieldPanel("effective_on"), FieldPanel("expires_on")]
                )
            ],
            heading=_("Dates"),
        ),
        FieldPanel("amends"),
        FieldPanel("replaces"),
        FieldPanel("summary"),
        FieldPanel("file"),
    ]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("issuer"),
        TranslatableField("summary"),
        SynchronizedField("number"),
        SynchronizedField("doc_type"),
        SynchronizedField("issued_on"),
        SynchronizedField("effective_on"),
        SynchronizedField("expires_on"),
        SynchronizedField("status"),
        SynchronizedField("file"),
    ]
    search_fields = [
        index.SearchField("number", boost=3),
        index.SearchField("title", boost=2),
        index.SearchField("summary"),
        index.AutocompleteField("number"),
        index.AutocompleteField("title"),
        index.FilterField("locale"),
        index.FilterField("live"),
        index.FilterField("status"),
        index.FilterField("doc_type"),
    ]

    class Meta(LibraryItem.Meta):
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")
        ordering = ["-issued_on", "number"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="library_legal_slug_per_locale")
        ]

    def __str__(self) -> str:
        return f"{self.number} – {self.title}"

    def save(self, *args, **kwargs) -> None:
        self.slug = ascii_slugify(self.number.replace("/", "-").replace(".", "-"))
        update_fields = kwargs.get("update_fields")
        # save_revision() saves only revision bookkeeping fields: the status stays a draft.
        writes_status = self.pk and (update_fields is None or "status" in update_fields)
        previous = (
            type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if writes_status
            else None
        )
        super().save(*args, **kwargs)
        if self.status in self.REVIEW_STATUSES and previous not in (None, self.status):
            self.flag_citing_procedures()

    def flag_citing_procedures(self) -> int:
        """Mark every procedure citing this document (any language) for review by HQ.

        Runs when the published row changes status (a draft never reaches the row);
        the flag is cleared by an HQ editor who reviews and republishes the procedure.
        """
        from cms.library.models.procedures import Procedure

        reason = _("%(number)s is now %(status)s") % {
            "number": self.number,
            "status": self.get_status_display().lower(),
        }
        citing = Procedure.objects.filter(legal_bases__translation_key=self.translation_key).values(
            "pk"
        )
        return Procedure.objects.filter(pk__in=citing).update(
            needs_review=True, review_reason=str(reason)[:500]
        )

    # Shared search protocol (search.query): exact number matches first, facets and snippet.
    @property
    def search_identifier(self) -> str:
        return self.number

    @property
    def search_category(self) -> str:
        return str(self.get_doc_type_display())

    @property
    def search_date(self):
        return self.issued_on

    @property
    def search_snippet(self) -> str:
        return self.summary or f"{self.number} · {self.issuer}"

    @property
    def needs_procedure_review(self) -> bool:
        return self.status in self.REVIEW_STATUSES
