from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "cms.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from sites.blueprint import Blueprint, Section, register_blueprint

        from . import checks, slugs, uploads

        slugs.register_ascii_slug_fields()
        uploads.connect_model_checks()
        checks.register_checks()

        # What every department's site starts with; later work fills the sections.
        register_blueprint(
            Blueprint(
                home_model="home.HomePage",
                sections=(
                    Section("gioi-thieu", "standard.StandardPage", _("Introduction")),
                    Section("tin-tuc", "news.NewsIndexPage", _("News")),
                    Section(
                        "thu-tuc-hanh-chinh",
                        "library.ProcedureIndexPage",
                        _("Administrative procedures"),
                    ),
                    Section("lien-he", "standard.ContactPage", _("Contact")),
                ),
            )
        )
