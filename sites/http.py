"""The request as this project's middleware leaves it, typed for views and middleware.

Django's `HttpRequest` knows nothing of what middleware attaches; a view that reads
`request.department` annotates its request as `DepartmentRequest` (an admin view, behind
Wagtail's `require_admin_access`, as `AdminRequest`). These are annotations only: the object
is the `HttpRequest` Django made, so nothing here is instantiated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404, HttpRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from sites.models import Department

    class OTPUser(User):
        """A signed-in person as django-otp's `OTPMiddleware` leaves them."""

        def is_verified(self) -> bool:
            """Whether this session passed the second factor."""
            ...

    class OTPAnonymousUser(AnonymousUser):
        def is_verified(self) -> bool: ...


class DepartmentRequest(HttpRequest):
    """A request past the project's middleware (`MIDDLEWARE` in cms/settings/base.py)."""

    # sites.middleware.DepartmentMiddleware: the department whose site the Host names
    # (None: a host that is no department's, e.g. the bare default site).
    department: Department | None
    # django.contrib.auth's AuthenticationMiddleware, with django-otp's `is_verified()`.
    user: OTPUser | OTPAnonymousUser


class AdminRequest(DepartmentRequest):
    """A request to an admin view: Wagtail's `require_admin_access` let only people with
    admin access through, so there is a signed-in user."""

    user: OTPUser


def request_department(request: DepartmentRequest) -> Department:
    """The department whose site serves the request; 404 on a host that is no department's."""
    if request.department is None:
        raise Http404
    return request.department
