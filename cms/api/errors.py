"""Until library, news, writes and questions import `cms.api.http` (their migration removes this)."""

from .http import (
    PROBLEM_TYPE,
    READ_METHODS,
    RENDITION_ERRORS,
    TITLES,
    ApiError,
    NotFound,
    allowed_methods,
    bad_request,
    method_not_allowed,
    problem,
    rendition_problem,
)

__all__ = [
    "PROBLEM_TYPE",
    "READ_METHODS",
    "RENDITION_ERRORS",
    "TITLES",
    "ApiError",
    "NotFound",
    "allowed_methods",
    "bad_request",
    "method_not_allowed",
    "problem",
    "rendition_problem",
]
