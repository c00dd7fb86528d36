"""Keep the API cache fresh and the change log complete.

Any saved or deleted content model (pages, snippets, library items, images,
documents, site settings) makes cached responses stale at once;
publishing, unpublishing, moving and deleting pages and library items (procedures, legal
documents, local notes), alerts (and a department hiding one) and gates are logged for the
change feed.
"""

from django.apps import apps
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

from cms.statistics.signals import figures_saved
from sites import edge

from .cache import ALERTS, invalidate

# Bookkeeping models whose writes never change what the public API returns.
IGNORED_APPS = {
    "sessions",
    "admin",
    "contenttypes",
    "auth",
    "api",
    "django_tasks",
    "django_tasks_database",  # the task queue: every enqueue and every task the worker runs
    "webhooks",  # subscriptions and their delivery log
    "wagtail_localize",
    "axes",
    "otp_static",
    "otp_totp",
    "wagtailadmin",
    "wagtailusers",
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
    "portal_search.zeroresultquery",
    # Editorial bookkeeping: what the public sees changes when the page or item itself is
    # saved live (a publish saves it), never with a draft, a comment or a workflow step; a
    # search index entry follows its object. Purging on these would empty the caches on every
    # draft save.
    "wagtailcore.revision",
    "wagtailcore.referenceindex",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.uploadedfile",
    "wagtailcore.apitoken",
    "wagtailsearch.indexentry",
    "wagtailsearch.sqliteftsindexentry",
    "consultation.referencecounter",
    "core.reviewreminder",
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
def invalidate_on_content_change(sender, instance=None, **kwargs) -> None:
    """Stale what the change may show in (`sites.edge.keys_for_change`): the API's server cache
    now and after the commit (no process caches pre-commit data), the caching proxy after it."""
    if _relevant(sender):
        edge.changed(edge.keys_for_change(instance) if instance is not None else {edge.ALL})


@receiver(figures_saved)
def invalidate_on_figures_saved(sender, **kwargs) -> None:
    """Imported or pushed figures are written in bulk, without post_save; they feed every
    department's statistics and the national ones, so everything that shows figures is stale."""
    edge.changed({edge.ALL})


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
    edge.changed(edge.keys_for_change(page))


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
    if before is not None and before.depth >= 2:  # the old department's lists lose the page
        edge.changed(edge.keys_for_department(edge.department_of_page(before)))
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
    edge.changed({edge.ALL})


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
    """One event for every language: each feed re-reads the note and its other language
    versions (a new translation replaces the original a feed showed in its place; a deleted
    one brings the original back), so every version gets an event too."""
    Department = apps.get_model("departments", "Department")
    if not Department.objects.filter(pk=note.department_id).exists():
        return  # the department itself is being deleted
    versions = (
        type(note)
        .objects.filter(department_id=note.department_id, translation_key=note.translation_key)
        .exclude(pk=note.pk)
    )
    ChangeEvent = apps.get_model("api", "ChangeEvent")
    ChangeEvent.objects.bulk_create(
        ChangeEvent(
            department_id=note.department_id,
            language_code="",
            object_type="local_note",
            object_id=pk,
            action=action if pk == note.pk else "updated",
        )
        for pk in [note.pk, *versions.values_list("pk", flat=True)]
    )
    edge.changed(edge.keys_for_department(note.department_id))


def alert_changed(departments) -> None:
    """An alert's reach changed: stale the sites it reaches (every page of them, in the API's
    cache and the proxy) and the cached alert window."""
    invalidate({ALERTS})
    if len(departments) == 1:
        edge.changed(edge.keys_for_department(departments[0]))
    else:
        edge.changed({edge.ALL})


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
    alert_changed(departments)


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
    edge.changed(edge.keys_for_department(gate.department_id))
