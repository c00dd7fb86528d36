"""Issue #15's acceptance test: one department's day in a real browser, in Vietnamese.

The Da Nang department's demo editor writes a news article with a Vietnamese title (the slug field
shows the ASCII slug as they type), uploads its lead image through the chooser and submits it;
the demo moderator approves and publishes it with one click; the editor translates it to
English and submits the translation; the moderator publishes that too. Both articles are live
with ASCII slugs, and the department's translation dashboard shows the English site complete.
"""

from __future__ import annotations

import io
import re

from wagtail.models import Locale, Page

import pytest
from PIL import Image
from playwright.sync_api import expect

from cms.news.models import NewsArticlePage, NewsIndexPage
from sites.models import Department

CODE = "DNG"  # a department no other browser test writes to: its English site stays complete
TITLE = "Cảng Cát Lái thông quan hơn 10.000 container mỗi ngày"
SLUG = "cang-cat-lai-thong-quan-hon-10000-container-moi-ngay"
TITLE_EN = "Cat Lai Port clears more than 10,000 containers a day"
SLUG_EN = "cat-lai-port-clears-more-than-10000-containers-a-day"
TIMEOUT = 60_000


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 360), (11, 79, 138)).save(buffer, format="PNG")
    return buffer.getvalue()


def log_in(chromium, live_portal, username: str):
    """A fresh Vietnamese browser context, logged in to the department's admin as `username`."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    page.goto(live_portal.origin(CODE) + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", username)  # demo staff: the password is the username
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))
    expect(page.locator("html")).to_have_attribute("lang", re.compile(r"^vi"))
    return context, page


def open_footer_actions(page) -> None:
    page.locator("footer .w-dropdown__toggle, footer [data-w-dropdown-target=toggle]").first.click()


def approve_and_publish_once(page, live_portal, page_id: int) -> None:
    """The moderator opens the page and clicks the workflow's approve action, once."""
    edit_path = f"/admin/pages/{page_id}/edit/"
    approvals: list[str] = []
    page.on(
        "request",
        lambda request: (
            approvals.append(request.url)
            if request.method == "POST"
            and request.url.endswith(edit_path)
            and "workflow-action-name" in (request.post_data or "")
            else None
        ),
    )
    page.goto(live_portal.origin(CODE) + edit_path)
    open_footer_actions(page)
    approve = page.locator(
        "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    )
    expect(approve).to_be_visible()
    with page.expect_navigation(timeout=TIMEOUT):
        approve.click()
    expect(page.locator(".messages")).to_be_visible()
    assert len(approvals) == 1, approvals


@pytest.mark.usefixtures("browser_db")
def test_a_departments_day_in_vietnamese(chromium, live_portal, tmp_path):
    department = Department.objects.get(code=CODE)
    vi, en = Locale.objects.get(language_code="vi"), Locale.objects.get(language_code="en")
    index = NewsIndexPage.objects.descendant_of(department.site.root_page).get(locale=vi)
    image_file = tmp_path / "cang-cat-lai.png"
    image_file.write_bytes(png_bytes())
    origin = live_portal.origin(CODE)
    editor = f"editor-{CODE.lower()}"
    moderator = f"moderator-{CODE.lower()}"

    # 1–2. The editor writes the article, uploads its image and submits it.
    editor_context, page = log_in(chromium, live_portal, editor)
    page.goto(origin + f"/admin/pages/add/news/newsarticlepage/{index.pk}/")
    title, slug = page.locator("#id_title"), page.locator("#id_slug")
    title.press_sequentially(TITLE)
    expect(slug).to_have_value(SLUG)

    page.locator("[data-chooser-action-choose]").first.click()
    modal = page.locator(".modal")
    expect(modal).to_be_visible()
    modal.locator("a[href='#tab-upload'], #tab-label-upload").first.click()
    modal.locator("input[type=file]").set_input_files(str(image_file))
    modal.locator("input[name=image-chooser-upload-title]").fill("Cảng Cát Lái")
    modal.locator("#tab-upload button[type=submit], form button[type=submit]").last.click()
    expect(page.locator("[data-chooser-title]").first).to_have_text("Cảng Cát Lái")

    open_footer_actions(page)
    with page.expect_navigation(timeout=TIMEOUT):
        page.locator("button[name=action-submit]").click()
    expect(page.locator(".messages")).to_contain_text(TITLE)
    article = NewsArticlePage.objects.child_of(index).get(title=TITLE)
    assert article.slug == SLUG
    assert article.lead_image is not None and article.lead_image.title == "Cảng Cát Lái"
    assert article.workflow_in_progress and not article.live
    editor_context.close()

    # 3. The moderator approves and publishes it, once: it is live at its ASCII URL.
    moderator_context, page = log_in(chromium, live_portal, moderator)
    approve_and_publish_once(page, live_portal, article.pk)
    article.refresh_from_db()
    assert article.live
    public = page.goto(live_portal.url(CODE, f"tin-tuc/{SLUG}/"))
    assert public is not None and public.status == 200, article.url_path
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator("main img").first).to_be_visible()
    moderator_context.close()

    # 4. The editor translates it to English and submits the translation.
    editor_context, page = log_in(chromium, live_portal, editor)
    page.goto(origin + f"/admin/pages/{article.pk}/edit/")
    # "Translate this page" sits in the header's "more actions" menu.
    page.locator("header [data-w-dropdown-target=toggle], header .w-dropdown__toggle").first.click()
    translate = page.locator("a[href*='/admin/localize/submit/page/']")
    expect(translate).to_have_text(re.compile("Dịch trang này"))
    with page.expect_navigation(timeout=TIMEOUT):
        translate.click()
    english = page.locator(f"input[type=checkbox][value='{en.pk}']")
    if english.count():
        english.check()
    with page.expect_navigation(timeout=TIMEOUT):
        page.locator("form button[type=submit], form input[type=submit]").last.click()
    translation = Page.objects.get(translation_key=article.translation_key, locale=en).specific
    page.wait_for_url(re.compile(rf"/admin/pages/{translation.pk}/edit/"))
    # wagtail-localize's editor: the title's segment, then every other string left to translate.
    title_row = page.locator("li", has=page.locator("text=" + TITLE)).last
    title_row.get_by_role("button").first.click()
    page.locator("textarea").first.fill(TITLE_EN)
    page.locator("textarea").first.press("Enter")
    expect(page.locator("li", has_text=TITLE_EN).first).to_be_visible()
    with page.expect_navigation(timeout=TIMEOUT):
        page.locator("[data-translation-submit]").click()
    expect(page.locator(".messages")).to_contain_text(TITLE_EN)
    translation.refresh_from_db()
    assert translation.workflow_in_progress and not translation.live
    editor_context.close()

    # The moderator publishes the translation through the same workflow. A translation's edit
    # screen is wagtail-localize's editor (it only publishes, outside the workflow): the
    # approval is the workflow's own, in the dashboard's "awaiting your review" panel.
    moderator_context, page = log_in(chromium, live_portal, moderator)
    approvals: list[str] = []
    page.on(
        "request",
        lambda request: (
            approvals.append(request.url)
            if request.method == "POST"
            and "/workflow/action/" in request.url
            and "/approve/" in request.url
            else None
        ),
    )
    row = page.locator("tr", has_text=TITLE_EN)
    row.locator("[data-w-dropdown-target=toggle], .w-dropdown__toggle").first.click()
    approve = row.locator("button[data-workflow-action-url*='/approve/']:not([data-launch-modal])")
    expect(approve).to_be_visible()
    with page.expect_navigation(timeout=TIMEOUT):
        approve.click()
    # Approved: nothing is left awaiting this moderator's review.
    expect(
        page.locator("tr", has_text=TITLE_EN).locator("[data-workflow-action-url]")
    ).to_have_count(0)
    assert len(approvals) == 1, approvals
    translation.refresh_from_db()
    assert translation.live and translation.title == TITLE_EN
    assert translation.slug == SLUG_EN

    # 5. Both are on the public site, with ASCII slugs.
    en_url = translation.get_url()
    assert en_url.startswith(("/en/", f"{origin}/en/")) and en_url.rstrip("/").endswith(SLUG_EN)
    public = page.goto(en_url if en_url.startswith("http") else origin + en_url)
    assert public is not None and public.status == 200
    expect(page.locator("h1")).to_have_text(TITLE_EN)
    page.goto(live_portal.url(CODE, f"tin-tuc/{SLUG}/"))
    expect(page.locator("h1")).to_have_text(TITLE)

    # The department's translation dashboard: the English site is complete.
    page.goto(origin + f"/admin/translations/?department={CODE}&language=en")
    counts = page.locator(".translation-count")
    expect(page.locator("li[data-status=missing] .translation-count")).to_have_text("0")
    expect(page.locator("li[data-status=outdated] .translation-count")).to_have_text("0")
    assert int(page.locator("li[data-status=complete] .translation-count").inner_text()) > 0
    assert counts.count() == 3
    moderator_context.close()
