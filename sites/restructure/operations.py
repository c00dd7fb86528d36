"""Rename, merge and split departments: every step of a plan in one transaction.

Wagtail's own mechanisms do the work: pages move with `Page.move` (treebeard moves a subtree in
a few statements and Wagtail logs `wagtail.move`, sends `post_page_move` — the change feed's
tombstone and update — and reindexes the page), images and documents change collection, people
change group, workflow states point to the target's workflow, and old addresses are Wagtail
redirects (`wagtail.contrib.redirects`) plus a `DepartmentAlias` for each former hostname
(`sites.restructure.redirects` answers them). Rows of other apps that refer to a department
follow it by the rules in `sites.restructure.rules`.

Nothing is held per page: pages are moved one subtree at a time (the first child, again and
again), rows in primary-key batches, so memory does not grow with the size of a department.
A dry run is the real run rolled back: its report is exactly what the real run would do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from wagtail.contrib.redirects.models import Redirect
from wagtail.coreutils import get_dummy_request
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import (
    Collection,
    ModelLogEntry,
    Page,
    Revision,
    TaskState,
    WorkflowState,
)
from wagtail.search.index import get_indexed_models, insert_or_update_object

from sites.models import Department, DepartmentAlias, DepartmentSettings
from sites.provisioning import (
    GROUP_NAMES,
    DepartmentSpec,
    ProvisioningError,
    content_locales,
    group_name,
    provision_department,
    task_name,
    workflow_name,
)
from sites.restructure.plan import (
    Merge,
    NewDepartment,
    Plan,
    PlanError,
    Rename,
    Split,
    check_plan,
)
from sites.restructure.rules import colliding_fields, department_foreign_keys, rule_for
from sites.text import ascii_slugify

BATCH = 500
PROGRESS_EVERY = 500
#: How many collisions and redirects a report lists by name (all are counted).
LISTED = 200


def kind_labels() -> dict[str, str]:
    return {
        "pages": _("pages"),
        "images": _("images"),
        "documents": _("documents"),
        "members": _("members"),
        "workflow states": _("workflow states"),
        "log entries re-attributed": _("log entries re-attributed"),
        "departments renamed": _("departments renamed"),
        "departments merged": _("departments merged"),
        "departments split": _("departments split"),
        "departments created": _("departments created"),
    }


def kind_label(kind: str) -> str:
    """What a report calls a kind of thing moved: its name, or a model's plural name."""
    if kind in kind_labels():
        return kind_labels()[kind]
    try:
        return str(apps.get_model(kind)._meta.verbose_name_plural)
    except (LookupError, ValueError):
        return kind


class RestructureError(Exception):
    """A step cannot be carried out; everything done before it in the plan is rolled back."""


class _DryRunRollback(Exception):
    pass


@dataclass
class Report:
    """What a plan moved (or, in a dry run, would move)."""

    dry_run: bool
    steps: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    collisions: list[str] = field(default_factory=list)
    collision_count: int = 0
    redirects: list[str] = field(default_factory=list)
    redirect_count: int = 0
    problems: list[str] = field(default_factory=list)

    def collision(self, text: str) -> None:
        self.collision_count += 1
        if len(self.collisions) < LISTED:
            self.collisions.append(text)

    def redirect(self, text: str) -> None:
        self.redirect_count += 1
        if len(self.redirects) < LISTED:
            self.redirects.append(text)

    def lines(self) -> list[str]:
        """The report as the command prints it and the admin shows it."""
        lines = [_("Dry run: nothing was changed.") if self.dry_run else _("Done.")]
        lines += [f"* {step}" for step in self.steps] or [
            _("Nothing to do: the plan is carried out.")
        ]
        for kind, number in sorted(self.counts.items()):
            if number:
                lines.append(f"{kind_label(kind)}: {number}")
        lines.append(_("Slug collisions (renamed): %(count)s") % {"count": self.collision_count})
        lines += [f"  {text}" for text in self.collisions]
        lines.append(_("Redirects: %(count)s") % {"count": self.redirect_count})
        lines += [f"  {text}" for text in self.redirects]
        return lines


def run_plan(
    plan: Plan,
    *,
    dry_run: bool = False,
    user: AbstractBaseUser | AnonymousUser | None = None,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Check the plan, then carry out every step in one transaction (rolled back on a dry run).

    Raises PlanError (one line a problem) before anything changes, and RestructureError
    when a step fails midway (everything is rolled back).
    """
    problems = check_plan(plan)
    if problems:
        raise PlanError(problems)
    report = Report(dry_run=dry_run)
    restructurer = _Restructurer(report, user, progress or (lambda text: None))
    try:
        with transaction.atomic():
            for step in plan.steps:
                restructurer.run(step)
            if dry_run:
                raise _DryRunRollback
            transaction.on_commit(restructurer.after_commit)
    except _DryRunRollback:
        pass
    except ProvisioningError as error:
        raise RestructureError(str(error)) from error
    return report


def department_by_code(code: str) -> Department | None:
    """The department with `code` now, or the one it was renamed to."""
    department = Department.objects.select_related("site").filter(code=code).first()
    if department is None:
        alias = DepartmentAlias.objects.filter(code=code).select_related("department").first()
        department = alias.department if alias else None
    return department


def final_department(department: Department) -> Department:
    """The department that holds `department`'s content now (following merges)."""
    seen = {department.pk}
    while department.merged_into_id is not None and department.merged_into_id not in seen:
        seen.add(department.merged_into_id)
        department = Department.objects.select_related("site").get(pk=department.merged_into_id)
    return department


class _Restructurer:
    def __init__(
        self,
        report: Report,
        user: AbstractBaseUser | AnonymousUser | None,
        progress: Callable[[str], None],
    ):
        self.report = report
        self.user = user
        self.progress = progress
        self.locales = content_locales()
        self.reindex_collections: set[int] = set()
        self.reindex_below: set[tuple[str, int]] = set()
        self.moves = 0

    def run(self, step: Rename | Merge | Split) -> None:
        if isinstance(step, Rename):
            self.rename(step)
        elif isinstance(step, Merge):
            self.merge(step)
        else:
            self.split(step)

    # --- Rename ---------------------------------------------------------------------------------

    def rename(self, step: Rename) -> None:
        department = self._get(step.department)
        site = department.site
        port = step.port or site.port
        wanted = (step.code, step.name, step.name_en, step.hostname, port)
        if wanted == (
            department.code,
            department.name,
            department.name_en,
            site.hostname,
            site.port,
        ):
            return
        old_code, old_name, old_name_en = department.code, department.name, department.name_en
        old_host = site.hostname
        if step.hostname != old_host:
            DepartmentAlias.objects.filter(hostname=step.hostname, department=department).delete()
            DepartmentAlias.objects.update_or_create(
                hostname=old_host, defaults={"department": department}
            )
            self.report.redirect(f"{old_host} → {step.hostname}")
        if step.code != old_code:
            DepartmentAlias.objects.filter(code=step.code, department=department).delete()
            DepartmentAlias.objects.update_or_create(
                code=old_code, defaults={"department": department}
            )
            Department.objects.filter(pk=department.pk).update(code=step.code)
        provision_department(
            DepartmentSpec(
                code=step.code,
                name=step.name,
                name_en=step.name_en,
                hostname=step.hostname,
                port=port,
                is_headquarters=department.is_headquarters,
            )
        )
        department = Department.objects.select_related("site").get(pk=department.pk)
        self._rename_parts(department, old_name, old_name_en)
        log(
            instance=department,
            action="departments.restructure.rename",
            user=self.user,
            data={"from": f"{old_code} – {old_name}", "to": f"{step.code} – {step.name}"},
        )
        self.report.counts["departments renamed"] += 1
        self.report.steps.append(
            _("Rename %(old)s (%(old_host)s) to %(code)s – %(name)s (%(host)s)")
            % {
                "old": old_code,
                "old_host": old_host,
                "code": step.code,
                "name": step.name,
                "host": step.hostname,
            }
        )

    def _rename_parts(self, department: Department, old_name: str, old_name_en: str) -> None:
        """Groups, workflow, task, collection, the English home and the site's display names."""
        code = department.code
        for attribute in GROUP_NAMES:
            group = getattr(department, attribute)
            if group.name != group_name(code, attribute):
                group.name = group_name(code, attribute)
                group.save(update_fields=["name"])
        workflow = department.workflow
        if workflow.name != workflow_name(code):
            workflow.name = workflow_name(code)
            workflow.save(update_fields=["name"])
        for task in workflow.tasks.all():
            if task.name != task_name(code):
                task.name = task_name(code)
                task.save(update_fields=["name"])
        collection = department.collection
        if collection.name != f"{code} – {department.name}":
            collection.name = f"{code} – {department.name}"
            collection.save(update_fields=["name"])
        home = department.site.root_page
        for locale in self.locales[1:]:
            translated = home.get_translation_or_none(locale)
            name = department.localized_name(locale.language_code)
            if translated is not None and translated.title != name:
                translated = translated.specific
                translated.title = name
                translated.draft_title = name
                translated.save_revision(user=self.user, log_action=True).publish(user=self.user)
        settings_row = DepartmentSettings.objects.filter(site=department.site).first()
        if settings_row is not None:
            if settings_row.display_name in ("", old_name):
                settings_row.display_name = department.name
            if settings_row.display_name_en in ("", old_name_en):
                settings_row.display_name_en = department.name_en
            settings_row.save()

    # --- Merge ----------------------------------------------------------------------------------

    def merge(self, step: Merge) -> None:
        if isinstance(step.into, NewDepartment):
            target = department_by_code(step.into.code) or self._provision(
                step.into, self._port_of(step.sources)
            )
        else:
            target = self._get(step.into)
        for code in step.sources:
            source = self._get(code)
            if source.merged_into_id is not None:
                continue  # merged by an earlier run of the plan
            self.progress(_("Merging %(source)s into %(target)s") % _codes(source, target))
            self._move_pages(source, target, None, step.sections, redirect_every_move=False)
            self._move_media(source, target)
            self._move_members(source, target)
            self._move_workflow_states(source, target, whole=True)
            self._move_rows(source, target)
            self._reattribute_history(source, target)
            source.status = Department.Status.MERGED
            source.merged_into = target
            source.save(update_fields=["status", "merged_into"])
            log(
                instance=source,
                action="departments.restructure.merge",
                user=self.user,
                data={"source": str(source), "target": str(target)},
            )
            log(
                instance=target,
                action="departments.restructure.merge",
                user=self.user,
                data={"source": str(source), "target": str(target)},
            )
            self.report.counts["departments merged"] += 1
            self.report.steps.append(
                _("Merge %(source)s into %(target)s") % {"source": source, "target": target}
            )

    # --- Split ----------------------------------------------------------------------------------

    def split(self, step: Split) -> None:
        source = self._get(step.department)
        existing = department_by_code(step.into.code)
        sections = list(
            source.site.root_page.get_children().filter(slug__in=step.sections).order_by("path")
        )
        if existing is not None and not any(
            section.get_children().exists() or not self._is_standard(section)
            for section in sections
        ):
            return  # split by an earlier run of the plan
        target = existing or self._provision(step.into, source.site.port)
        self.progress(_("Splitting %(source)s into %(target)s") % _codes(source, target))
        self._move_pages(source, target, step.sections, "merge", redirect_every_move=True)
        self._share_media_with(source, target)
        self._move_workflow_states(source, target, whole=False)
        log(
            instance=source,
            action="departments.restructure.split",
            user=self.user,
            data={
                "source": str(source),
                "target": str(target),
                "sections": ", ".join(step.sections),
            },
        )
        self.report.counts["departments split"] += 1
        self.report.steps.append(
            _("Split %(sections)s of %(source)s into %(target)s")
            % {"sections": ", ".join(step.sections), "source": source, "target": target}
        )

    @staticmethod
    def _is_standard(section: Page) -> bool:
        from sites.blueprint import get_blueprint

        return section.slug in {item.slug for item in get_blueprint().sections}

    # --- Pages ----------------------------------------------------------------------------------

    def _move_pages(
        self,
        source: Department,
        target: Department,
        slugs: tuple[str, ...] | None,
        mode: str,
        *,
        redirect_every_move: bool,
    ) -> None:
        """Each top section of the source into the target's section of the same slug and type
        (`merge`: its children move; `subsection`: it moves under it, named after the source),
        or under the target's home when the target has none."""
        source_home = source.site.root_page
        target_home = target.site.root_page
        sections = source_home.get_children()
        if slugs is not None:
            sections = sections.filter(slug__in=slugs)
        pages_before = source.pages().count()
        request = get_dummy_request(site=source.site)
        for section in list(sections.order_by("path")):
            match = (
                target_home.get_children()
                .filter(slug=section.slug, content_type_id=section.content_type_id)
                .first()
            )
            for locale in self.locales:
                moving = section.get_translation_or_none(locale)
                home = target_home.get_translation_or_none(locale)
                if moving is None or home is None:
                    continue
                into = match.get_translation_or_none(locale) if match else None
                if into is not None and mode == "merge":
                    while (child := moving.get_children().first()) is not None:
                        self._move(child, into, source, request, redirect_every_move)
                elif into is not None:
                    name = source.localized_name(locale.language_code)
                    self._move(
                        moving, into, source, request, True, slug=ascii_slugify(name), title=name
                    )
                else:
                    self._move(moving, home, source, request, redirect_every_move)
        moved = pages_before - source.pages().count()
        self.report.counts["pages"] += moved

    def _move(
        self,
        page: Page,
        parent: Page,
        source: Department,
        request,
        redirect: bool,
        *,
        slug: str | None = None,
        title: str | None = None,
    ) -> None:
        old_parts = page.get_url_parts(request)
        wanted = slug or page.slug
        free = self._free_slug(parent, wanted, source.code)
        if free != wanted:
            self.report.collision(
                f"{parent.url_path}{wanted}/ → {free}/ ({source.code}, {page.locale_id and page.title})"
            )
        if free != page.slug or title:
            self._retitle(page, free, title)
        page.move(parent, pos="last-child", user=self.user)
        self.moves += 1
        if self.moves % PROGRESS_EVERY == 0:
            self.progress(_("%(count)s pages moved") % {"count": self.moves})
        if page.numchild:
            # Held per parent, not per page: what the index must see again is below it.
            self.reindex_below.add((parent.path, parent.depth + 1))
        if (redirect or free != wanted or slug) and old_parts is not None:
            self._add_redirect(source, old_parts[2], page)

    @staticmethod
    def _free_slug(parent: Page, slug: str, code: str) -> str:
        siblings = parent.get_children()
        if not siblings.filter(slug=slug).exists():
            return slug
        base = f"{slug}-{code.lower()}"
        candidate, number = base, 1
        while siblings.filter(slug=candidate).exists():
            number += 1
            candidate = f"{base}-{number}"
        return candidate

    @staticmethod
    def _retitle(page: Page, slug: str, title: str | None) -> None:
        """New slug (and title) on the page and its latest revision, so a later publish keeps it."""
        changes: dict[str, str] = {"slug": slug}
        if title:
            changes.update(title=title, draft_title=title)
        Page.objects.filter(pk=page.pk).update(**changes)
        for name, value in changes.items():
            setattr(page, name, value)
        if page.latest_revision_id:
            revision = Revision.objects.filter(pk=page.latest_revision_id).first()
            if revision is not None:
                revision.content["slug"] = slug
                if title:
                    revision.content["title"] = title
                    revision.content["draft_title"] = title
                revision.save(update_fields=["content"])

    def _add_redirect(self, source: Department, old_path: str, page: Page) -> None:
        Redirect.objects.update_or_create(
            site=source.site,
            old_path=Redirect.normalise_path(old_path),
            defaults={"redirect_page": page, "redirect_link": "", "is_permanent": True},
        )
        self.report.redirect(f"{source.site.hostname}{old_path} → {page.pk}")

    # --- Images, documents, people, workflows, rows, history -----------------------------------

    def _move_media(self, source: Department, target: Department) -> None:
        """The source's child collections under the target's; its images and documents into it."""
        for child in list(source.collection.get_children()):
            child.move(Collection.objects.get(pk=target.collection.pk), pos="sorted-child")
        for model, kind in ((get_image_model(), "images"), (get_document_model(), "documents")):
            self.report.counts[kind] += model.objects.filter(collection=source.collection).update(
                collection=target.collection
            )
        self.reindex_collections.add(target.collection.pk)

    def _share_media_with(self, source: Department, target: Department) -> None:
        """Images and documents the moved pages use move with them when nothing else uses them.

        One used on both sides stays with the source: the split is refused, so no page
        refers across the new boundary (`sites.references`).
        """
        from wagtail.models import ReferenceIndex

        page_type = ReferenceIndex._get_base_content_type(Page)
        for model, kind in ((get_image_model(), "images"), (get_document_model(), "documents")):
            model_type = ReferenceIndex._get_base_content_type(model)
            used = ReferenceIndex.objects.filter(
                base_content_type=page_type, to_content_type=model_type
            )
            moved_pages = (
                target.pages()
                .annotate(key=models.functions.Cast("pk", models.CharField()))
                .values("key")
            )
            staying_pages = (
                source.pages()
                .annotate(key=models.functions.Cast("pk", models.CharField()))
                .values("key")
            )
            # The index keeps ids as text; images' and documents' ids are integers (PostgreSQL
            # compares no integer with text).
            as_id = models.functions.Cast("to_object_id", models.BigIntegerField())
            wanted = used.filter(object_id__in=moved_pages).annotate(to_id=as_id).values("to_id")
            shared = used.filter(object_id__in=staying_pages).annotate(to_id=as_id).values("to_id")
            rows = model.objects.filter(collection=source.collection)
            both = rows.filter(pk__in=wanted).filter(pk__in=shared)
            first = both.first()
            if first is not None:
                raise RestructureError(
                    _("“%(title)s” is used by pages that move and pages that stay; split refused.")
                    % {"title": first.title}
                )
            self.report.counts[kind] += rows.filter(pk__in=wanted).update(
                collection=target.collection
            )
        self.reindex_collections.add(target.collection.pk)

    def _move_members(self, source: Department, target: Department) -> None:
        membership = get_user_model().groups.through
        for attribute in GROUP_NAMES:
            old_group = getattr(source, attribute)
            new_group = getattr(target, attribute)
            members = membership.objects.filter(group_id=old_group.pk)
            for batch in _batches(members.values_list("pk", "user_id")):
                membership.objects.bulk_create(
                    [membership(user_id=user_id, group_id=new_group.pk) for _pk, user_id in batch],
                    ignore_conflicts=True,
                )
                membership.objects.filter(pk__in=[pk for pk, _user in batch]).delete()
                self.report.counts["members"] += len(batch)

    def _move_workflow_states(self, source: Department, target: Department, *, whole: bool) -> None:
        """Moderation in progress continues in the target's workflow, task for task."""
        states = WorkflowState.objects.filter(workflow=source.workflow)
        if not whole:
            moved = target.pages().annotate(key=models.functions.Cast("pk", models.CharField()))
            states = states.filter(object_id__in=moved.values("key"))
        source_tasks = list(source.workflow.workflow_tasks.order_by("sort_order"))
        target_tasks = list(target.workflow.workflow_tasks.order_by("sort_order"))
        for old, new in zip(source_tasks, target_tasks, strict=False):
            TaskState.objects.filter(workflow_state__in=states, task_id=old.task_id).update(
                task_id=new.task_id
            )
        self.report.counts["workflow states"] += states.update(workflow=target.workflow)

    def _move_rows(self, source: Department, target: Department) -> None:
        """Every row that refers to the source by a foreign key, by its app's merge rule."""
        for field_ in department_foreign_keys():
            model = field_.model
            rule = rule_for(model)
            if rule is not None and not rule.follow:
                continue
            rows = model._default_manager.filter(**{field_.name: source})
            kind = model._meta.label_lower
            keys = colliding_fields(model, field_.name)
            if not keys:
                self.report.counts[kind] += rows.update(**{field_.name: target})
                continue
            for batch in _batches(rows.order_by("pk")):
                for row in batch:
                    clash = self._clash(model, field_.name, keys, row, target)
                    if clash is None:
                        model._default_manager.filter(pk=row.pk).update(**{field_.name: target})
                        self.report.counts[kind] += 1
                        continue
                    if rule is None or not rule.resolves_collisions:
                        raise RestructureError(
                            _("%(kind)s “%(row)s” of %(source)s collides with one of %(target)s.")
                            % {"kind": kind_label(kind), "row": row, **_codes(source, target)}
                        )
                    changed = rule.combine(row, clash, source.name)
                    if changed:
                        clash.save(update_fields=changed)
                    row.delete()
                    self.report.counts[kind] += 1
                    self.report.collision(
                        f"{kind_label(kind)}: {row} ({source.code} → {target.code})"
                    )

    @staticmethod
    def _clash(model, field_name: str, keys, row, target: Department):
        """The target's row with the same values as `row` in a unique constraint, if any."""
        for names in keys:
            attnames = [model._meta.get_field(name).attname for name in names]
            lookup = {attname: getattr(row, attname) for attname in attnames}
            clash = model._default_manager.filter(**{field_name: target}, **lookup).first()
            if clash is not None:
                return clash
        return None

    def _reattribute_history(self, source: Department, target: Department) -> None:
        """The source's own log entries (team, tokens) become the target's; labels keep the old name."""
        from django.contrib.contenttypes.models import ContentType

        department_type = ContentType.objects.get_for_model(Department)
        self.report.counts["log entries re-attributed"] += ModelLogEntry.objects.filter(
            content_type=department_type, object_id=str(source.pk)
        ).update(object_id=str(target.pk))

    # --- Helpers --------------------------------------------------------------------------------

    def _get(self, code: str) -> Department:
        department = department_by_code(code)
        if department is None:
            raise RestructureError(_("Unknown department %(code)s.") % {"code": code})
        return Department.objects.select_related("site").get(pk=department.pk)

    def _port_of(self, codes: tuple[str, ...]) -> int:
        for code in codes:
            department = department_by_code(code)
            if department is not None:
                return department.site.port
        return 80

    def _provision(self, new: NewDepartment, port: int) -> Department:
        department = provision_department(
            DepartmentSpec(
                code=new.code,
                name=new.name,
                name_en=new.name_en,
                hostname=new.hostname,
                port=new.port or port,
            )
        ).department
        self.report.counts["departments created"] += 1
        self.report.steps.append(_("Create %(department)s") % {"department": department})
        return Department.objects.select_related("site").get(pk=department.pk)

    def after_commit(self) -> None:
        """Search indexes see the new paths of moved pages' descendants (a moved page is indexed
        again when it is saved) and the images' and documents' new collections."""
        for path, depth in self.reindex_below:
            below = Page.objects.filter(path__startswith=path, depth__gt=depth)
            for page in _specific_stream(below):
                insert_or_update_object(page)
        indexed = set(get_indexed_models())
        for model in (get_image_model(), get_document_model()):
            if model not in indexed:
                continue
            rows = model.objects.filter(collection_id__in=self.reindex_collections)
            for batch in _batches(rows.order_by("pk")):
                for row in batch:
                    insert_or_update_object(row)


def _codes(source: Department, target: Department) -> dict[str, str]:
    return {"source": source.code, "target": target.code}


def _batches(rows: QuerySet, size: int = BATCH) -> Iterator[list]:
    """Rows in primary-key order, `size` at a time, read afresh each time (safe while writing).

    A `values_list` queryset must name the primary key first.
    """
    last = None
    flat = rows._iterable_class is not models.query.ModelIterable
    while True:
        chunk = rows if last is None else rows.filter(pk__gt=last)
        batch = list(chunk.order_by("pk")[:size])
        if not batch:
            return
        last = batch[-1][0] if flat else batch[-1].pk
        yield batch


def _specific_stream(pages: QuerySet[Page]) -> Iterator[Page]:
    for batch in _batches(pages):
        yield from Page.objects.filter(pk__in=[page.pk for page in batch]).specific()


def host_url(scheme: str, department: Department) -> str:
    """`scheme://host[:port]` of the department's site (the port left out for 80 and 443)."""
    site = department.site
    port = "" if site.port in (80, 443) else f":{site.port}"
    return f"{scheme}://{site.hostname}{port}"
