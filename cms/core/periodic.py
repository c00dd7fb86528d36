"""Steps of the periodic job (`manage.py run_periodic`) that other apps add in their `ready()`."""

from __future__ import annotations

from collections.abc import Callable

#: name → a callable returning one line per action taken.
_steps: dict[str, Callable[[], list[str]]] = {}


def register_periodic_step(name: str, step: Callable[[], list[str]]) -> None:
    _steps[name] = step


def registered_steps() -> dict[str, Callable[[], list[str]]]:
    return dict(_steps)
