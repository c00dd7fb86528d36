"""Issue #15 in a real browser: one click on "Approve and Publish" is one approval.

Wagtail's workflow script adds the action's fields to the edit form and submits it; the editor's
autosave saw them as an edit and posted the form a second time, action included, while the
first request was still running (cms/core/moderation.py). Here the click's own request is held
back until the autosave has had every chance to fire, so a repeated approval would show.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs

from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.models import Page

import pytest
from playwright.sync_api import expect

from cms.standard.models import StandardPage
from sites.models import Department

TITLE = "Hướng dẫn khai báo hải quan điện tử dịp cuối năm"


def officer(code: str, role: str):
    department = Department.objects.get(code=code)
    user, _created = get_user_model().objects.get_or_create(
        username=f"duyet-{role}-{code.lower()}", defaults={"email": f"{role}@hcm.customs.gov.vn"}
    )
    user.set_password("mat-khau-thu")
    user.save()
    user.groups.add(getattr(department, f"{role}s_group"))
    return user


def workflow_fields(request) -> dict[str, list[str]]:
    """The workflow-action fields a POST carried (url-encoded or multipart)."""
    body = request.post_data or ""
    if "workflow-action-name" not in body:
        return {}
    if "Content-Disposition" in body:
        return {
            "workflow-action-name": re.findall(r'name="workflow-action-name"\r\n\r\n(\w+)', body)
        }
    return {
        key: value for key, value in parse_qs(body).items() if key.startswith("workflow-action")
    }


@pytest.mark.usefixtures("browser_db")
def test_one_click_on_approve_and_publish_approves_once_and_publishes(chromium, live_portal):
    hcm = Department.objects.get(code="HCM")
    editor, moderator = officer("HCM", "editor"), officer("HCM", "moderator")
    section = hcm.site.root_page.get_children().get(slug="gioi-thieu").specific
    page = StandardPage(title=TITLE, slug="huong-dan-khai-bao-cuoi-nam", live=False)
    section.add_child(instance=page)
    page.save_revision(user=editor)
    hcm.workflow.start(page, editor)

    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    admin = context.new_page()
    admin.goto(live_portal.origin("HCM") + "/admin/login/")
    admin.fill("#id_username", moderator.username)
    admin.fill("#id_password", "mat-khau-thu")
    admin.click("button[type=submit]")
    admin.wait_for_url(re.compile(r"/admin/$"))

    edit_path = reverse("wagtailadmin_pages:edit", args=[page.pk])
    posts, statuses, held = [], [], []
    admin.on(
        "request",
        lambda request: (
            posts.append(request)
            if request.method == "POST" and request.url.endswith(edit_path)
            else None
        ),
    )
    admin.on(
        "response",
        lambda response: (
            statuses.append(response.status)
            if response.request.method == "POST" and response.url.endswith(edit_path)
            else None
        ),
    )

    def hold_the_click(route):
        if route.request.method == "POST" and route.request.resource_type == "document":
            held.append(route)
        else:
            route.continue_()

    admin.goto(live_portal.origin("HCM") + edit_path)
    # The unsaved-changes watch starts two seconds after load; a moderator reads first.
    admin.wait_for_timeout(2500)
    admin.route(re.compile(re.escape(edit_path) + r"$"), hold_the_click)
    admin.locator(
        "footer .w-dropdown__toggle, footer [data-w-dropdown-target=toggle]"
    ).first.click()
    approve = admin.locator(
        "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    )
    expect(approve).to_be_visible()
    # A real click, without Playwright waiting for the navigation it holds back.
    approve.evaluate("button => button.click()")
    # Long enough for the unsaved-changes check, its notice and the autosave's own delay.
    admin.wait_for_timeout(4000)
    assert len(held) == 1
    with admin.expect_navigation():
        held[0].continue_()
    admin.unroute(re.compile(re.escape(edit_path) + r"$"))
    admin.wait_for_load_state("load")

    approvals = [request for request in posts if workflow_fields(request)]
    assert len(approvals) == 1, [request.resource_type for request in approvals]
    assert 500 not in statuses
    page = Page.objects.get(pk=page.pk)
    assert page.live
    expect(admin.locator(".messages")).to_contain_text(TITLE)
    context.close()
