"""Approving through the department's workflow publishes once, never answers 500, and the
e-mails and messages say what really happened (cms.core.moderation)."""

from datetime import timedelta

from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest

from cms.standard.models import StandardPage


@pytest.fixture
def submitted(department, member):
    """A department editor's page, submitted to the department's moderation workflow."""
    hcm = department("HCM")
    editor = member(hcm, "editor")
    moderator = member(hcm, "moderator")
    section = Page.objects.get(slug="gioi-thieu", locale__language_code="vi").specific
    page = StandardPage(
        title="Lịch làm việc dịp Tết Nguyên đán", slug="lich-lam-viec-tet", live=False
    )
    section.add_child(instance=page)
    page.save_revision(user=editor)
    hcm.workflow.start(page, editor)
    mail.outbox.clear()
    return {"department": hcm, "editor": editor, "moderator": moderator, "page": page}


def approve_form(page: StandardPage, **extra) -> dict:
    return {
        **nested_form_data(
            {"title": page.title, "slug": page.slug, "teaser": "", "body": streamfield([])}
        ),
        "action-workflow-action": "true",
        "workflow-action-name": "approve",
        **extra,
    }


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_double_post_of_approve_publishes_once_and_never_answers_500(client, submitted):
    page, moderator = submitted["page"], submitted["moderator"]
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.force_login(moderator)

    first = client.post(url, approve_form(page))
    assert first.status_code == 302
    assert "được duyệt và xuất bản" in " ".join(messages_of(first)) or "approved and published" in (
        " ".join(messages_of(first))
    )
    page.refresh_from_db()
    assert page.live
    assert page.live_revision_id == page.latest_revision_id
    revisions = page.revisions.count()

    second = client.post(url, approve_form(page))
    assert second.status_code == 302
    assert second.url == url
    text = " ".join(messages_of(second))
    assert page.title in text
    page.refresh_from_db()
    assert page.live
    assert page.revisions.count() == revisions  # the duplicate changed nothing
    assert WorkflowState.objects.filter(object_id=str(page.pk)).get().status == "approved"


def test_autosave_carrying_a_workflow_action_is_refused_before_anything_changes(client, submitted):
    """The duplicate the editor's autosave sent: a JSON error, the workflow still waiting."""
    page, moderator = submitted["page"], submitted["moderator"]
    client.force_login(moderator)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        approve_form(page),
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["success"] is False
    page.refresh_from_db()
    assert not page.live
    assert page.workflow_in_progress


def test_approval_email_says_approved_and_published(client, submitted):
    page, moderator, editor = submitted["page"], submitted["moderator"], submitted["editor"]
    client.force_login(moderator)
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), approve_form(page))
    to_editor = [message for message in mail.outbox if editor.email in message.to]
    assert len(to_editor) == 1
    assert "approved and published" in to_editor[0].subject or "duyệt và xuất bản" in (
        to_editor[0].subject
    )
    assert "is published" in to_editor[0].body or "đã xuất bản" in to_editor[0].body


def test_approval_email_says_approved_but_only_scheduled(client, submitted):
    """Control: an approved page with a future go-live date is not called published."""
    page, moderator, editor = submitted["page"], submitted["moderator"], submitted["editor"]
    later = timezone.now() + timedelta(days=3)
    client.force_login(moderator)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        approve_form(page, go_live_at=later.strftime("%Y-%m-%d %H:%M")),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    to_editor = [message for message in mail.outbox if editor.email in message.to]
    assert len(to_editor) == 1
    assert "published" not in to_editor[0].subject.replace("scheduled for publication", "")
    assert "scheduled" in to_editor[0].subject or "lên lịch" in to_editor[0].subject
    assert "will be published on" in to_editor[0].body or "sẽ được xuất bản" in to_editor[0].body


def test_double_post_of_approve_on_a_library_procedure_publishes_once(db):
    """The same guard on snippets: HQ's library workflow (before_edit_snippet)."""
    from django.contrib.auth import get_user_model

    from cms.library.permissions import ensure_library_group
    from tests.cms.library.factories import procedure
    from tests.cms.library.test_permissions import client_for, edit_url

    librarian = get_user_model().objects.create_user("thuvien-duyet", password="pw")
    librarian.groups.add(ensure_library_group())
    item = procedure(en=False)
    item.title = "Thủ tục hải quan điện tử (bản sửa đổi)"
    item.save_revision(user=librarian)
    item.get_workflow().start(item, librarian)
    data = {
        **nested_form_data(
            {
                "code": item.code,
                "status": "in_force",
                "title": item.title,
                "category": "declaration",
                "online_level": 4,
                "online": "full",
                "online_url": "",
                "agency": "Chi cục Hải quan",
                "agency_level": "branch",
                "processing_time": "2 giờ",
                "fees": "",
                "applicants": "",
                "dossier": streamfield([]),
                "steps": streamfield([]),
                "effective_on": "",
                "review_by": "",
                "review_reason": "",
            }
        ),
        "action-workflow-action": "true",
        "workflow-action-name": "approve",
    }
    client = client_for(librarian)
    first = client.post(edit_url(item), data)
    assert first.status_code == 302
    item.refresh_from_db()
    assert item.live and item.title == "Thủ tục hải quan điện tử (bản sửa đổi)"
    revisions = item.revisions.count()

    second = client.post(edit_url(item), data)
    assert second.status_code == 302
    assert item.title in " ".join(messages_of(second))
    assert item.revisions.count() == revisions
