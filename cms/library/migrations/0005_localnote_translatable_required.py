"""Local notes become translatable (3/3): locale and translation key required, one note per
department, procedure and language."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("library", "0004_localnote_bootstrap_locale")]

    operations = [
        migrations.AlterField(
            model_name="localnote",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="localnote",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterUniqueTogether(
            name="localnote", unique_together={("translation_key", "locale")}
        ),
        migrations.RemoveConstraint(
            model_name="localnote", name="library_one_note_per_department"
        ),
        migrations.AddConstraint(
            model_name="localnote",
            constraint=models.UniqueConstraint(
                fields=("department", "procedure", "locale"),
                name="library_one_note_per_department_and_locale",
            ),
        ),
    ]
