"""The portal's URLs plus the benchmark's floor (`/bench/constant/`) and peer (`/bench/wagtail/`)."""

from django.http import JsonResponse
from django.urls import include, path

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from cms.urls import urlpatterns as portal_urlpatterns

CONSTANT = {"meta": {"total_count": 1}, "items": [{"id": 1, "title": "Hải quan"}]}


def constant(request):
    """The floor: what the server costs with no database and no cache."""
    return JsonResponse(CONSTANT)


stock = WagtailAPIRouter("bench_wagtail")
stock.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [
    path("bench/constant/", constant),
    path(
        "bench/wagtail/",
        include((stock.get_urlpatterns(), "bench_wagtail"), namespace="bench_wagtail"),
    ),
    *portal_urlpatterns,
]
