"""What the request's Host may see: its department's public pages, images and documents.

Wagtail's API resolves the site from the Host but lets `?site=` override it and
does not scope images or documents at all. Everything here is derived from the
Host only (``request.department``, set by ``DepartmentMiddleware``).
"""

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from sites.models import Department
from sites.provisioning import shared_library_collection


def department_for(request: HttpRequest) -> Department:
    """The Host's department; an unknown host has no API (404), never a fallback."""
    department = getattr(request, "department", None)
    if department is None:
        raise Http404("unknown site")
    return department


def public_pages(department: Department) -> QuerySet[Page]:
    """Live, public pages of the department's tree (every locale); drafts and private pages excluded."""
    return department.pages().live().public()


def collection_ids(department: Department) -> list[int]:
    """The department's collection (and its children) plus the shared library (and its children)."""
    roots = [department.collection, shared_library_collection()]
    condition = Q()
    for root in roots:
        condition |= Q(path__startswith=root.path)
    return list(Collection.objects.filter(condition).values_list("id", flat=True))


def images(department: Department) -> QuerySet:
    return get_image_model().objects.filter(collection_id__in=collection_ids(department))


def documents(department: Department) -> QuerySet:
    return get_document_model().objects.filter(collection_id__in=collection_ids(department))
