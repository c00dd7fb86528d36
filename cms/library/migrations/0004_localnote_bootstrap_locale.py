"""Local notes become translatable (2/3): every existing note is an original in the default
language, with a translation key of its own (Wagtail's BootstrapTranslatableModel)."""

from django.db import migrations

from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [("library", "0003_localnote_translatable")]

    operations = [BootstrapTranslatableModel("library.LocalNote")]
