"""`/api/documents/…`: Wagtail's v2 documents viewset, limited to the department's collection
and the shared library."""

from __future__ import annotations

from wagtail.documents import get_document_model
from wagtail.documents.api.v2.views import DocumentsAPIViewSet

from .v2 import DeclaredViewSetMixin, declare, query_models, router, schema_of


class DepartmentDocumentsAPIViewSet(DeclaredViewSetMixin, DocumentsAPIViewSet):
    """Documents of the department's collection and the shared library only."""

    def get_queryset(self):
        return self.scope.documents().order_by("id")


router.register_endpoint("documents", DepartmentDocumentsAPIViewSet)
declare(
    DepartmentDocumentsAPIViewSet,
    prefix="documents",
    noun="document",
    plural="documents",
    tag="documents",
    item=schema_of(
        DepartmentDocumentsAPIViewSet._get_serializer_class(
            router, get_document_model(), [("*", False, None)], show_details=True
        ),
        "Document",
    ),
    queries=query_models(
        DepartmentDocumentsAPIViewSet, [get_document_model()], "Documents", {}, {}
    ),
    listing_description="Documents of this site's collection and of the shared library.",
    detail_description="One document of this site's collection or of the shared library.",
)
