from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "cms.library"
    label = "library"
    verbose_name = _("Shared library")

    def ready(self) -> None:
        from cms.library import permissions
        from sites.grants import grant_to_departments
        from sites.restructure.rules import register_merge_rule

        post_migrate.connect(permissions.on_post_migrate, sender=self)
        # Two notes on one procedure: the target keeps its own, the merged one's text is appended.
        register_merge_rule("library.LocalNote", append=("notes", "border_gates"))
        # Every department group reads and chooses the shared library and keeps its own notes.
        grant_to_departments("library.Procedure", ("view",))
        grant_to_departments("library.LegalDocument", ("view",))
        grant_to_departments("library.LocalNote", ("add", "change", "delete", "view"))
