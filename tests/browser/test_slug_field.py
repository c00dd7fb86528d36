"""Issue #15 in a real browser: the admin's slug field folds a Vietnamese title to an ASCII
slug with its letters kept, as the editor types — "Cảng Cát Lái …" → `cang-cat-lai-…`, not
`cng-cat-lai-…` — and the server saves that slug."""

from __future__ import annotations

import re
import unicodedata

from django.contrib.auth import get_user_model

from wagtail.models import Locale

import pytest
from playwright.sync_api import expect

from cms.news.models import NewsArticlePage, NewsIndexPage
from sites.models import Department

TITLE = "Cảng Cát Lái thông quan hơn 10.000 container mỗi ngày"
SLUG = "cang-cat-lai-thong-quan-hon-10000-container-moi-ngay"


def editor(code: str):
    department = Department.objects.get(code=code)
    user, _created = get_user_model().objects.get_or_create(username=f"slug-editor-{code}")
    user.set_password("mat-khau-thu")
    user.save()
    user.groups.add(department.editors_group)
    return user


@pytest.mark.usefixtures("browser_db")
def test_slug_field_keeps_vietnamese_letters_as_you_type(chromium, live_portal):
    user = editor("HN")
    home = Department.objects.get(code="HN").site.root_page
    index = NewsIndexPage.objects.descendant_of(home).get(
        locale=Locale.objects.get(language_code="vi")
    )
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(live_portal.origin("HN") + "/admin/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", "mat-khau-thu")
        page.click("button[type=submit]")
        page.wait_for_url(re.compile(r"/admin/$"))

        page.goto(live_portal.origin("HN") + f"/admin/pages/add/news/newsarticlepage/{index.pk}/")
        title, slug = page.locator("#id_title"), page.locator("#id_slug")

        # A slug typed by hand (on the promote tab) is folded when the field is left.
        page.click("#tab-label-promote")
        slug.fill("Đồng Nai ưu đãi ơn huệ")
        slug.blur()
        expect(slug).to_have_value("dong-nai-uu-dai-on-hue")
        slug.fill("")

        page.click("#tab-label-content")
        title.press_sequentially(TITLE)  # key by key, as an editor types
        expect(slug).to_have_value(SLUG)

        # Decomposed input (a base letter, then its combining marks) folds the same way.
        title.fill(unicodedata.normalize("NFD", "Hải quan Đồng Nai"))
        title.press("End")
        expect(slug).to_have_value("hai-quan-dong-nai")

        title.fill(TITLE)
        title.press("End")
        expect(slug).to_have_value(SLUG)
        page.locator("#page-edit-form button.action-save").first.click()  # save draft
        page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
        page.click("#tab-label-promote")
        expect(slug).to_have_value(SLUG)
        edit_url = page.url

        # Wagtail's copy form builds its own slug widget; it folds too.
        page.goto(edit_url.replace("/edit/", "/copy/"))
        new_slug = page.locator("#id_new_slug")
        new_slug.fill("Bản sao Đồng Nai")
        new_slug.blur()
        expect(new_slug).to_have_value("ban-sao-dong-nai")
    finally:
        context.close()

    saved = NewsArticlePage.objects.child_of(index).get(title=TITLE)
    assert saved.slug == SLUG
    assert saved.url_path.endswith(f"/{SLUG}/")
