"""`manage.py repair_slugs [--department CODE] [--locale LANG] [--dry-run]`: give pages the
ASCII slug their title gives, and leave a permanent redirect from every old URL.

It repairs, in every department's tree and every locale (or the ones named):
- translations still carrying their source page's slug (an English page at
  `/en/to-roi-an-pham/`) when no translator set one: the slug of its own title;
- slugs that lost letters to an older slugifier (`cng-cat-lai` for "Cảng Cát Lái",
  `hi-quan-djng-nai` for "Hải quan Đồng Nai").
A slug an editor chose (`thu-tuc` for "Thủ tục hành chính") is left alone. The new slug is
unique among the page's siblings. Each old URL of the page and of its live descendants gets a
site-scoped permanent redirect (wagtail.contrib.redirects) to the page. One line per change;
running it again changes nothing.
"""

from django.core.management.base import CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.redirects.signal_handlers import create_redirects
from wagtail.models import Locale, Page, Site

from cms.core.slugs import SlugRepair, available_slug, slug_repairs
from sites.management.base import PortalCommand
from sites.models import Department


class Command(PortalCommand):
    help = (
        "Give pages whose slug is their source page's slug or lost letters the ASCII slug of "
        "their title, with a permanent redirect from each old URL. --dry-run lists only."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--department", action="append", default=[], help="department code (repeatable)"
        )
        parser.add_argument("--locale", action="append", default=[], help="language code")
        parser.add_argument("--dry-run", action="store_true", help="list, change nothing")

    def handle(self, *args, department: list, locale: list, dry_run: bool, **options) -> None:
        departments = self.departments(department)
        locales = self.locales(locale)
        changed = 0
        for each in departments:
            pages = each.pages()
            if locales is not None:
                pages = pages.filter(locale__in=locales)
            for repair in slug_repairs(pages):
                old_url = self.public_path(repair.page)
                if dry_run:
                    new_slug, redirects = repair.wanted, None
                else:
                    with transaction.atomic():
                        new_slug, redirects = self.repair(repair)
                changed += 1
                self.stdout.write(self.describe(each, repair, old_url, new_slug, redirects))
        if dry_run:
            self.stdout.write(
                _("%(count)d slugs to repair (dry run: nothing changed).") % {"count": changed}
            )
        else:
            self.stdout.write(_("%(count)d slugs repaired.") % {"count": changed})

    @staticmethod
    def departments(codes: list[str]) -> list[Department]:
        found = list(Department.objects.order_by("code"))
        if not codes:
            return found
        by_code = {each.code.upper(): each for each in found}
        unknown = [code for code in codes if code.upper() not in by_code]
        if unknown:
            raise CommandError(
                _("No department with the code %(codes)s (known: %(known)s).")
                % {"codes": ", ".join(unknown), "known": ", ".join(sorted(by_code)) or "-"}
            )
        return [by_code[code.upper()] for code in dict.fromkeys(codes)]

    @staticmethod
    def locales(codes: list[str]) -> list[Locale] | None:
        if not codes:
            return None
        known = {each.language_code: each for each in Locale.objects.all()}
        unknown = [code for code in codes if code not in known]
        if unknown:
            raise CommandError(
                _("No locale %(codes)s (known: %(known)s).")
                % {"codes": ", ".join(unknown), "known": ", ".join(sorted(known)) or "-"}
            )
        return [known[code] for code in codes]

    @staticmethod
    def public_path(page: Page) -> str:
        parts = page.get_url_parts()
        return parts[2] if parts else page.url_path

    @staticmethod
    def repair(repair: SlugRepair) -> tuple[str, int]:
        """Set the new slug on the page and its revisions and redirect its old URLs (and its
        descendants'); return the slug and how many redirects were made."""
        page = repair.page.specific
        before = type(page).objects.get(pk=page.pk)
        page.slug = available_slug(page, repair.wanted)
        # Only the slug (and the URL paths it makes): the rest of the page and its draft stay.
        page.save(clean=False, update_fields=["slug", "url_path"])
        # A later publish of the latest draft must not bring the old slug back.
        for revision in {page.latest_revision, page.live_revision} - {None}:
            revision.content["slug"] = page.slug
            revision.save(update_fields=["content"])
        redirects_before = Redirect.objects.count()
        parts = before.get_url_parts()
        if parts:
            sites = Site.objects.filter(pk=parts[0]).exclude(root_page=page)
            create_redirects(page=page, page_old=before, sites=sites)
        return page.slug, Redirect.objects.count() - redirects_before

    @staticmethod
    def describe(
        department: Department,
        repair: SlugRepair,
        old_url: str,
        new_slug: str,
        redirects: int | None,
    ) -> str:
        page = repair.page
        why = _("its source page's slug") if repair.reason == "source" else _("letters lost")
        line = (
            f"[{department.code}] {page.locale.language_code} #{page.pk} “{page.title}” "
            f"{old_url}: {repair.old_slug} → {new_slug} ({why})"
        )
        if redirects is None:
            return f"{line} – {_('dry run')}"
        return f"{line}, " + _("%(count)d redirects") % {"count": redirects}
