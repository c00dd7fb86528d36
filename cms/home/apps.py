from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "cms.home"
    label = "home"
    verbose_name = _("Home")

    def ready(self) -> None:
        from sites.blueprint import Blueprint, Section, register_blueprint

        # What every department's site starts with: this app's home page and its sections.
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
