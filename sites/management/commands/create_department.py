"""`manage.py create_department CODE --name … --name-en … --hostname HOST [--port N]`."""

from django.core.management.base import CommandError

from sites.management.base import PortalCommand
from sites.provisioning import DepartmentSpec, ProvisioningError, provision_department


class Command(PortalCommand):
    help = "Create a department (site, pages, collection, groups, workflow, settings) or repair it."

    def add_arguments(self, parser):
        parser.add_argument("code", help="Department code, e.g. HCM")
        parser.add_argument("--name", required=True, help="Vietnamese name")
        parser.add_argument("--name-en", required=True, help="English name")
        parser.add_argument("--hostname", required=True, help="Host name of the department's site")
        parser.add_argument("--port", type=int, default=80, help="Port of the site (default 80)")
        parser.add_argument(
            "--headquarters",
            action="store_true",
            help="Make this department the headquarters and the default site",
        )

    def handle(self, *args, **options):
        spec = DepartmentSpec(
            code=options["code"],
            name=options["name"].strip(),
            name_en=options["name_en"].strip(),
            hostname=options["hostname"].strip().lower(),
            port=options["port"],
            is_headquarters=options["headquarters"],
        )
        try:
            result = provision_department(spec)
        except ProvisioningError as error:
            raise CommandError(str(error)) from error
        department = result.department
        if result.created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created {department.code}: {department.name} "
                    f"on {department.site.hostname}:{department.site.port}"
                )
            )
        elif result.changes:
            self.stdout.write(self.style.SUCCESS(f"Repaired {department.code}:"))
            for change in result.changes:
                self.stdout.write(f"  + {change}")
        else:
            self.stdout.write(f"{department.code} is already provisioned; nothing changed.")
