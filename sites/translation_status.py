"""What of a department's content is missing, outdated or complete in one language.

`translation_status(department, language_code)` is the one computation: the admin's translation
dashboard and its homepage panel show it, and the public API may serve `as_dict()` as it is.
It reads the department's own rows only (its page tree and its `DepartmentOwned` translatable
snippets, such as library local notes); which departments a user may ask about is the
caller's business (`sites.scoping.visible_to(user, Department)`).

A source is an object in the default language (Vietnamese); pages count when live. For each one:

- missing: no translation in the language, or only an alias of the original;
- outdated: the source changed after its translation was last written ("source_changed":
  published later than wagtail-localize last wrote the translation, or, for a model without
  publishing dates, its content differs from what was last extracted for translation), the
  source was synced but the translation not written since ("not_synced"), or the translation
  exists only as a draft ("not_published");
- complete: everything else.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime

from django.apps import apps
from django.contrib.admin.utils import quote
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Max
from django.urls import reverse
from django.utils.http import urlencode

from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.models import DraftStateMixin, Locale, Page, TranslatableMixin
from wagtail_localize.models import Translation, TranslationLog, TranslationSource

from sites.models import Department, DepartmentOwned

MISSING, OUTDATED, COMPLETE = "missing", "outdated", "complete"
STATUSES = (MISSING, OUTDATED, COMPLETE)


@dataclass(frozen=True)
class TranslationItem:
    """One source object and where its translation into the language stands."""

    kind: str  # "page" or "snippet"
    model: str  # "app_label.ModelName" of the source's (specific) model
    source_id: int
    title: str
    status: str  # MISSING, OUTDATED or COMPLETE
    #: Why an outdated item is: "source_changed", "not_synced" or "not_published"; else "".
    reason: str
    target_id: int | None
    source_changed_at: datetime | None
    translated_at: datetime | None
    #: What to do next in the admin: "translate", "sync" or "edit", and where.
    action: str
    action_url: str


@dataclass(frozen=True)
class TranslationStatus:
    department: str  # the department's code
    language: str  # the target language code
    source_language: str
    missing: list[TranslationItem] = field(default_factory=list)
    outdated: list[TranslationItem] = field(default_factory=list)
    complete: list[TranslationItem] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {status: len(getattr(self, status)) for status in STATUSES}

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def as_dict(self) -> dict:
        """Plain data (dates as datetimes): department, languages, counts and the three lists."""
        return {**asdict(self), "counts": self.counts}


def translatable_department_models() -> list[type[models.Model]]:
    """Every translatable model a department owns (its snippets, the library's local notes)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, TranslatableMixin) and issubclass(model, DepartmentOwned)
    ]


def target_locale(language_code: str) -> Locale:
    """The content language `language_code` other than the default; LookupError otherwise."""
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None or locale == Locale.get_default():
        raise LookupError(f"{language_code!r} is not a language content is translated into")
    return locale


def translation_status(department: Department, language_code: str) -> TranslationStatus:
    """The department's pages and translatable snippets in `language_code`: missing, outdated
    and complete (see the module's docstring). LookupError for a language that is not one."""
    locale = target_locale(language_code)
    source_locale = Locale.get_default()
    status = TranslationStatus(department.code, locale.language_code, source_locale.language_code)
    items = [*_page_items(department, source_locale, locale)]
    for model in translatable_department_models():
        items.extend(_snippet_items(model, department, source_locale, locale))
    for item in items:
        getattr(status, item.status).append(item)
    return status


# --- What wagtail-localize knows: sources, jobs and when it last wrote each translation ---------


@dataclass
class _Localize:
    sources: dict[str, TranslationSource]  # by translation key
    synced_jobs: set[int]  # source ids with an enabled translation into the locale
    written_at: dict[int, datetime]  # source id -> last time the translation was written


def _localize(keys: models.QuerySet, source_locale: Locale, locale: Locale) -> _Localize:
    sources = {
        str(source.object_id): source
        for source in TranslationSource.objects.filter(object_id__in=keys, locale=source_locale)
    }
    source_ids = [source.pk for source in sources.values()]
    synced = set(
        Translation.objects.filter(
            source_id__in=source_ids, target_locale=locale, enabled=True
        ).values_list("source_id", flat=True)
    )
    written = dict(
        TranslationLog.objects.filter(source_id__in=source_ids, locale=locale)
        .values("source_id")
        .annotate(last=Max("created_at"))
        .values_list("source_id", "last")
    )
    return _Localize(sources, synced, written)


def _item(
    *,
    kind: str,
    model: type[models.Model],
    source: TranslatableMixin,
    title: str,
    target: models.Model | None,
    localize: _Localize,
    source_changed_at: datetime | None,
    content_changed: bool,
    urls: _Urls,
) -> TranslationItem:
    label = f"{model._meta.app_label}.{model.__name__}"
    common = {"kind": kind, "model": label, "source_id": source.pk, "title": title}
    if target is None or getattr(target, "alias_of_id", None):
        return TranslationItem(
            **common,
            status=MISSING,
            reason="",
            target_id=None,
            source_changed_at=source_changed_at,
            translated_at=None,
            action="translate",
            action_url=urls.translate(source),
        )
    job = localize.sources.get(str(source.translation_key))
    translated_at = (localize.written_at.get(job.pk) if job else None) or (
        getattr(target, "last_published_at", None)
        or getattr(target, "latest_revision_created_at", None)
    )
    reason = ""
    if content_changed or (
        source_changed_at and translated_at and source_changed_at > translated_at
    ):
        reason = "source_changed"
    elif job and translated_at and job.last_updated_at > translated_at:
        reason = "not_synced"
    elif isinstance(target, DraftStateMixin) and not target.live:
        reason = "not_published"
    sync = bool(reason) and reason != "not_published" and job and job.pk in localize.synced_jobs
    return TranslationItem(
        **common,
        status=OUTDATED if reason else COMPLETE,
        reason=reason,
        target_id=target.pk,
        source_changed_at=source_changed_at,
        translated_at=translated_at,
        action="sync" if sync else "edit",
        action_url=urls.sync(job) if sync else urls.edit(target),
    )


class _Urls:
    """Admin links to act on an item: translate (with the language chosen), sync, edit."""

    def __init__(self, locale: Locale, translate_url, edit_url):
        self.query = "?" + urlencode({"select_locale": locale.language_code})
        self._translate, self._edit = translate_url, edit_url

    def translate(self, source: models.Model) -> str:
        return self._translate(source) + self.query

    def sync(self, job: TranslationSource) -> str:
        return reverse("wagtail_localize:update_translations", args=[job.pk])

    def edit(self, target: models.Model) -> str:
        return self._edit(target)


def _page_items(department: Department, source_locale: Locale, locale: Locale):
    sources = Page.objects.filter(
        department.tree_condition(source_locale.pk), locale=source_locale, live=True
    ).order_by("path")
    keys = sources.values("translation_key")
    targets = {
        str(page.translation_key): page
        for page in Page.objects.filter(translation_key__in=keys, locale=locale).only(
            "translation_key",
            "alias_of_id",
            "live",
            "last_published_at",
            "latest_revision_created_at",
        )
    }
    localize = _localize(keys, source_locale, locale)
    urls = _Urls(
        locale,
        lambda page: reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk]),
    )
    for page in sources.specific(defer=True):
        yield _item(
            kind="page",
            model=type(page),
            source=page,
            title=page.title,
            target=targets.get(str(page.translation_key)),
            localize=localize,
            source_changed_at=page.last_published_at,
            content_changed=False,
            urls=urls,
        )


def _snippet_items(
    model: type[TranslatableMixin], department: Department, source_locale: Locale, locale: Locale
):
    manager = model._default_manager
    sources = manager.filter(department=department, locale=source_locale).order_by("pk")
    keys = sources.values("translation_key")
    targets = {
        str(row.translation_key): row
        for row in manager.filter(translation_key__in=keys, locale=locale)
    }
    localize = _localize(keys, source_locale, locale)
    viewset = getattr(model, "snippet_viewset", None)
    opts = model._meta
    urls = _Urls(
        locale,
        lambda row: reverse(
            "wagtail_localize:submit_snippet_translation",
            args=[opts.app_label, opts.model_name, quote(row.pk)],
        ),
        lambda row: reverse(viewset.get_url_name("edit"), args=[quote(row.pk)]) if viewset else "",
    )
    dated = issubclass(model, DraftStateMixin)
    for row in sources:
        job = localize.sources.get(str(row.translation_key))
        yield _item(
            kind="snippet",
            model=model,
            source=row,
            title=str(row),
            target=targets.get(str(row.translation_key)),
            localize=localize,
            source_changed_at=row.last_published_at if dated else None,
            content_changed=not dated and job is not None and _content_differs(row, job),
            urls=urls,
        )


def _content_differs(instance: models.Model, source: TranslationSource) -> bool:
    """Whether `instance` no longer holds what wagtail-localize last extracted from it (the same
    comparison its `update_or_create_from_instance` makes)."""
    if isinstance(instance, ClusterableModel):
        content = instance.to_json()
    else:
        content = json.dumps(get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder)
    return json.loads(content) != json.loads(source.content_json)
