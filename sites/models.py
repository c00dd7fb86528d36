"""Tenancy: a Department is one Customs department's website and everything it owns."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Collection, Page, Site, Workflow
from wagtail.signals import post_page_move

from sites.references import ReferencesChecked, ReferencesCheckedModelForm
from themes.registry import DEFAULT_THEME, theme_choices

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser, AnonymousUser

CODE_PATTERN = r"^[A-Z][A-Z0-9]{1,11}$"
code_validator = RegexValidator(
    CODE_PATTERN,
    _("A department code is 2 to 12 capital letters or digits, starting with a letter."),
)
colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB, for example #0b4f8a.")
)


class DepartmentQuerySet(models.QuerySet["Department"]):
    def for_user(self, user: AbstractUser | AnonymousUser) -> DepartmentQuerySet:
        """The departments whose groups the user belongs to; every department for superusers."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        groups = user.groups.all()
        return self.filter(
            Q(editors_group__in=groups)
            | Q(moderators_group__in=groups)
            | Q(site_admins_group__in=groups)
        ).distinct()

    def active(self) -> DepartmentQuerySet:
        return self.filter(status=Department.Status.ACTIVE)


class Department(models.Model):
    """One tenant: a Customs department with its site, page tree, collection and groups.

    Made (and repaired) only by `sites.provisioning.provision_department`, so the
    related objects below always exist together.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        MERGED = "merged", _("Merged into another department")

    code = models.CharField(_("code"), max_length=12, unique=True, validators=[code_validator])
    name = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255)
    is_headquarters = models.BooleanField(
        _("headquarters"),
        default=False,
        help_text=_("HQ owns the shared library and national news, and is the default site."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_departments",
    )
    site = models.OneToOneField(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="department"
    )
    collection = models.OneToOneField(
        Collection,
        verbose_name=_("collection"),
        on_delete=models.PROTECT,
        related_name="department",
    )
    editors_group = models.OneToOneField(
        Group, on_delete=models.PROTECT, related_name="department_as_editors"
    )
    moderators_group = models.OneToOneField(
        Group, on_delete=models.PROTECT, related_name="department_as_moderators"
    )
    site_admins_group = models.OneToOneField(
        Group, on_delete=models.PROTECT, related_name="department_as_site_admins"
    )
    workflow = models.OneToOneField(Workflow, on_delete=models.PROTECT, related_name="department")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["-is_headquarters", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_headquarters"],
                condition=Q(is_headquarters=True),
                name="only_one_headquarters",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    @property
    def groups(self) -> list[Group]:
        return [self.editors_group, self.moderators_group, self.site_admins_group]

    @property
    def hostname(self) -> str:
        return self.site.hostname

    def home_pages(self) -> QuerySet[Page]:
        """The department's home page in every locale (the site root and its translations).

        One query: the root page's translation key is read in a subquery, not fetched first.
        """
        return Page.objects.filter(
            translation_key__in=Page.objects.filter(pk=self.site.root_page_id).values(
                "translation_key"
            )
        )

    def home_paths(self) -> list[tuple[int, str]]:
        """(locale id, tree path) of each home page, from the shared cache (asked every request).

        Dropped when a home page is saved, moved or deleted, or the department or its site is
        saved (`_forget_home_paths`), in every process that shares the cache.
        """
        key = _home_paths_cache_key(self.pk)
        paths = cache.get(key)
        if paths is None:
            paths = [tuple(row) for row in self.home_pages().values_list("locale_id", "path")]
            cache.set(key, paths, DEPARTMENT_CACHE_SECONDS)
        return paths

    def tree_condition(self, locale_id: int | None = None) -> Q:
        """`path` prefixes of the department's tree (in one locale, or in all): a filter on pages."""
        condition = Q(pk__in=[])
        for home_locale, path in self.home_paths():
            if locale_id is None or home_locale == locale_id:
                condition |= Q(path__startswith=path)
        return condition

    def pages(self) -> QuerySet[Page]:
        """Every page of the department's tree, in every locale."""
        return Page.objects.filter(self.tree_condition())

    def localized_name(self, language_code: str) -> str:
        return self.name_en if language_code.startswith("en") else self.name


class DepartmentAlias(models.Model):
    """A former hostname or code of a department (left by a rename or merge, `sites.restructure`).

    A request for a former hostname answers 301 to the same path on the department's current
    host (`sites.restructure.redirects`); a plan may still name a department by a former code.
    """

    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.CASCADE, related_name="aliases"
    )
    hostname = models.CharField(_("former hostname"), max_length=255, blank=True)
    code = models.CharField(_("former code"), max_length=12, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("former address of a department")
        verbose_name_plural = _("former addresses of departments")
        constraints = [
            models.UniqueConstraint(
                fields=["hostname"], condition=~Q(hostname=""), name="one_alias_per_hostname"
            ),
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="one_alias_per_code"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hostname or self.code} → {self.department_id}"


_NO_DEPARTMENT = "none"
DEPARTMENT_CACHE_SECONDS = 300


def _department_cache_key(site_id: int) -> str:
    return f"departments:for-site:{site_id}"


def _home_paths_cache_key(department_id: int) -> str:
    return f"departments:home-paths:{department_id}"


def department_for_site(site: Site | None) -> Department | None:
    """The department owning `site`, from the shared cache (every request asks this).

    Saving or deleting a department or a site drops the entry, in every process
    that shares the cache (Redis in production).
    """
    if site is None:
        return None
    key = _department_cache_key(site.pk)
    department = cache.get(key)
    if department is None:
        # With its site: every request reads `department.site` (it is the request's site).
        department = (
            Department.objects.filter(site=site).select_related("site").first() or _NO_DEPARTMENT
        )
        cache.set(key, department, DEPARTMENT_CACHE_SECONDS)
    return None if department == _NO_DEPARTMENT else department


def _forget(keys: list[str]) -> None:
    """Drop cache entries now and again after the commit (a reader between the two may have
    cached the rows as they were before it)."""
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))


@receiver([post_save, post_delete], sender=Department)
@receiver([post_save, post_delete], sender=Site)
def _forget_department_for_site(sender, instance: models.Model, **kwargs) -> None:
    site_id = instance.site_id if isinstance(instance, Department) else instance.pk
    department_ids = (
        [instance.pk]
        if isinstance(instance, Department)
        else Department.objects.filter(site_id=site_id).values_list("pk", flat=True)
    )
    _forget([_department_cache_key(site_id), *(_home_paths_cache_key(pk) for pk in department_ids)])


@receiver(post_save)
@receiver(post_delete)
@receiver(post_page_move)
def _forget_home_paths(sender, instance: models.Model, **kwargs) -> None:
    """A saved, moved or deleted page that is some department's home (or one of its translations)."""
    if not isinstance(instance, Page):
        return
    department_ids = Department.objects.filter(
        site__root_page__translation_key=instance.translation_key
    ).values_list("pk", flat=True)
    _forget([_home_paths_cache_key(pk) for pk in department_ids])


class DepartmentOwnedQuerySet(models.QuerySet):
    def for_user(self, user: AbstractUser | AnonymousUser) -> QuerySet:
        if getattr(user, "is_superuser", False):
            return self.all()
        return self.filter(department__in=Department.objects.for_user(user))


class DepartmentOwned(ReferencesChecked, models.Model):
    """Mixin for models (snippets and others) that belong to one department.

    Register their admin with `sites.viewsets.DepartmentOwnedSnippetViewSet` so
    listings, choosers, edit views and forms stay inside the user's departments, and what a
    department's groups may do with them with `sites.grants.grant_to_departments`.
    What a row refers to (pages, images, documents, other rows) must be its department's
    or shared (`sites.references`).
    """

    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    objects = DepartmentOwnedQuerySet.as_manager()

    class Meta:
        abstract = True

    def reference_owner(self) -> Department | None:
        return self.department if self.department_id else None


@register_setting(icon="site")
class DepartmentSettings(ReferencesChecked, BaseSiteSetting):
    """Branding and contact details of one department's site, edited by its site admins.

    Its logo must be the department's own image or a shared one (`sites.references`).
    """

    display_name = models.CharField(_("display name (Vietnamese)"), max_length=255, blank=True)
    display_name_en = models.CharField(_("display name (English)"), max_length=255, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    brand_colour = models.CharField(
        _("brand colour"), max_length=7, default="#0b4f8a", validators=[colour_validator]
    )
    theme = models.CharField(
        _("theme"), max_length=50, choices=theme_choices, default=DEFAULT_THEME
    )
    address = models.CharField(_("address (Vietnamese)"), max_length=255, blank=True)
    address_en = models.CharField(_("address (English)"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    hotline = models.CharField(_("hotline"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    zalo_url = models.URLField(_("Zalo"), blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("display_name"),
                FieldPanel("display_name_en"),
                FieldPanel("logo"),
                FieldPanel("brand_colour"),
                FieldPanel("theme"),
            ],
            heading=_("Branding"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("address_en"),
                FieldPanel("phone"),
                FieldPanel("hotline"),
                FieldPanel("email"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("youtube_url"), FieldPanel("zalo_url")],
            heading=_("Social links"),
        ),
    ]

    base_form_class = ReferencesCheckedModelForm

    class Meta:
        verbose_name = _("department settings")
        verbose_name_plural = _("department settings")

    def __str__(self) -> str:
        return str(self.site)

    def reference_owner(self) -> Department | None:
        return department_for_site(self.site) if self.site_id else None

    def localized_display_name(self, language_code: str) -> str:
        if language_code.startswith("en"):
            return self.display_name_en or self.display_name
        return self.display_name
