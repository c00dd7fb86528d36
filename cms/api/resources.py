"""The project's own resources beside Wagtail's: department, renditions, search, change feed."""

import re
from collections.abc import Callable, Iterable
from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from wagtail.images import get_image_model
from wagtail.models import Page

from cms.core.renditions import get_rendition
from sites.models import DepartmentSettings

from . import scope
from .errors import (
    READ_METHODS,
    RENDITION_ERRORS,
    ApiError,
    allowed_methods,
    method_not_allowed,
    problem,
    rendition_problem,
)
from .languages import language_codes, requested_language

# A fixed allow-list: nobody can make the server render arbitrary sizes.
RENDITION_SIZES = {
    "thumbnail": "fill-320x200",
    "square": "fill-200x200",
    "medium": "max-800x800",
    "large": "max-1600x1600",
}
RENDITION_FORMATS = ("jpeg", "png", "webp")
LIMIT_DEFAULT = 20
LIMIT_MAX = 100


def json(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def api_endpoint(allowed: Iterable[str]) -> Callable:
    """GET and HEAD (OPTIONS says so); unknown query parameters → 400; errors → problem bodies."""
    allowed_set = frozenset(allowed)

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method not in READ_METHODS:
                return method_not_allowed(request, READ_METHODS)
            if request.method == "OPTIONS":
                return allowed_methods(READ_METHODS)
            unknown = sorted(set(request.GET.keys()) - allowed_set)
            try:
                if unknown:
                    raise ApiError("unknown query parameter", parameter=", ".join(unknown))
                return view(request, *args, **kwargs)
            except ApiError as error:
                return problem(error.status, error.detail, error.parameter, request.path)
            except Http404:
                return problem(404, "not found", instance=request.path)
            except RENDITION_ERRORS as error:
                return rendition_problem(error, request.path)

        return wrapper

    return decorate


def anchored(pattern: str) -> str:
    """`pattern` as the OpenAPI document writes it; the server checks it with `re.fullmatch`."""
    return f"^(?:{pattern})$"


def name_list(names: Iterable[str]) -> str:
    """A pattern for a comma-separated list of these names (no spaces, none empty).

    Names are letters, digits, `_` and `-`, which need no escape in Python or ECMA-262.
    """
    names = sorted(names, key=len, reverse=True)
    if not all(re.fullmatch(r"[\w-]+", name) for name in names):
        raise ValueError(f"names must be identifiers: {names}")
    name = "(?:" + "|".join(names) + ")"
    return f"{name}(?:,{name})*"


def int_parameter(
    request: HttpRequest, name: str, default: int, maximum: int | None = None, minimum: int = 0
) -> int:
    raw = request.GET.get(name)
    if raw is None:
        return default
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
        raise ApiError("must be a non-negative integer", parameter=name)
    value = int(raw)
    if value < minimum:
        raise ApiError(f"cannot be lower than {minimum}", parameter=name)
    if maximum is not None and value > maximum:
        raise ApiError(f"cannot be higher than {maximum}", parameter=name)
    return value


def rendition_spec(size: str, image_format: str) -> str:
    if size not in RENDITION_SIZES:
        raise ApiError(f"must be one of: {', '.join(RENDITION_SIZES)}", parameter="size")
    if image_format not in RENDITION_FORMATS:
        raise ApiError(f"must be one of: {', '.join(RENDITION_FORMATS)}", parameter="format")
    return f"{RENDITION_SIZES[size]}|format-{image_format}"


def rendition_data(request: HttpRequest, image, size: str, image_format: str) -> dict:
    rendition = get_rendition(image, rendition_spec(size, image_format))
    return {
        "size": size,
        "format": image_format,
        "url": request.build_absolute_uri(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
    }


@api_endpoint({"size", "format"})
def image_rendition(request: HttpRequest, pk: int) -> JsonResponse:
    """`/api/images/<id>/rendition/?size=thumbnail&format=webp` — one allow-listed rendition."""
    department = scope.department_for(request)
    size = request.GET.get("size", "medium")
    image_format = request.GET.get("format", "jpeg")
    rendition_spec(size, image_format)  # validate before touching the database
    image = scope.images(department).filter(pk=pk).first()
    if image is None:
        raise Http404
    return json(rendition_data(request, image, size, image_format))


def page_link(request: HttpRequest, page: Page) -> dict:
    return {
        "id": page.pk,
        "title": page.title,
        "slug": page.slug,
        "locale": page.locale.language_code,
        "detail_url": request.build_absolute_uri(f"/api/pages/{page.pk}/"),
        "html_url": page.get_full_url(request),
    }


@csrf_exempt
def not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    """Any other /api/ URL: a problem body, not Django's HTML 404."""
    return problem(404, "no such endpoint or object", instance=request.path)


@api_endpoint({"locale"})
def department_detail(request: HttpRequest) -> JsonResponse:
    """The Host's department: names, languages, contact, branding, logo renditions, menu."""
    department = scope.department_for(request)
    language = requested_language(request)
    settings = DepartmentSettings.for_site(department.site)
    homes = (
        scope.public_pages(department)
        .filter(depth=department.site.root_page.depth)
        .select_related("locale")
    )
    home = (
        next((h for h in homes if h.locale.language_code == language), None)
        or department.site.root_page
    )
    menu = scope.public_pages(department).child_of(home).in_menu().select_related("locale")
    logo = None
    if settings.logo_id:
        logo_image = settings.logo
        logo = {
            "id": logo_image.pk,
            "title": logo_image.title,
            "renditions": [
                rendition_data(request, logo_image, size, fmt)
                for size in ("square", "medium")
                for fmt in ("png", "webp")
            ],
        }
    return json(
        {
            "code": department.code,
            "locale": language,
            "name": department.localized_name(language),
            "names": {"vi": department.name, "en": department.name_en},
            "display_name": settings.localized_display_name(language)
            or department.localized_name(language),
            "is_headquarters": department.is_headquarters,
            "languages": sorted({h.locale.language_code for h in homes}),
            "home_page": page_link(request, home),
            "contact": {
                "address": (settings.address_en or settings.address)
                if language == "en"
                else settings.address,
                "phone": settings.phone,
                "hotline": settings.hotline,
                "email": settings.email,
                "facebook_url": settings.facebook_url,
                "youtube_url": settings.youtube_url,
                "zalo_url": settings.zalo_url,
            },
            "branding": {
                "brand_colour": settings.brand_colour,
                "theme": settings.theme,
                "logo": logo,
            },
            "menu": [page_link(request, page) for page in menu],
        }
    )


@api_endpoint({"q", "locale", "limit", "offset"})
def search(request: HttpRequest) -> JsonResponse:
    """The site search of the Host's department (`search.query.site_search`: same scope and
    engine as the search page): its public pages in one language, then the shared library."""
    from search.query import site_search

    from .library import LibraryScope, library_item_link

    department = scope.department_for(request)
    language = requested_language(request)
    query = request.GET.get("q", "").strip()
    if not query:
        raise ApiError("is required", parameter="q")
    if len(query) > 200:
        raise ApiError("is longer than 200 characters", parameter="q")
    limit = int_parameter(request, "limit", LIMIT_DEFAULT, LIMIT_MAX)
    offset = int_parameter(request, "offset", 0)
    hits = site_search(department, query, language, limit=limit, offset=offset)
    library = LibraryScope(request)
    items = []
    for hit in hits.results:
        if isinstance(hit, Page):
            items.append(
                {
                    **page_link(request, hit),
                    "type": hit._meta.label,
                    "teaser": getattr(hit, "teaser", ""),
                }
            )
        else:
            items.append(library_item_link(library, hit))
    return json(
        {"meta": {"total_count": hits.total, "query": query, "locale": language}, "items": items}
    )


def supported_languages() -> list[str]:
    return language_codes()


def image_model():
    return get_image_model()
