"""Name the groups, workflows and tasks of departments made before in Vietnamese, as
provisioning now names them ("HCM Editors" -> "HCM – Biên tập viên", "HCM: moderation" ->
"HCM – Quy trình duyệt"). Only names still as provisioning made them are changed."""

from django.db import migrations

# The names when this migration was written (a migration must not import code that may change).
GROUPS = {
    "editors_group": ("Editors", "Biên tập viên"),
    "moderators_group": ("Moderators", "Kiểm duyệt viên"),
    "site_admins_group": ("Site admins", "Quản trị trang"),
}


def rename(apps, schema_editor, backwards=False):
    Department = apps.get_model("departments", "Department")
    Task = apps.get_model("wagtailcore", "Task")
    for department in Department.objects.select_related(
        "editors_group", "moderators_group", "site_admins_group", "workflow"
    ):
        code = department.code
        names = [
            (getattr(department, attribute), f"{code} {old}", f"{code} – {new}")
            for attribute, (old, new) in GROUPS.items()
        ]
        workflow = department.workflow
        if workflow is not None:
            names.append((workflow, f"{code}: moderation", f"{code} – Quy trình duyệt"))
            for task in Task.objects.filter(workflow_tasks__workflow=workflow):
                names.append(
                    (task, f"{code}: moderators approve", f"{code} – Kiểm duyệt viên phê duyệt")
                )
        for row, old, new in names:
            before, after = (new, old) if backwards else (old, new)
            if row is not None and row.name == before:
                row.name = after
                row.save(update_fields=["name"])


def unrename(apps, schema_editor):
    rename(apps, schema_editor, backwards=True)


class Migration(migrations.Migration):
    dependencies = [
        ("departments", "0003_department_translation_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(rename, unrename)]
