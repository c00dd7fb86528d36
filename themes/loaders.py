"""Template loaders that resolve `themes/<request's theme>/templates/…`, then `themes/default/…`."""

from pathlib import Path

from django.template import Origin
from django.template.loaders.cached import Loader as CachedLoader
from django.template.loaders.filesystem import Loader as FilesystemLoader

from themes.context import active_theme
from themes.registry import DEFAULT_THEME, get_theme


class ThemeLoader(FilesystemLoader):
    """Looks in the current theme's templates, then in the default theme's."""

    def get_dirs(self) -> list[str | Path]:
        theme = get_theme(active_theme())
        dirs: list[str | Path] = [theme.templates_dir]
        if theme.name != DEFAULT_THEME:
            dirs.append(get_theme(DEFAULT_THEME).templates_dir)
        return dirs


class ThemeCachedLoader(CachedLoader):
    """Django's cached loader, with the theme in the cache key so themes never share an entry."""

    def cache_key(self, template_name: str, skip: list[Origin] | None = None) -> str:
        return f"{active_theme()}:{super().cache_key(template_name, skip)}"
