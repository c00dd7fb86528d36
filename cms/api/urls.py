"""/api/… — mounted before the i18n patterns; the language comes from ?locale= or Accept-Language.

The URL patterns of the project's own resources are generated from their declarations
(`cms.api.http.Endpoint`, one module per resource); Wagtail's v2 viewsets keep their router.
"""

from django.urls import path, re_path, register_converter
from django.views.generic import TemplateView

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.utils.urlpatterns import decorate_urlpatterns

from . import (
    changes,
    contract,
    department,
    images,
    legal_documents,
    local_notes,
    news,
    procedures,
    questions,
    search,
    writes,
)
from .cache import cached_api
from .http import not_found
from .http import urlpatterns as declared_urlpatterns
from .views import (
    DepartmentDocumentsAPIViewSet,
    DepartmentImagesAPIViewSet,
    DepartmentPagesAPIViewSet,
)

app_name = "api"


class IdConverter:
    """Object ids up to 999999999: a longer number is no object of ours (404), never an overflow."""

    regex = "[0-9]{1,9}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")
RESOURCES = (
    department,
    search,
    images,
    news,
    writes,
    procedures,
    legal_documents,
    local_notes,
    questions,
)  # each declares its endpoints on import

router = WagtailAPIRouter("api")
router.register_endpoint("pages", DepartmentPagesAPIViewSet)
router.register_endpoint("images", DepartmentImagesAPIViewSet)
router.register_endpoint("documents", DepartmentDocumentsAPIViewSet)


urlpatterns = [
    path("openapi.json", cached_api(contract.openapi_view), name="openapi"),
    path("docs/", cached_api(TemplateView.as_view(template_name="api/docs.html")), name="docs"),
    *declared_urlpatterns(),
    path("changes/", cached_api(changes.changes), name="changes"),
]
urlpatterns += decorate_urlpatterns(router.get_urlpatterns(), cached_api)
urlpatterns.append(re_path(r"^(?P<path>.*)$", not_found))
