"""A department's audit trail: Wagtail log entries whose messages are built from their data.

What concerns a department as a whole (its team, its API tokens) is logged against the
`Department` object, so the Site history report can list it beside the department's pages
and snippets; what concerns one object (a question answered or erased) against that object.
An entry's `data` holds the department's own facts only (a person's username, a role code,
a token's name), and its message is rendered from them in the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.functional import Promise

from wagtail.log_actions import LogActionRegistry, LogFormatter


class DataLogFormatter(LogFormatter):
    """Fills the message's `%(key)s` placeholders from the entry's data.

    `value_labels` maps a data key to the labels of its stored codes (a role code to its
    translated name); a value missing from old entries reads as "?" rather than failing.
    """

    value_labels: Mapping[str, Mapping[str, Promise | str]] = {}

    def format_message(self, log_entry) -> str:
        values: dict[str, Any] = _Missing()
        for key, value in (log_entry.data or {}).items():
            labels = self.value_labels.get(key)
            values[key] = labels.get(value, value) if labels and value is not None else value
        return str(self.message) % values


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def register_data_action(
    actions: LogActionRegistry,
    action: str,
    label: Promise | str,
    message: Promise | str,
    value_labels: Mapping[str, Mapping[str, Promise | str]] | None = None,
) -> None:
    """Register `action` (from a `register_log_actions` hook) with a data-driven message."""
    formatter = type(
        "DataLogFormatter",
        (DataLogFormatter,),
        {"label": label, "message": message, "value_labels": value_labels or {}},
    )
    actions.register_action(action)(formatter)
