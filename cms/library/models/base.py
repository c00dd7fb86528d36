"""What every library snippet shares: translation, drafts, revisions, locking, moderation."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.models import ClusterableModel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index

from cms.core.models import ReviewDated
from sites.models import Department
from sites.references import ReferencesChecked, ReferencesCheckedModelForm


class LibraryItem(
    ReferencesChecked,
    ReviewDated,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    TranslatableMixin,
    index.Indexed,
    ClusterableModel,
):
    """A snippet, not a page: it lives once, outside every department's tree, and each
    department's procedures page shows it under that department's own URLs.

    The row holds the published version; drafts live in revisions (DraftStateMixin),
    so public queries read rows with `live=True` and never see a draft. It is HQ's: the files
    it refers to are HQ's or the shared collection's, never a department's (`sites.references`).
    """

    needs_review = models.BooleanField(
        _("needs review"),
        default=False,
        help_text=_("Set when a legal document it cites is amended, replaced or expired."),
    )
    review_reason = models.CharField(_("review reason"), max_length=500, blank=True)

    # Shared search protocol (search.query): every department's site search finds the live
    # items in its language, each linked under that department's own procedures section.
    search_shared = True
    base_form_class = ReferencesCheckedModelForm

    class Meta(TranslatableMixin.Meta):
        abstract = True

    @classmethod
    def due_condition(cls, today):
        """Due by date, or flagged because a legal document it cites changed."""
        return super().due_condition(today) | models.Q(needs_review=True)

    def reference_owner(self) -> Department | None:
        return Department.objects.filter(is_headquarters=True).first()

    def get_url_for_site(self, site, request=None) -> str | None:
        """Where this item is read on `site`: under that site's procedures section, same language.

        None when the site has no live procedures section in this item's language.
        """
        from cms.library.models.pages import ProcedureIndexPage

        section = ProcedureIndexPage.for_site(site, self.locale_id)
        return section.url_for_item(self, request) if section is not None else None

    def get_preview_template(self, request, mode_name: str) -> str:
        return f"library/{self._meta.model_name}_preview.html"

    def get_preview_context(self, request, mode_name: str) -> dict:
        return {**super().get_preview_context(request, mode_name), "object": self}
