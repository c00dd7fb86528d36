"""The theme registry: a theme is a folder `themes/<name>/` with `templates/` and `static/`.

Themes are data: the request's site chooses one in its settings, and every
template falls back to `default`, the uniform Customs look.
"""

from dataclasses import dataclass
from pathlib import Path

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

THEMES_DIR = Path(__file__).resolve().parent
DEFAULT_THEME = "default"


@dataclass(frozen=True)
class Theme:
    name: str
    label: str | Promise

    @property
    def templates_dir(self) -> Path:
        return THEMES_DIR / self.name / "templates"

    @property
    def static_dir(self) -> Path:
        return THEMES_DIR / self.name / "static"


_registry: dict[str, Theme] = {}


def register_theme(name: str, label: str | Promise) -> Theme:
    """Register a theme folder under `themes/`; registering the same name again replaces it."""
    theme = Theme(name=name, label=label)
    _registry[name] = theme
    return theme


def get_theme(name: str | None) -> Theme:
    """Return the named theme, or `default` for an unknown or empty name."""
    return _registry.get(name or DEFAULT_THEME) or _registry[DEFAULT_THEME]


def all_themes() -> list[Theme]:
    return list(_registry.values())


def theme_choices() -> list[tuple[str, str | Promise]]:
    return [(theme.name, theme.label) for theme in _registry.values()]


register_theme(DEFAULT_THEME, _("Uniform Customs theme"))
register_theme("high_contrast", _("High contrast"))
