"""The lockout backend, for logins that come with a request.

django-axes counts failures per account and per client address, so it needs the request;
Django's `authenticate()` without one (the test client's `login()`, a shell script) is no web
login and has no address to lock. Such calls skip the lockout check and go on to the next
backend, instead of failing with `AxesBackendRequestParameterRequired`; every web login
(Wagtail's and Django's login views) passes its request and is counted.
"""

from typing import Any

from django.http import HttpRequest

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    def authenticate(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)
