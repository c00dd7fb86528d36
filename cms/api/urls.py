"""/api/… — mounted before the i18n patterns; the language comes from ?locale= or Accept-Language.

The URL patterns of the project's own resources are generated from their declarations
(`cms.api.http.Endpoint`, one module per resource); Wagtail's v2 viewsets keep their router.
"""

from django.urls import path, re_path, register_converter
from django.views.generic import TemplateView

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.utils.urlpatterns import decorate_urlpatterns

from cms.consultation.api import urlpatterns as question_urlpatterns

from . import changes, contract, department, images, library, news, search, writes
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
RESOURCES = (department, search, images)  # each declares its endpoints on import

router = WagtailAPIRouter("api")
router.register_endpoint("pages", DepartmentPagesAPIViewSet)
router.register_endpoint("images", DepartmentImagesAPIViewSet)
router.register_endpoint("documents", DepartmentDocumentsAPIViewSet)


urlpatterns = [
    path("openapi.json", cached_api(contract.openapi_view), name="openapi"),
    path("docs/", cached_api(TemplateView.as_view(template_name="api/docs.html")), name="docs"),
    *declared_urlpatterns(),
    path("changes/", cached_api(changes.changes), name="changes"),
    path(
        "news/",
        writes.with_writes(cached_api(news.news_list), post=writes.create_news),
        name="news",
    ),
    path(
        "news/<id:pk>/",
        writes.with_writes(cached_api(news.news_detail), patch=writes.update_news),
        name="news-detail",
    ),
    path("news/<id:pk>/draft/", writes.token_view(writes.read_draft), name="news-draft"),
    path("news/<id:pk>/submit/", writes.token_view(writes.submit_news), name="news-submit"),
    path("news/<id:pk>/publish/", writes.token_view(writes.publish_news), name="news-publish"),
    path("procedures/", cached_api(library.procedure_list), name="procedures"),
    re_path(
        r"^procedures/(?P<code>[0-9A-Za-z][0-9A-Za-z.\-]{0,39})/$",
        cached_api(library.procedure_detail),
        name="procedure",
    ),
    path("legal-documents/", cached_api(library.legal_document_list), name="legal-documents"),
    path(
        "legal-documents/<path:number>/",
        cached_api(library.legal_document_detail),
        name="legal-document",
    ),
    path("local-notes/", cached_api(library.local_note_list), name="local-notes"),
    path("local-notes/<id:pk>/", cached_api(library.local_note_detail), name="local-note"),
]
urlpatterns += decorate_urlpatterns(router.get_urlpatterns(), cached_api)
urlpatterns += question_urlpatterns  # /api/questions/… (cms.consultation.api)
urlpatterns.append(re_path(r"^(?P<path>.*)$", not_found))
