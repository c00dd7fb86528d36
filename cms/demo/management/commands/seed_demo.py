"""`manage.py seed_demo`: HQ and seven provincial departments with bilingual demo content.

Idempotent: run again, it repairs what is missing and changes nothing else.
"""

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale

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
from cms.demo.departments import DEMO_DEPARTMENTS, DEMO_PORT, DemoDepartment
from cms.demo.images import banner_jpeg, emblem_png, leaflet_pdf
from cms.demo.library import load_demo_library
from cms.demo.news import ensure_demo_news, ensure_lead_images
from cms.standard.models import ContactPage, LeafletFile, LeafletPage
from sites.management.base import PortalCommand
from sites.models import Department, DepartmentSettings
from sites.provisioning import DepartmentSpec, provision_department
from sites.translation import sync_translation

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "admin"


class Command(PortalCommand):
    help = "Create the demo departments, their bilingual pages, a platform admin and editors."

    def handle(self, *args, **options):
        total = len(DEMO_DEPARTMENTS)
        logins = [(ADMIN_USERNAME, ADMIN_PASSWORD, "platform admin")]
        self.ensure_admin()
        for number, demo in enumerate(DEMO_DEPARTMENTS, start=1):
            result = provision_department(
                DepartmentSpec(
                    code=demo.code,
                    name=demo.name,
                    name_en=demo.name_en,
                    hostname=demo.hostname,
                    port=DEMO_PORT,
                    is_headquarters=demo.is_headquarters,
                )
            )
            department = result.department
            self.ensure_branding(department, demo)
            self.ensure_content(department, demo)
            username = self.ensure_editor(department)
            logins.append((username, username, f"editor of {demo.code}"))
            state = "created" if result.created else "up to date"
            self.stdout.write(f"[{number}/{total}] {demo.code} {demo.name} ({state})")
        logins.append((load_demo_library(self.stdout), "thuvien", "HQ library (procedures)"))
        call_command("update_index", verbosity=0)
        call_command("rebuild_references_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Demo ready. Sites on port {DEMO_PORT}:"))
        for demo in DEMO_DEPARTMENTS:
            self.stdout.write(f"  http://{demo.hostname}:{DEMO_PORT}/vi/  ({demo.code})")
        self.stdout.write(f"Logins (username / password) at http://localhost:{DEMO_PORT}/admin/:")
        for username, password, role in logins:
            self.stdout.write(f"  {username} / {password}  – {role}")

    def ensure_admin(self) -> None:
        User = get_user_model()
        if not User.objects.filter(username=ADMIN_USERNAME).exists():
            User.objects.create_superuser(ADMIN_USERNAME, "admin@customs.gov.vn", ADMIN_PASSWORD)

    def ensure_editor(self, department: Department) -> str:
        User = get_user_model()
        username = f"editor-{department.code.lower()}"
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"email": f"{username}@customs.gov.vn", "first_name": "Biên tập viên"},
        )
        if created:
            user.set_password(username)
            user.save()
        user.groups.add(department.editors_group)
        return username

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
        ensure_demo_news(home, demo)
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
