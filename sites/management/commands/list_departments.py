"""`manage.py list_departments`: code, names, hostname and status of every department."""

from sites.management.base import PortalCommand
from sites.models import Department


class Command(PortalCommand):
    help = "List departments: code, Vietnamese and English names, hostname, status."

    def handle(self, *args, **options):
        departments = Department.objects.select_related("site", "merged_into")
        if not departments:
            self.stdout.write(
                "No departments yet: run `manage.py create_department` or `seed_demo`."
            )
            return
        for department in departments:
            host = department.site.hostname
            if department.site.port not in (80, 443):
                host = f"{host}:{department.site.port}"
            status = department.get_status_display()
            if department.merged_into:
                status = f"{status} ({department.merged_into.code})"
            self.stdout.write(
                "\t".join([department.code, department.name, department.name_en, host, status])
            )
