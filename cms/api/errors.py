"""RFC 9457 problem details: every error the API gives is JSON naming the parameter and the reason."""

from collections.abc import Sequence

from django.http import HttpRequest, HttpResponse, JsonResponse

from cms.core.renditions import RenditionBusy, RenditionRefused
from cms.core.views import bad_request as bad_request_page
from cms.core.views import bad_request_message

PROBLEM_TYPE = "application/problem+json"
READ_METHODS = ("GET", "HEAD", "OPTIONS")


class ApiError(Exception):
    """An error answered as a problem body; `parameter` names the offending query parameter."""

    status = 400
    title = "Bad request"

    def __init__(self, detail: str, parameter: str | None = None, status: int | None = None):
        super().__init__(detail)
        self.detail = detail
        self.parameter = parameter
        if status is not None:
            self.status = status


class NotFound(ApiError):
    status = 404
    title = "Not found"


TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    422: "Unprocessable content",
    503: "Service unavailable",
    413: "Content too large",
    415: "Unsupported media type",
}

#: Errors of cms.core.renditions, answered by every API view that makes renditions.
RENDITION_ERRORS = (RenditionBusy, RenditionRefused)


def problem(
    status: int, detail: str, parameter: str | None = None, instance: str = ""
) -> JsonResponse:
    body = {
        "type": "about:blank",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    if parameter:
        body["parameter"] = parameter
    if instance:
        body["instance"] = instance
    response = JsonResponse(
        body, status=status, content_type=PROBLEM_TYPE, json_dumps_params={"ensure_ascii": False}
    )
    return response


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's `handler400` (an unknown host, a malformed request): a problem body under
    /api/, the themed page elsewhere; neither reads the database."""
    if request.path.startswith("/api/"):
        return problem(400, str(bad_request_message(exception)))
    return bad_request_page(request, exception)


def rendition_problem(error: Exception, instance: str = "") -> JsonResponse:
    """503 with Retry-After while another request makes the rendition; 422 for an oversized original."""
    if isinstance(error, RenditionBusy):
        response = problem(
            503, "the image is being prepared; retry after Retry-After seconds", instance=instance
        )
        response["Retry-After"] = str(error.retry_after)
        return response
    return problem(
        422,
        "the image has more pixels than the portal renders; an editor must replace it",
        instance=instance,
    )


def method_not_allowed(request: HttpRequest, allowed: Sequence[str]) -> JsonResponse:
    """405 as a problem body, with the `Allow` header RFC 9110 requires."""
    response = problem(405, f"{request.method} is not allowed here", instance=request.path)
    response["Allow"] = ", ".join(allowed)
    return response


def allowed_methods(allowed: Sequence[str]) -> HttpResponse:
    """The answer to OPTIONS: no body, the methods in `Allow`."""
    response = HttpResponse(status=200)
    response["Allow"] = ", ".join(allowed)
    response["Content-Length"] = "0"
    return response
