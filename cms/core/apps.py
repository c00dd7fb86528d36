from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "cms.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from wagtail.signals import page_published, published

        from sites.restructure.rules import register_merge_rule

        from . import checks, review, slugs, tasks, uploads

        # One reminder a day per department: a merged department's counts as the larger.
        register_merge_rule("core.ReviewReminder", maximum=("items",))

        page_published.connect(review.renew_review_date, dispatch_uid="core_renew_review_page")
        published.connect(review.renew_review_date, dispatch_uid="core_renew_review_snippet")
        slugs.register_ascii_slug_fields()
        uploads.connect_model_checks()
        checks.register_checks()
        tasks.connect_rendition_pregeneration()
