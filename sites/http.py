"""The request as this project's middleware leaves it: typed, so views need no `type: ignore`."""

from django.http import HttpRequest

from sites.models import Department


class DepartmentRequest(HttpRequest):
    """An HttpRequest after `sites.middleware.DepartmentMiddleware`: the Host's department, or
    None for a host that is no department's."""

    department: Department | None
