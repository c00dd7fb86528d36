"""The bench's floor: a bare Django view (no apps, no middleware), served by the same gunicorn layout."""

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-only-not-a-secret",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402

CONSTANT = {"meta": {"total_count": 1}, "items": [{"id": 1, "title": "Hải quan"}]}


def constant(request):
    return JsonResponse(CONSTANT)


urlpatterns = [path("bare/", constant)]
application = get_wsgi_application()
