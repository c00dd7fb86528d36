"""Remove the placeholder site and "Welcome to your new Wagtail site!" page.

Wagtail's first migration makes them; here every site belongs to a department,
and the placeholder would otherwise answer for unknown hosts.
"""

from django.db import migrations

WELCOME_TITLE = "Welcome to your new Wagtail site!"


def remove_welcome_site(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    ContentType = apps.get_model("contenttypes", "ContentType")
    base_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    welcome = Page.objects.filter(
        depth=2, slug="home", title=WELCOME_TITLE, content_type=base_type, numchild=0
    ).first()
    if welcome is None:
        return
    Site.objects.filter(root_page=welcome).delete()
    welcome.delete()
    root = Page.objects.get(depth=1)
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [
        ("departments", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(remove_welcome_site, migrations.RunPython.noop)]
