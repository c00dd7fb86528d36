"""/api/… — mounted before the i18n patterns; the language comes from ?locale= or Accept-Language.

The URL patterns of the project's own resources are generated from their declarations
(`cms.api.http.Endpoint`, one module per resource); Wagtail's v2 viewsets keep their router.
"""

from django.urls import path, re_path, register_converter
from django.views.generic import TemplateView

from wagtail.utils.urlpatterns import decorate_urlpatterns

from . import (
    alerts,
    changes,
    contract,
    department,
    documents,
    images,
    legal_documents,
    local_notes,
    news,
    pages,
    procedures,
    questions,
    search,
    statistics,
    writes,
)
from .cache import cached_api
from .http import not_found
from .http import urlpatterns as declared_urlpatterns
from .v2 import router

app_name = "api"


class IdConverter:
    """Object ids up to 999999999: a longer number is no object of ours (404), never an overflow."""

    regex = "[0-9]{1,9}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")
# Each resource declares its endpoints on import; Wagtail's viewsets join `router` (.v2).
RESOURCES = (
    department,
    alerts,
    search,
    changes,
    images,
    documents,
    pages,
    news,
    writes,
    procedures,
    legal_documents,
    local_notes,
    questions,
    statistics,
)


urlpatterns = [
    path("openapi.json", cached_api(contract.openapi_view), name="openapi"),
    path("docs/", cached_api(TemplateView.as_view(template_name="api/docs.html")), name="docs"),
    *declared_urlpatterns(),
]
urlpatterns += decorate_urlpatterns(router.get_urlpatterns(), cached_api)
urlpatterns.append(re_path(r"^(?P<path>.*)$", not_found))
