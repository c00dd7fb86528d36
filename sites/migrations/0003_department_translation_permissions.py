"""Give departments made before it wagtail-localize's translation permission.

Provisioning grants `DEPARTMENT_TRANSLATION_PERMISSIONS` to the groups of every department it
makes or repairs; this gives the same to the departments that already exist.
"""

from django.db import migrations

# The value of sites.provisioning.DEPARTMENT_TRANSLATION_PERMISSIONS when this migration was
# written (a migration must not import code that may change after it).
PERMISSIONS = [("wagtail_localize", "submit_translation")]


def grant(apps, schema_editor):
    Department = apps.get_model("departments", "Department")
    Permission = apps.get_model("auth", "Permission")
    permissions = [
        permission
        for app_label, codename in PERMISSIONS
        for permission in Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        )
    ]
    if not permissions:
        return
    for department in Department.objects.select_related(
        "editors_group", "moderators_group", "site_admins_group"
    ):
        for group in (
            department.editors_group,
            department.moderators_group,
            department.site_admins_group,
        ):
            group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("departments", "0002_remove_wagtail_welcome_site"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
