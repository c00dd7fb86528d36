"""RFC 9457 problem details: every error the API gives is JSON naming the parameter and the reason."""

from collections.abc import Sequence

from django.http import HttpRequest, HttpResponse, JsonResponse

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
    413: "Content too large",
    415: "Unsupported media type",
}


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
