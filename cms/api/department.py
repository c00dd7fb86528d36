"""`/api/department/`: the Host's department — names, languages, contact, branding, menu."""

from __future__ import annotations

from wagtail.models import Page

from sites.models import DepartmentSettings

from .alerts import Alert, shown_alerts
from .http import RENDITION_STATUSES, Endpoint, Field, Query, Schema
from .images import Rendition, rendition_data
from .scope import Language, Scope


class DepartmentQuery(Query):
    locale: Language | None = Field(
        None, description="Language of the names and links; default from Accept-Language, then vi."
    )


class PageLink(Schema):
    """A link to a page of this site."""

    id: int
    title: str
    slug: str
    locale: Language
    detail_url: str = Field(description="The page in this API (`/api/pages/<id>/`).")
    html_url: str | None = Field(description="The page on this site; null when it has none.")


class Names(Schema):
    vi: str
    en: str


class Contact(Schema):
    """How to reach the department (empty strings where the department gave none)."""

    address: str = Field(description="In the requested language (the Vietnamese one as fallback).")
    phone: str
    hotline: str
    email: str
    facebook_url: str
    youtube_url: str
    zalo_url: str


class Logo(Schema):
    id: int
    title: str
    renditions: list[Rendition] = Field(description="Square and medium, in PNG and WebP.")


class Branding(Schema):
    brand_colour: str = Field(description="CSS colour of the brand (`#005baa`).")
    theme: str = Field(description="The site's theme (`themes` registry name).")
    logo: Logo | None


class Department(Schema):
    """The department whose site the Host names."""

    code: str = Field(description="The department's code (`HCM`).")
    locale: Language
    name: str = Field(description="The department's name in the requested language.")
    names: Names
    display_name: str = Field(description="The name the site shows (may be shorter).")
    is_headquarters: bool
    languages: list[Language] = Field(description="Languages the site is published in.")
    home_page: PageLink
    contact: Contact
    branding: Branding
    menu: list[PageLink] = Field(
        description="The site's navigation: the sections its header shows, in order."
    )
    alerts: list[Alert] = Field(
        description="The alerts the site shows now, most severe first (as `/api/alerts/`)."
    )
    mourning: bool = Field(description="True while national mourning greys the site.")


LOGO_RENDITIONS = (("square", "png"), ("square", "webp"), ("medium", "png"), ("medium", "webp"))


def page_link(scope: Scope, page: Page) -> dict:
    return {
        "id": page.pk,
        "title": page.title,
        "slug": page.slug,
        "locale": page.locale.language_code,
        "detail_url": scope.absolute(f"/api/pages/{page.pk}/"),
        "html_url": page.get_full_url(scope.request),
    }


department = Endpoint("/api/department/", name="department")


@department.get(
    summary="The department of this site",
    description=(
        "Names, languages, contact details, branding (with logo renditions) and the menu of "
        "the department whose site the Host names, and the alerts it shows now. Start here: "
        "`home_page` and `menu` link into `/api/pages/`."
    ),
    tag="site",
    query=DepartmentQuery,
    response=Department,
    errors=RENDITION_STATUSES,
)
def department_detail(scope: Scope, query: DepartmentQuery) -> dict:
    unit = scope.department
    language = scope.language
    alerts, mourning = shown_alerts(scope)
    settings = DepartmentSettings.for_site(unit.site)
    homes = scope.homes()
    home = scope.home(homes)
    logo = None
    if settings.logo_id:
        image = settings.logo
        logo = {
            "id": image.pk,
            "title": image.title,
            "renditions": [
                rendition_data(scope, image, size, fmt) for size, fmt in LOGO_RENDITIONS
            ],
        }
    return {
        "code": unit.code,
        "locale": language,
        "name": unit.localized_name(language),
        "names": {"vi": unit.name, "en": unit.name_en},
        "display_name": settings.localized_display_name(language) or unit.localized_name(language),
        "is_headquarters": unit.is_headquarters,
        "languages": sorted({h.locale.language_code for h in homes}),
        "home_page": page_link(scope, home),
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
        "menu": [page_link(scope, page) for page in scope.menu(home)],
        "alerts": alerts,
        "mourning": mourning,
    }
