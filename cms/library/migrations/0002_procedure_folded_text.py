from django.db import migrations, models


def fold_existing(apps, schema_editor):
    from cms.library.models.procedures import fold_text

    Procedure = apps.get_model("library", "Procedure")
    for procedure in Procedure.objects.all():
        procedure.folded_text = fold_text(f"{procedure.code} {procedure.title}")
        procedure.save(update_fields=["folded_text"])


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="procedure",
            name="folded_text",
            field=models.CharField(default="", editable=False, max_length=600),
        ),
        migrations.RunPython(fold_existing, migrations.RunPython.noop),
    ]
