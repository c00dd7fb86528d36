"""Provisioning: one idempotent operation that makes (or repairs) a department.

It creates the Site, the Vietnamese home with its translations, the standard
sections, the department's collection, its three groups with permissions on
that subtree, collection and site only (and the model permissions the apps
register in `sites.grants`), the moderation workflow and the per-site
settings — all in one transaction. Running it again with the same input
changes nothing; running it on a damaged department puts back what is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from sites import grants
from sites.blueprint import get_blueprint
from sites.models import CODE_PATTERN, Department, DepartmentSettings
from sites.text import ascii_slugify
from sites.translation import translate_page

HOSTNAME_RE = re.compile(
    r"^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$"
)
SHARED_LIBRARY_COLLECTION = "Thư viện dùng chung"

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
MODERATOR_PAGE_PERMISSIONS = [*EDITOR_PAGE_PERMISSIONS, "publish_page", "lock_page", "unlock_page"]
SITE_ADMIN_PAGE_PERMISSIONS = [*MODERATOR_PAGE_PERMISSIONS, "bulk_delete_page"]
OWN_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", ["add", "change", "delete", "choose"]),
    ("wagtaildocs", "document", ["add", "change", "delete", "choose"]),
]
SHARED_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", ["choose"]),
    ("wagtaildocs", "document", ["choose"]),
]
#: wagtail-localize's model permissions every group of a department holds (app label, codename):
#: "Translate this page", sync and the translation editor. Which objects they reach is the
#: department's own (page permissions, `DepartmentOwned` scoping and the tenant guard), so the
#: global permission opens nothing of another department. Migration 0003 gives it to
#: departments made before it.


class ProvisioningError(Exception):
    """Bad input for provisioning; the message is one line meant for the person who typed it."""


@dataclass(frozen=True)
class DepartmentSpec:
    code: str
    name: str
    name_en: str
    hostname: str
    port: int = 80
    is_headquarters: bool = False

    def validate(self) -> None:
        if not re.match(CODE_PATTERN, self.code or ""):
            raise ProvisioningError(
                _(
                    "Invalid code %(code)r: use 2 to 12 capital letters or digits, starting with a letter."
                )
                % {"code": self.code}
            )
        if not (self.name or "").strip():
            raise ProvisioningError(_("The Vietnamese name (--name) is required."))
        if not (self.name_en or "").strip():
            raise ProvisioningError(_("The English name (--name-en) is required."))
        if not HOSTNAME_RE.match(self.hostname or ""):
            raise ProvisioningError(
                _(
                    "Invalid hostname %(hostname)r: use lower-case letters, digits, dots and hyphens."
                )
                % {"hostname": self.hostname}
            )
        if not 1 <= self.port <= 65535:
            raise ProvisioningError(
                _("Invalid port %(port)s: use a number from 1 to 65535.") % {"port": self.port}
            )
        owner = (
            Department.objects.filter(site__hostname=self.hostname, site__port=self.port)
            .exclude(code=self.code)
            .first()
        )
        if owner is not None:
            raise ProvisioningError(
                _("The hostname %(host)s:%(port)s already belongs to department %(code)s.")
                % {"host": self.hostname, "port": self.port, "code": owner.code}
            )
        if Site.objects.filter(
            hostname=self.hostname, port=self.port, department__isnull=True
        ).exists():
            raise ProvisioningError(
                _(
                    "The hostname %(host)s:%(port)s is already used by a site outside any department."
                )
                % {"host": self.hostname, "port": self.port}
            )
        if self.is_headquarters:
            other_hq = Department.objects.filter(is_headquarters=True).exclude(code=self.code)
            if other_hq.exists():
                raise ProvisioningError(
                    _("Department %(code)s is already the headquarters.")
                    % {"code": other_hq.get().code}
                )


@dataclass
class ProvisioningResult:
    department: Department
    created: bool
    changes: list[str] = field(default_factory=list)


def content_locales() -> list[Locale]:
    """Every content language, the default first (created if missing)."""
    locales = []
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        locale, _created = Locale.objects.get_or_create(language_code=code)
        locales.append(locale)
    return locales


def shared_library_collection() -> Collection:
    """The collection of forms and legal texts that every site may use and only HQ may change."""
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=SHARED_LIBRARY_COLLECTION).first()
    return existing or root.add_child(name=SHARED_LIBRARY_COLLECTION)


# What staff read in the admin (and in workflow e-mails), in Vietnamese: the department's
# groups, its moderation workflow and that workflow's one task. Stored names, not interface
# strings: sites/migrations/0004 gave departments made before the same names.
GROUP_NAMES = {
    "editors_group": "Biên tập viên",
    "moderators_group": "Kiểm duyệt viên",
    "site_admins_group": "Quản trị trang",
}


def group_name(code: str, attribute: str) -> str:
    return f"{code} – {GROUP_NAMES[attribute]}"


def workflow_name(code: str) -> str:
    return f"{code} – Quy trình duyệt"


def task_name(code: str) -> str:
    return f"{code} – Kiểm duyệt viên phê duyệt"


class _Provisioner:
    def __init__(self, spec: DepartmentSpec):
        self.spec = spec
        self.changes: list[str] = []
        self.department = Department.objects.filter(code=spec.code).select_related("site").first()
        self.locales = content_locales()

    def note(self, change: str) -> None:
        self.changes.append(change)

    def run(self) -> ProvisioningResult:
        created = self.department is None
        home = self.ensure_home()
        site = self.ensure_site(home)
        collection = self.ensure_collection()
        groups = self.ensure_groups()
        workflow = self.ensure_workflow(groups)
        department = self.save_department(site, collection, groups, workflow)
        self.ensure_translations(department)
        self.ensure_permissions(department)
        self.ensure_workflow_pages(department)
        self.ensure_settings(department)
        return ProvisioningResult(department=department, created=created, changes=self.changes)

    def ensure_home(self) -> Page:
        if self.department is not None:
            return self.department.site.root_page.specific
        model = get_blueprint().home_page_model()
        default_locale = self.locales[0]
        root = Page.get_first_root_node()
        home = model(
            title=self.spec.name,
            slug=self.available_home_slug(ascii_slugify(self.spec.code)),
            locale=default_locale,
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        self.note(_("home page “%(title)s”") % {"title": home.title})
        return home

    @staticmethod
    def available_home_slug(slug: str) -> str:
        siblings = Page.get_first_root_node().get_children()
        candidate, number = slug, 1
        while siblings.filter(slug=candidate).exists():
            number += 1
            candidate = f"{slug}-{number}"
        return candidate

    def ensure_site(self, home: Page) -> Site:
        spec = self.spec
        site = self.department.site if self.department else None
        if site is None:
            site = Site.objects.create(
                hostname=spec.hostname,
                port=spec.port,
                root_page=home,
                site_name=spec.name,
                is_default_site=spec.is_headquarters,
            )
            self.note(_("site %(host)s:%(port)s") % {"host": spec.hostname, "port": spec.port})
            return site
        wanted = {
            "hostname": spec.hostname,
            "port": spec.port,
            "site_name": spec.name,
            "is_default_site": spec.is_headquarters or site.is_default_site,
        }
        changed = {key: value for key, value in wanted.items() if getattr(site, key) != value}
        if changed:
            if changed.get("is_default_site"):
                Site.objects.filter(is_default_site=True).update(is_default_site=False)
            for key, value in changed.items():
                setattr(site, key, value)
            site.save()
            self.note(_("site fields: %(fields)s") % {"fields": ", ".join(sorted(changed))})
        return site

    def ensure_collection(self) -> Collection:
        if self.department is not None:
            return self.department.collection
        name = f"{self.spec.code} – {self.spec.name}"
        collection = Collection.get_first_root_node().add_child(name=name)
        self.note(_("collection “%(name)s”") % {"name": name})
        return collection

    def ensure_groups(self) -> dict[str, Group]:
        names = {attribute: group_name(self.spec.code, attribute) for attribute in GROUP_NAMES}
        groups = {}
        for attribute, name in names.items():
            group = getattr(self.department, attribute) if self.department else None
            if group is None:
                group, created = Group.objects.get_or_create(name=name)
                if created:
                    self.note(_("group “%(name)s”") % {"name": name})
            groups[attribute] = group
        return groups

    def ensure_workflow(self, groups: dict[str, Group]) -> Workflow:
        workflow = self.department.workflow if self.department else None
        if workflow is None:
            workflow = Workflow.objects.create(name=workflow_name(self.spec.code))
            self.note(_("moderation workflow"))
        if not workflow.workflow_tasks.exists():
            task = GroupApprovalTask.objects.create(name=task_name(self.spec.code))
            task.groups.set([groups["moderators_group"], groups["site_admins_group"]])
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        return workflow

    def save_department(
        self, site: Site, collection: Collection, groups: dict[str, Group], workflow: Workflow
    ) -> Department:
        spec = self.spec
        department = self.department or Department(code=spec.code)
        wanted = {
            "name": spec.name,
            "name_en": spec.name_en,
            "is_headquarters": spec.is_headquarters,
            "site": site,
            "collection": collection,
            "workflow": workflow,
            **groups,
        }
        changed = [key for key, value in wanted.items() if self.differs(department, key, value)]
        if department.pk is None or changed:
            for key, value in wanted.items():
                setattr(department, key, value)
            department.full_clean()
            department.save()
            if self.department is not None:
                self.note(_("department fields: %(fields)s") % {"fields": ", ".join(changed)})
        return department

    @staticmethod
    def differs(department: Department, key: str, value: object) -> bool:
        if isinstance(value, models.Model):
            return getattr(department, f"{key}_id") != value.pk
        return getattr(department, key) != value

    def ensure_translations(self, department: Department) -> None:
        """Every section exists under the home, and home and sections exist in every locale."""
        home = department.site.root_page.specific
        if home.title != self.spec.name and home.locale == self.locales[0]:
            home.title = self.spec.name
            home.save_revision().publish()
            self.note(_("home page title"))
        sections = []
        for section in get_blueprint().sections:
            page = home.get_children().filter(slug=section.slug).first()
            if page is None:
                with translation.override(self.locales[0].language_code):
                    title = str(section.title)
                page = section.page_model()(title=title, slug=section.slug, locale=home.locale)
                home.add_child(instance=page)
                page.save_revision().publish()
                self.note(_("section “%(title)s”") % {"title": title})
            sections.append((section, page))
        for locale in self.locales[1:]:
            if home.get_translation_or_none(locale) is None:
                name = self.spec.name_en if locale.language_code == "en" else self.spec.name
                translate_page(home, locale, {"title": name})
                self.note(_("home page in %(language)s") % {"language": locale.language_code})
            for section, page in sections:
                if page.get_translation_or_none(locale) is None:
                    with translation.override(locale.language_code):
                        title = str(section.title)
                    translate_page(page, locale, {"title": title, "slug": ascii_slugify(title)})
                    self.note(
                        _("section “%(title)s” in %(language)s")
                        % {"title": title, "language": locale.language_code}
                    )

    def ensure_permissions(self, department: Department) -> None:
        page_permissions = {
            department.editors_group: EDITOR_PAGE_PERMISSIONS,
            department.moderators_group: MODERATOR_PAGE_PERMISSIONS,
            department.site_admins_group: SITE_ADMIN_PAGE_PERMISSIONS,
        }
        access_admin = Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
        library = shared_library_collection()
        for group, codenames in page_permissions.items():
            if not group.permissions.filter(pk=access_admin.pk).exists():
                group.permissions.add(access_admin)
                self.note(_("admin access for “%(group)s”") % {"group": group.name})
            for home in department.home_pages():
                for codename in codenames:
                    _permission, created = GroupPagePermission.objects.get_or_create(
                        group=group, page=home, permission=self.permission("wagtailcore", codename)
                    )
                    if created:
                        self.note(f"{group.name}: {codename} @ {home.locale.language_code}")
            self.grant_collection(group, department.collection, OWN_COLLECTION_PERMISSIONS)
            shared = (
                OWN_COLLECTION_PERMISSIONS
                if department.is_headquarters
                else (SHARED_COLLECTION_PERMISSIONS)
            )
            self.grant_collection(group, library, shared)
        registered = grants.department_permissions()
        for group in department.groups:
            added = grants.give(group, registered)
            if added:
                self.note(f"{group.name}: {', '.join(p.codename for p in added)}")
        settings_permission = Permission.objects.get(
            content_type=ContentType.objects.get_for_model(DepartmentSettings),
            codename="change_departmentsettings",
        )
        _grant, created = GroupSitePermission.objects.get_or_create(
            group=department.site_admins_group,
            site=department.site,
            permission=settings_permission,
        )
        if created:
            self.note(_("site settings permission"))

    def grant_collection(self, group: Group, collection: Collection, grants: list) -> None:
        for app_label, model, actions in grants:
            for action in actions:
                _grant, created = GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=collection,
                    permission=self.permission(app_label, f"{action}_{model}"),
                )
                if created:
                    self.note(f"{group.name}: {action}_{model} @ {collection.name}")

    @staticmethod
    def permission(app_label: str, codename: str) -> Permission:
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    def ensure_workflow_pages(self, department: Department) -> None:
        for home in department.home_pages():
            _link, created = WorkflowPage.objects.get_or_create(
                page=home, defaults={"workflow": department.workflow}
            )
            if created:
                self.note(_("workflow on home page (%(language)s)") % {"language": home.locale})

    def ensure_settings(self, department: Department) -> None:
        _settings, created = DepartmentSettings.objects.get_or_create(
            site=department.site,
            defaults={"display_name": department.name, "display_name_en": department.name_en},
        )
        if created:
            self.note(_("site settings"))


def provision_department(spec: DepartmentSpec) -> ProvisioningResult:
    """Create or repair the department described by `spec`; raise ProvisioningError on bad input."""
    spec.validate()
    with transaction.atomic():
        return _Provisioner(spec).run()
