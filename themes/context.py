"""The theme of the request being served, for the template loader."""

from contextvars import ContextVar

from themes.registry import DEFAULT_THEME

current_theme: ContextVar[str] = ContextVar("current_theme", default=DEFAULT_THEME)
