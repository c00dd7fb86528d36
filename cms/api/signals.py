"""Keep the API cache fresh and the change log complete.

Any saved or deleted content model (pages, snippets, library items, images,
documents, site settings) makes cached responses stale at once;
publishing, unpublishing, moving and deleting pages and library items (procedures, legal
documents, local notes), alerts (and a department hiding one) and gates are logged for the
change feed.
"""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from .cache import invalidate

# Bookkeeping models whose writes never change what the public API returns.
IGNORED_APPS = {
    "sessions",
    "admin",
    "contenttypes",
    "auth",
    "api",
    "django_tasks",
    "wagtail_localize",
}
IGNORED_MODELS = {
    "wagtailcore.modellogentry",
    "wagtailcore.pagelogentry",
    "wagtailcore.pagesubscription",
    # Made on demand while answering requests: a new rendition changes no content, and
    # invalidating on it would flush every cached response whenever a new size is asked for.
    "wagtailimages.rendition",
    # Counters written by every public view and search; "most read" may lag the cache's max age.
    "news.pageviewday",
    "portal_search.popularquery",
}


def _relevant(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    return (
        meta is not None
        and meta.app_label not in IGNORED_APPS
        and meta.label_lower not in IGNORED_MODELS
    )


@receiver(post_save)
@receiver(post_delete)
def invalidate_on_content_change(sender, **kwargs) -> None:
    if _relevant(sender):
        invalidate()
        transaction.on_commit(invalidate)  # also after commit: no process caches pre-commit data


def department_of(page: Page):
    """The department whose tree holds the page (by the home page's translation key)."""
    Department = apps.get_model("departments", "Department")
    if page.depth < 2:
        return None
    home_path = page.path[: Page.steplen * 2]
    home = Page.objects.filter(path=home_path).values_list("translation_key", flat=True).first()
    if home is None:
        return None
    return Department.objects.filter(site__root_page__translation_key=home).first()


def log(page: Page, action: str) -> None:
    ChangeEvent = apps.get_model("api", "ChangeEvent")
    department = department_of(page)
    if department is None:
        return
    ChangeEvent.objects.create(
        department=department,
        language_code=page.locale.language_code,
        object_type="page",
        object_id=page.pk,
        action=action,
    )
    invalidate()


@receiver(page_published)
def log_published(sender, instance, **kwargs) -> None:
    log(instance, "updated")


@receiver(page_unpublished)
def log_unpublished(sender, instance, **kwargs) -> None:
    log(instance, "deleted")


# Deleting a live page sends page_unpublished (wagtail.signal_handlers): the tombstone comes from there.


@receiver(post_page_move)
def log_moved(sender, instance, **kwargs) -> None:
    """A move can take a page out of (or into) a department's tree: tombstone then update."""
    old_path = kwargs.get("url_path_before") or ""
    instance.refresh_from_db()
    before = kwargs.get("parent_page_before")
    if before is not None:
        old_department = department_of(before) if before.depth >= 2 else None
        if old_department is not None and old_department != department_of(instance):
            apps.get_model("api", "ChangeEvent").objects.create(
                department=old_department,
                language_code=instance.locale.language_code,
                object_type="page",
                object_id=instance.pk,
                action="deleted",
            )
    del old_path
    if instance.live:
        log(instance, "updated")


LIBRARY_KINDS = {"library.procedure": "procedure", "library.legaldocument": "legal_document"}


def log_library(instance, action: str) -> None:
    """A shared library item changed: one event every department's feed reads (no department)."""
    kind = LIBRARY_KINDS.get(instance._meta.label_lower)
    if kind is None:
        return
    apps.get_model("api", "ChangeEvent").objects.create(
        department=None,
        language_code=instance.locale.language_code,
        object_type=kind,
        object_id=instance.pk,
        action=action,
    )
    invalidate()


@receiver(published)
def log_library_published(sender, instance, **kwargs) -> None:
    log_library(instance, "updated")


@receiver(unpublished)
def log_library_unpublished(sender, instance, **kwargs) -> None:
    log_library(instance, "deleted")


@receiver(post_delete)
def log_library_deleted(sender, instance, **kwargs) -> None:
    """A deleted library item or local note leaves a tombstone (drafts were never in the feed)."""
    label = sender._meta.label_lower
    if label in LIBRARY_KINDS and getattr(instance, "live", False):
        log_library(instance, "deleted")
    elif label == "library.localnote":
        log_local_note(instance, "deleted")


@receiver(post_save)
def log_local_note_saved(sender, instance, **kwargs) -> None:
    if sender._meta.label_lower == "library.localnote":
        log_local_note(instance, "updated")


def log_local_note(note, action: str) -> None:
    """Local notes are the department's own and not translated: one event for every language."""
    Department = apps.get_model("departments", "Department")
    if not Department.objects.filter(pk=note.department_id).exists():
        return  # the department itself is being deleted
    apps.get_model("api", "ChangeEvent").objects.create(
        department_id=note.department_id,
        language_code="",
        object_type="local_note",
        object_id=note.pk,
        action=action,
    )
    invalidate()


def log_alert(alert_id: int, departments, action: str = "updated") -> None:
    """An alert changed: one event per department whose site it may reach (both languages).

    A national alert is logged for every department: whether it shows there now (or is hidden
    there) is read when the feed answers, which turns an alert that no longer reaches the site
    into a tombstone.
    """
    ChangeEvent = apps.get_model("api", "ChangeEvent")
    ChangeEvent.objects.bulk_create(
        ChangeEvent(
            department_id=department_id,
            language_code="",
            object_type="alert",
            object_id=alert_id,
            action=action,
        )
        for department_id in departments
    )
    invalidate()


def _alert_departments(alert) -> list[int]:
    Department = apps.get_model("departments", "Department")
    if not Department.objects.filter(pk=alert.department_id).exists():
        return []  # the department itself is being deleted
    if alert.department.is_headquarters:
        return list(Department.objects.values_list("pk", flat=True))
    return [alert.department_id]


@receiver(published)
def log_alert_published(sender, instance, **kwargs) -> None:
    if sender._meta.label_lower == "alerts.alert":
        log_alert(instance.pk, _alert_departments(instance))


@receiver(unpublished)
def log_alert_unpublished(sender, instance, **kwargs) -> None:
    if sender._meta.label_lower == "alerts.alert":
        log_alert(instance.pk, _alert_departments(instance), "deleted")


@receiver(post_delete)
def log_alert_or_gate_deleted(sender, instance, **kwargs) -> None:
    label = sender._meta.label_lower
    if label == "alerts.alert" and getattr(instance, "live", False):
        log_alert(instance.pk, _alert_departments(instance), "deleted")
    elif label == "alerts.alerthide":
        log_alert(instance.alert_id, [instance.department_id])
    elif label == "alerts.gate":
        log_gate(instance, "deleted")


@receiver(post_save)
def log_hide_or_gate_saved(sender, instance, **kwargs) -> None:
    label = sender._meta.label_lower
    if label == "alerts.alerthide":
        log_alert(instance.alert_id, [instance.department_id])
    elif label == "alerts.gate":
        log_gate(instance, "updated")


def log_gate(gate, action: str) -> None:
    """A gate's details or status changed: one event for every language."""
    Department = apps.get_model("departments", "Department")
    if not Department.objects.filter(pk=gate.department_id).exists():
        return
    apps.get_model("api", "ChangeEvent").objects.create(
        department_id=gate.department_id,
        language_code="",
        object_type="gate",
        object_id=gate.pk,
        action=action,
    )
    invalidate()
