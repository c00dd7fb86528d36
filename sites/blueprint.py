"""What a department's site is made of: the home page type and its standard sections.

`sites` never imports content apps; a content app registers the blueprint
(`register_blueprint`) in its AppConfig.ready(), naming page models by label.
"""

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise

from wagtail.models import Page


@dataclass(frozen=True)
class Section:
    """A standard section under every department home.

    `slug` is the Vietnamese slug and identifies the section when provisioning
    is run again; `title` is a lazily translated string, rendered in each locale.
    """

    slug: str
    model: str
    title: Promise

    def page_model(self) -> type[Page]:
        return apps.get_model(self.model)


@dataclass(frozen=True)
class Blueprint:
    home_model: str
    sections: tuple[Section, ...]

    def home_page_model(self) -> type[Page]:
        return apps.get_model(self.home_model)


_blueprint: Blueprint | None = None


def register_blueprint(blueprint: Blueprint) -> None:
    global _blueprint
    _blueprint = blueprint


def get_blueprint() -> Blueprint:
    if _blueprint is None:
        raise ImproperlyConfigured("No department blueprint is registered.")
    return _blueprint
