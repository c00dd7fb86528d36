from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "cms.library"
    label = "library"
    verbose_name = _("Shared library")

    def ready(self) -> None:
        from cms.library import permissions
        from sites.models import Department

        post_migrate.connect(permissions.on_post_migrate, sender=self)
        post_save.connect(permissions.on_department_saved, sender=Department)
