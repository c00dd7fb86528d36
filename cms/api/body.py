"""Until writes and questions import `cms.api.http` (their migration removes this)."""

from .http import JSON_MAX_DEPTH, json_object

__all__ = ["JSON_MAX_DEPTH", "json_object"]
