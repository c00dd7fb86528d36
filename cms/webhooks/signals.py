"""Pages' lifecycle as webhook events: published, unpublished, moved, deleted."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import pre_delete

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from sites.models import Department

from .delivery import send_event
from .models import Event


def department_of(page: Page) -> Department | None:
    """The department whose tree holds the page (its home's translation key names the site)."""
    if page.depth < 2:
        return None
    home = Page.objects.filter(path=page.path[: Page.steplen * 2]).first()
    if home is None:
        return None
    return Department.objects.filter(site__root_page__translation_key=home.translation_key).first()


def describe(page: Page) -> dict[str, Any]:
    return {
        "id": page.pk,
        "title": page.title,
        "type": page.specific_class._meta.label_lower if page.specific_class else "",
        "locale": page.locale.language_code,
        "translation_key": str(page.translation_key),
        "url_path": page.url_path,
        "url": page.full_url,
    }


def on_published(sender, instance: Page, **kwargs) -> None:
    send_event(department_of(instance), Event.PUBLISHED, {"page": describe(instance)})


def on_unpublished(sender, instance: Page, **kwargs) -> None:
    send_event(department_of(instance), Event.UNPUBLISHED, {"page": describe(instance)})


def on_moved(sender, instance: Page, url_path_before: str, url_path_after: str, **kwargs) -> None:
    if url_path_before == url_path_after or not instance.live:
        return  # a reorder among siblings, or a draft: nothing public changed
    page = describe(instance)
    send_event(
        department_of(instance), Event.MOVED, {"page": page, "url_path_before": url_path_before}
    )


def on_deleted(sender, instance: Page, **kwargs) -> None:
    """pre_delete of each page row (a deleted page's descendants too). Pages never published
    were never public; Wagtail also sends `unpublished` for the live ones before this."""
    if instance.first_published_at is not None:
        send_event(department_of(instance), Event.DELETED, {"page": describe(instance)})


def connect() -> None:
    page_published.connect(on_published, dispatch_uid="webhooks_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="webhooks_unpublished")
    post_page_move.connect(on_moved, dispatch_uid="webhooks_moved")
    pre_delete.connect(on_deleted, sender=Page, dispatch_uid="webhooks_deleted")
