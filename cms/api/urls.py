"""/api/… — mounted before the i18n patterns; the language comes from ?locale= or Accept-Language."""

from django.urls import path, re_path
from django.views.generic import TemplateView

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.utils.urlpatterns import decorate_urlpatterns

from cms.consultation.api import urlpatterns as question_urlpatterns

from . import openapi, resources
from .cache import cached_api
from .views import (
    DepartmentDocumentsAPIViewSet,
    DepartmentImagesAPIViewSet,
    DepartmentPagesAPIViewSet,
)

app_name = "api"

router = WagtailAPIRouter("api")
router.register_endpoint("pages", DepartmentPagesAPIViewSet)
router.register_endpoint("images", DepartmentImagesAPIViewSet)
router.register_endpoint("documents", DepartmentDocumentsAPIViewSet)


urlpatterns = [
    path("openapi.json", openapi.openapi_view, name="openapi"),
    path("docs/", TemplateView.as_view(template_name="api/docs.html"), name="docs"),
    path("department/", cached_api(resources.department_detail), name="department"),
    path("search/", cached_api(resources.search), name="search"),
    path("changes/", cached_api(resources.changes), name="changes"),
    path(
        "images/<int:pk>/rendition/", cached_api(resources.image_rendition), name="image-rendition"
    ),
]
urlpatterns += decorate_urlpatterns(router.get_urlpatterns(), cached_api)
urlpatterns += question_urlpatterns  # /api/questions/… (cms.consultation.api)
urlpatterns.append(re_path(r"^(?P<path>.*)$", resources.not_found))
