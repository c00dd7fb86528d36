"""API fixtures: two departments with public, draft and private pages in vi and en."""

from django.core.cache import cache

from wagtail.models import Locale, PageViewRestriction

import pytest

from cms.standard.models import StandardPage
from sites.translation import translate_page
from tests.conftest import add_page, make_department


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def sites(department):
    """HCM and HN, each with a public page (vi + en), a vi-only page, a draft and a private page."""
    return make_sites()


def make_sites() -> dict:
    """What `sites` holds; also called by module-scoped fixtures that build their data once."""
    data = {}
    for code in ("HCM", "HN"):
        dept = make_department(code)
        home = dept.site.root_page
        public = add_page(
            home,
            StandardPage,
            title=f"Thông báo {code}",
            slug=f"thong-bao-{code.lower()}",
            teaser="Tin mới nhất",
        )
        vi_only = add_page(
            home,
            StandardPage,
            title=f"Hướng dẫn {code}",
            slug=f"huong-dan-{code.lower()}",
            teaser="Chỉ tiếng Việt",
        )
        draft = StandardPage(title=f"Bản nháp {code}", slug=f"ban-nhap-{code.lower()}", live=False)
        home.add_child(instance=draft)
        draft.save_revision()
        private = add_page(
            home, StandardPage, title=f"Nội bộ {code}", slug=f"noi-bo-{code.lower()}"
        )
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
        en = translate_page(
            public,
            Locale.objects.get(language_code="en"),
            {
                "title": f"Announcement {code}",
                "slug": f"announcement-{code.lower()}",
                "teaser": "Latest news",
            },
        )
        data[code] = {
            "department": dept,
            "host": dept.site.hostname,
            "public": public,
            "public_en": en,
            "vi_only": vi_only,
            "draft": draft,
            "private": private,
        }
    return data
