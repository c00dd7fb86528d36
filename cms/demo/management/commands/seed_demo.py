"""`manage.py seed_demo`: HQ and seven provincial departments with bilingual demo content.

Idempotent: run again, it repairs what is missing and changes nothing else (but the port,
which follows `--port`, then $PORT, then 8000: the port `make run` serves on).

Fast: each department is written in one transaction, Wagtail's background tasks (search
and reference index updates on every save) are deferred, and both indexes are built once
at the end.
"""

import os

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale

from cms.demo.accounts import deferred_indexing, demo_password
from cms.demo.alerts import ensure_demo_alerts, ensure_demo_gates
from cms.demo.consultation import ensure_demo_questions
from cms.demo.content import (
    LEAFLET_FILES,
    LEAFLET_TEASER,
    LEAFLET_TITLE,
    contact_details,
    home_extras,
    home_intro,
    introduction_body,
)
from cms.demo.departments import (
    DEMO_DEPARTMENTS,
    DEMO_PORT,
    STAFF_NAMES,
    STAFF_ROLES,
    DemoDepartment,
)
from cms.demo.images import banner_jpeg, emblem_png, leaflet_pdf
from cms.demo.library import load_demo_library
from cms.demo.news import ensure_demo_news, ensure_lead_images
from cms.demo.statistics import load_demo_statistics
from cms.standard.models import ContactPage, LeafletFile, LeafletPage
from sites.management.base import PortalCommand
from sites.models import Department, DepartmentSettings
from sites.provisioning import DepartmentSpec, provision_department
from sites.translation import sync_translation

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "admin"


def port_option(value: str | None) -> int:
    raw = value if value is not None else os.environ.get("PORT") or str(DEMO_PORT)
    # ASCII digits only: str.isdigit() also accepts "³" (int() fails) and "٨٠٨٠" (Arabic-Indic).
    if not (raw.isascii() and raw.isdigit()) or not 0 < int(raw) < 65536:
        raise CommandError(f"The port must be a number from 1 to 65535, not {raw!r}.")
    return int(raw)


class Command(PortalCommand):
    help = (
        "Create the demo departments, their bilingual pages, a platform admin and each "
        "department's editor, moderator and site admin."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--port",
            help=f"The port the sites are served on (default: $PORT, else {DEMO_PORT}).",
        )

    def handle(self, *args, **options):
        port = port_option(options["port"])
        total = len(DEMO_DEPARTMENTS)
        logins = [(ADMIN_USERNAME, ADMIN_PASSWORD, "platform admin")]
        with deferred_indexing():
            self.ensure_admin()
            for number, demo in enumerate(DEMO_DEPARTMENTS, start=1):
                with transaction.atomic():
                    result = provision_department(
                        DepartmentSpec(
                            code=demo.code,
                            name=demo.name,
                            name_en=demo.name_en,
                            hostname=demo.hostname,
                            port=port,
                            is_headquarters=demo.is_headquarters,
                        )
                    )
                    department = result.department
                    self.ensure_port(department, port)
                    self.ensure_branding(department, demo)
                    self.ensure_content(department, demo)
                    ensure_demo_gates(department)
                    for username, role in self.ensure_staff(department, number - 1):
                        logins.append((username, username, f"{role} – {demo.code}"))
                state = "created" if result.created else "up to date"
                self.stdout.write(f"[{number}/{total}] {demo.code} {demo.name} ({state})")
            with transaction.atomic():
                librarian = load_demo_library(self.stdout)
                ensure_demo_alerts()
            logins.append((librarian, librarian, "HQ library (procedures)"))
            self.stdout.write(f"Statistics: {load_demo_statistics()}")
        call_command("update_index", verbosity=0)
        call_command("rebuild_references_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Demo ready. Sites on port {port}:"))
        for demo in DEMO_DEPARTMENTS:
            self.stdout.write(f"  http://{demo.hostname}:{port}/vi/  ({demo.code})")
        self.stdout.write(f"Logins (username / password) at http://localhost:{port}/admin/:")
        for username, password, role in logins:
            self.stdout.write(f"  {username} / {password}  – {role}")

    def ensure_port(self, department: Department, port: int) -> None:
        """An existing demo site moves to the port served now (its URLs carry the port)."""
        site = department.site
        if site.port != port:
            site.port = port
            site.save(update_fields=["port"])

    def ensure_admin(self) -> None:
        User = get_user_model()
        if not User.objects.filter(username=ADMIN_USERNAME).exists():
            User.objects.create(
                username=ADMIN_USERNAME,
                email="admin@customs.gov.vn",
                first_name="Quản trị",
                last_name="nền tảng",
                is_staff=True,
                is_superuser=True,
                password=demo_password(ADMIN_PASSWORD),
            )

    def ensure_staff(self, department: Department, index: int) -> list[tuple[str, str]]:
        """The department's editor, moderator and site admin, with Vietnamese names."""
        User = get_user_model()
        people = []
        for offset, (prefix, group, role) in enumerate(STAFF_ROLES):
            username = f"{prefix}-{department.code.lower()}"
            family, given = STAFF_NAMES[(index * len(STAFF_ROLES) + offset) % len(STAFF_NAMES)]
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "email": f"{username}@customs.gov.vn",
                    # Shown as "first last": family and middle names, then the given name.
                    "first_name": family,
                    "last_name": given,
                    "password": demo_password(username),
                },
            )
            user.groups.add(getattr(department, group))
            people.append((username, role))
        return people

    def ensure_branding(self, department: Department, demo: DemoDepartment) -> None:
        settings = DepartmentSettings.for_site(department.site)
        if settings.logo is None:
            settings.logo = get_image_model().objects.create(
                title=f"Logo {demo.code}",
                file=emblem_png(demo.code, demo.colour),
                collection=department.collection,
            )
        wanted = {
            "brand_colour": demo.colour,
            "address": demo.address,
            "address_en": demo.address_en,
            "hotline": demo.hotline,
            "email": f"{demo.code.lower()}@customs.gov.vn",
        }
        for field, value in wanted.items():
            if not getattr(settings, field) or getattr(settings, field) == "#0b4f8a":
                setattr(settings, field, value)
        settings.save()

    def ensure_content(self, department: Department, demo: DemoDepartment) -> None:
        english = Locale.objects.filter(language_code="en").first()
        home = department.site.root_page.specific
        if not home.intro:
            home.intro, strings = home_intro(demo)
            home.save_revision().publish()
            if english:
                sync_translation(home, english, {"title": demo.name_en, **strings})
        self.ensure_home_extras(department, home, demo, english)
        self.ensure_contact(home, demo, english)
        self.ensure_leaflets(department, home, english)
        ensure_demo_news(department, home, demo)
        ensure_lead_images(department, demo)
        ensure_demo_questions(department)
        for slug, build in (("gioi-thieu", introduction_body),):
            page = home.get_children().filter(slug=slug).first()
            if page is None:
                continue
            page = page.specific
            if page.body:
                continue
            page.body, strings = build(demo)
            page.save_revision().publish()
            if english:
                sync_translation(page, english, strings)

    def ensure_contact(self, home, demo: DemoDepartment, english: Locale | None) -> None:
        """Fill the contact section's details once (it is a ContactPage on new sites)."""
        page = home.get_children().filter(slug="lien-he").first()
        if page is None or not isinstance(page.specific, ContactPage) or page.specific.address:
            return
        page = page.specific
        fields, strings = contact_details(demo)
        for name, value in fields.items():
            setattr(page, name, value)
        page.save_revision().publish()
        if english:
            sync_translation(page, english, strings)

    def ensure_home_extras(
        self, department: Department, home, demo: DemoDepartment, english
    ) -> None:
        """Hero image and text, quick links to online services and highlights, once."""
        if home.quick_links:
            return
        fields, strings = home_extras(demo)
        for name, value in fields.items():
            setattr(home, name, value)
        home.hero_image = get_image_model().objects.create(
            title=f"Ảnh bìa {demo.code}",
            file=banner_jpeg(f"hero-{demo.code.lower()}", demo.colour, demo.name),
            collection=department.collection,
        )
        home.save_revision().publish()
        if english:
            sync_translation(home, english, strings)

    def ensure_leaflets(self, department: Department, home, english) -> None:
        """A leaflet page with downloadable PDF leaflets drawn by code, once."""
        if LeafletPage.objects.child_of(home).exists():
            return
        title, title_en = LEAFLET_TITLE
        teaser, teaser_en = LEAFLET_TEASER
        page = LeafletPage(title=title, slug="to-roi-an-pham", teaser=teaser)
        strings = {"title": title_en, teaser: teaser_en}
        files = []
        for number, (file_title, file_title_en, lines) in enumerate(LEAFLET_FILES, start=1):
            document = get_document_model().objects.create(
                title=file_title,
                file=ContentFile(
                    leaflet_pdf(file_title, lines).getvalue(),
                    name=f"to-roi-{department.code.lower()}-{number}.pdf",
                ),
                collection=department.collection,
            )
            files.append(LeafletFile(title=file_title, document=document))
            strings[file_title] = file_title_en
        page.files = files
        home.add_child(instance=page)
        page.save_revision().publish()
        if english:
            sync_translation(page, english, strings)
