"""The theme of the request being served, for the template loader.

The middleware sets a resolver rather than a name, so a request that renders
no template (an API answer, a beacon) never reads its site's settings.
"""

from collections.abc import Callable
from contextvars import ContextVar
from functools import cache

from themes.registry import DEFAULT_THEME

current_theme: ContextVar[str | Callable[[], str]] = ContextVar(
    "current_theme", default=DEFAULT_THEME
)


def active_theme() -> str:
    """The name of the current request's theme (resolved once per request)."""
    theme = current_theme.get()
    return theme if isinstance(theme, str) else theme()


def lazy_theme(resolve: Callable[[], str]) -> Callable[[], str]:
    """A resolver that calls `resolve` on first use only."""
    return cache(resolve)
