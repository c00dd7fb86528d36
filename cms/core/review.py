"""Review dates: when a page or library item must next be checked, and what is due.

Each type declares once how long its content stays valid (`review_interval_months`, None for
content that is never reviewed, like news); publishing sets `review_by` from it when the date is
empty or already due. The "due for review" report (`cms.core.views.DueForReviewView`) and the
daily reminder to a department's editors (`send_review_reminders`, run by `run_periodic`) read
the same `due_items`, which also lists library items flagged because a legal document they cite
was amended, replaced or expired (`needs_review`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.core.mail import send_mail
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page

from cms.core.models import ReviewDated
from sites.models import Department
from sites.scoping import scope_for, visible_to


def renew_review_date(sender, instance, **kwargs) -> None:
    """Signal receiver (page_published, published): set `review_by` on the published row."""
    if not isinstance(instance, ReviewDated):
        return
    wanted = instance.renewed_review_date(timezone.localdate())
    if wanted != instance.review_by:
        type(instance)._default_manager.filter(pk=instance.pk).update(review_by=wanted)
        instance.review_by = wanted


@dataclass(frozen=True)
class DueItem:
    """One row of the report and of a reminder."""

    item: models.Model
    kind: str
    review_by: date | None
    reason: str
    department: Department | None

    @property
    def title(self) -> str:
        return str(self.item.title if hasattr(self.item, "title") else self.item)

    @property
    def department_code(self) -> str:
        return self.department.code if self.department else str(_("Shared library"))


def review_models() -> list[type[ReviewDated]]:
    """Every concrete model with a review date (pages and library items)."""
    return [model for model in apps.get_models() if issubclass(model, ReviewDated)]


def _reason(row: ReviewDated, today: date) -> str:
    if getattr(row, "needs_review", False):
        return str(getattr(row, "review_reason", "") or _("A legal document it cites changed."))
    return str(_("Review date passed"))


def due_items(
    departments: Iterable[Department], *, library: bool, today: date | None = None
) -> list[DueItem]:
    """What is due in `departments`' trees (every locale), and in the library when `library`."""
    today = today or timezone.localdate()
    departments = list(departments)
    rows: list[DueItem] = []
    for model in review_models():
        due = model._default_manager.filter(model.due_condition(today))
        if issubclass(model, Page):
            for department in departments:
                for row in due.filter(department.tree_condition()):
                    rows.append(_row(row, today, department))
        elif scope_for(model) is None and library:
            rows.extend(_row(row, today, None) for row in due)
    return sorted(rows, key=lambda row: (row.review_by or date.min, row.title))


def _row(row: ReviewDated, today: date, department: Department | None) -> DueItem:
    return DueItem(
        item=row,
        kind=str(row._meta.verbose_name),
        review_by=row.review_by,
        reason=_reason(row, today),
        department=department,
    )


def may_review_library(user: AbstractUser | AnonymousUser) -> bool:
    """Library items (HQ's, with no department scope) are due for those who may change them."""
    return any(
        user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
        for model in review_models()
        if not issubclass(model, Page) and scope_for(model) is None
    )


def due_items_for_user(
    user: AbstractUser | AnonymousUser, today: date | None = None
) -> list[DueItem]:
    """The report's rows: the user's departments' pages (all for platform admins), and the
    library for those who may change it."""
    departments = visible_to(user, Department.objects.active().select_related("site"))
    return due_items(departments, library=may_review_library(user), today=today)


def send_review_reminders(today: date | None = None) -> list[str]:
    """One e-mail a day per department with something due, to each of its editors, in their
    language; returns one line per department reminded. Idempotent within a day."""
    from cms.core.models import ReviewReminder

    today = today or timezone.localdate()
    lines = []
    for department in Department.objects.active().select_related("site", "editors_group"):
        if ReviewReminder.objects.filter(department=department, sent_on=today).exists():
            continue
        items = due_items([department], library=department.is_headquarters, today=today)
        editors = list(department.editors_group.user_set.filter(is_active=True).exclude(email=""))
        sent = 0
        if items:
            for editor in editors:
                _send_reminder(editor, department, items)
                sent += 1
        ReviewReminder.objects.create(department=department, sent_on=today, items=len(items))
        if items:
            lines.append(
                f"review reminder: {department.code}: {len(items)} item(s) due, {sent} editor(s)"
            )
    return lines


def _language_of(user) -> str:
    profile = getattr(user, "wagtail_userprofile", None)
    return (profile.get_preferred_language() if profile else None) or settings.LANGUAGE_CODE


def _send_reminder(editor, department: Department, items: list[DueItem]) -> None:
    finder = AdminURLFinder(editor)
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    with translation.override(_language_of(editor)):
        context = {
            "user": editor,
            "department": department,
            "items": [
                {"row": row, "url": base_url + (finder.get_edit_url(row.item) or "")}
                for row in items
            ],
            "report_url": base_url + "/admin/reports/due-for-review/",
        }
        subject = render_to_string("core/review/reminder_subject.txt", context).strip()
        body = render_to_string("core/review/reminder.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [editor.email])
