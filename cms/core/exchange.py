"""What every data import shares (the library's, the statistics'): the error for a file that
cannot be read at all, and the created/updated/unchanged counts an idempotent import reports."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _


class ExchangeError(Exception):
    """The file cannot be read at all (format, encoding); one line for the person running it."""


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return _("%(created)s created, %(updated)s updated, %(unchanged)s unchanged") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


def json_records(path: object, text: str) -> list[dict]:
    """The records of a JSON export: a list of objects, or ExchangeError naming the file."""
    import json

    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:  # RecursionError: nested thousands deep
        raise ExchangeError(
            _("%(path)s is not valid JSON: %(error)s") % {"path": path, "error": error}
        ) from error
    if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
        raise ExchangeError(_("%(path)s must hold a JSON list of records.") % {"path": path})
    return data
