"""Review dates: set on publish per type, a department's due-for-review report, the daily
reminder to its editors, and the one periodic job (cms.core.review, run_periodic)."""

from datetime import date, timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page
from wagtail.users.models import UserProfile

import pytest

from cms.core.models import ReviewReminder, add_months
from cms.news.models import NewsArticlePage
from cms.standard.models import StandardPage
from tests.conftest import add_page


def section(department, slug: str) -> Page:
    return department.site.root_page.get_children().get(slug=slug).specific


@pytest.fixture
def two(department, member):
    hcm, hn = department("HCM"), department("HN")
    return {
        "hcm": hcm,
        "hn": hn,
        "hcm_editor": member(hcm, "editor"),
        "hn_editor": member(hn, "editor"),
        "hcm_page": add_page(
            section(hcm, "gioi-thieu"),
            StandardPage,
            title="Giới thiệu Cục Hải quan TP.HCM",
            slug="gioi-thieu-hcm",
        ),
        "hn_page": add_page(
            section(hn, "gioi-thieu"),
            StandardPage,
            title="Giới thiệu Cục Hải quan Hà Nội",
            slug="gioi-thieu-hn",
        ),
    }


def make_due(page: Page) -> None:
    type(page).objects.filter(pk=page.pk).update(review_by=timezone.localdate() - timedelta(days=1))


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 5, 15), 12) == date(2027, 5, 15)


def test_publishing_sets_review_by_from_the_types_interval(two):
    today = timezone.localdate()
    page = StandardPage.objects.get(pk=two["hcm_page"].pk)
    assert page.review_by == add_months(today, 12)
    news = add_page(
        section(two["hcm"], "tin-tuc"),
        NewsArticlePage,
        title="Thông quan hàng Tết",
        slug="thong-quan-tet",
    )
    assert NewsArticlePage.objects.get(pk=news.pk).review_by is None


def test_publishing_renews_a_passed_date_and_keeps_one_ahead(two):
    page = two["hcm_page"]
    make_due(page)
    page = StandardPage.objects.get(pk=page.pk)
    page.save_revision().publish()
    assert StandardPage.objects.get(pk=page.pk).review_by == add_months(timezone.localdate(), 12)
    ahead = timezone.localdate() + timedelta(days=40)
    StandardPage.objects.filter(pk=page.pk).update(review_by=ahead)
    page = StandardPage.objects.get(pk=page.pk)
    page.save_revision().publish()
    assert StandardPage.objects.get(pk=page.pk).review_by == ahead


def test_report_lists_only_the_departments_own_due_pages(client, two):
    make_due(two["hcm_page"])
    make_due(two["hn_page"])
    client.force_login(two["hcm_editor"])
    response = client.get(reverse("core_due_for_review"))
    assert response.status_code == 200
    html = response.content.decode()
    # control: the probe sees the department's own page, so it could see another's
    assert two["hcm_page"].title in html
    assert two["hn_page"].title not in html


def test_report_shows_platform_admins_every_department(client, two, superuser):
    make_due(two["hcm_page"])
    make_due(two["hn_page"])
    client.force_login(superuser)
    html = client.get(reverse("core_due_for_review")).content.decode()
    assert two["hcm_page"].title in html
    assert two["hn_page"].title in html


def test_report_leaves_out_pages_not_yet_due(client, two):
    client.force_login(two["hcm_editor"])
    html = client.get(reverse("core_due_for_review")).content.decode()
    assert two["hcm_page"].title not in html


def test_procedure_citing_an_amended_decree_feeds_the_report_for_library_editors(
    client, two, superuser
):
    from cms.library.models import LegalDocument
    from tests.cms.library.factories import legal_document, procedure

    decree = legal_document(en=False)
    cited = procedure(en=False, legal_bases=[decree])
    decree.status = LegalDocument.Status.AMENDED
    decree.save()
    client.force_login(superuser)
    html = client.get(reverse("core_due_for_review")).content.decode()
    assert cited.title in html
    assert "85/2019/NĐ-CP" in html
    # a department editor may not change the library: it is not theirs to review
    client.force_login(two["hcm_editor"])
    assert cited.title not in client.get(reverse("core_due_for_review")).content.decode()


def test_reminder_goes_to_the_departments_editors_once_a_day(two):
    make_due(two["hcm_page"])
    mail.outbox.clear()
    out = StringIO()
    call_command("run_periodic", stdout=out)
    assert "review reminder: HCM: 1 item(s) due, 1 editor(s)" in out.getvalue()
    to_hcm = [message for message in mail.outbox if two["hcm_editor"].email in message.to]
    assert len(to_hcm) == 1
    assert two["hcm_page"].title in to_hcm[0].body
    # control: HN has nothing due, so its editor hears nothing
    assert not [message for message in mail.outbox if two["hn_editor"].email in message.to]

    mail.outbox.clear()
    again = StringIO()
    call_command("run_periodic", stdout=again)
    assert again.getvalue() == ""
    assert mail.outbox == []
    assert ReviewReminder.objects.filter(department=two["hcm"]).count() == 1


def test_reminder_is_in_the_editors_language(two):
    editor = two["hcm_editor"]
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "vi"
    profile.save()
    make_due(two["hcm_page"])
    mail.outbox.clear()
    call_command("run_periodic", stdout=StringIO())
    (message,) = [message for message in mail.outbox if editor.email in message.to]
    assert "cần rà soát" in message.subject


def test_run_periodic_publishes_what_is_scheduled(two):
    page = StandardPage(title="Thông báo lịch nghỉ lễ", slug="lich-nghi-le", live=False)
    section(two["hcm"], "gioi-thieu").add_child(instance=page)
    revision = page.save_revision()
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.save()
    out = StringIO()
    call_command("run_periodic", stdout=out)
    assert "published (scheduled): Thông báo lịch nghỉ lễ" in out.getvalue()
    assert StandardPage.objects.get(pk=page.pk).live


def test_report_exports_the_departments_rows_as_csv(client, two):
    make_due(two["hcm_page"])
    make_due(two["hn_page"])
    client.force_login(two["hcm_editor"])
    response = client.get(reverse("core_due_for_review") + "?export=csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    assert two["hcm_page"].title in text and "HCM" in text
    assert two["hn_page"].title not in text


def test_run_periodic_fails_with_one_line_and_non_zero_exit(two, monkeypatch):
    """A failing step is reported on one line; the command exits non-zero (CommandError)."""
    from django.core.management import CommandError

    import cms.core.management.commands.run_periodic as run_periodic

    def broken(today=None):
        raise RuntimeError("mail server unreachable")

    monkeypatch.setattr(run_periodic, "send_review_reminders", broken)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("run_periodic", stdout=StringIO(), stderr=err)
    assert err.getvalue().strip() == "review failed: RuntimeError: mail server unreachable"
