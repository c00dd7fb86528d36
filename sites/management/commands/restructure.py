"""`manage.py restructure --plan FILE [--dry-run]`: rename, merge and split departments."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from sites.management.base import PortalCommand
from sites.restructure.operations import RestructureError, run_plan
from sites.restructure.plan import PlanError, load_plan_file


class Command(PortalCommand):
    help = (
        "Carry out a restructuring plan (renames, merges, splits) in one transaction; "
        "--dry-run prints what would move and changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="The plan file (JSON, or YAML)")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; change nothing"
        )
        parser.add_argument(
            "--user", default="", help="Username the log entries name (default: none)"
        )

    def handle(self, *args, **options):
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Unknown user {options['user']!r}.")
        try:
            plan = load_plan_file(options["plan"])
            report = run_plan(plan, dry_run=options["dry_run"], user=user, progress=self.progress)
        except PlanError as error:
            raise CommandError("\n".join(error.problems)) from error
        except RestructureError as error:
            raise CommandError(f"{error} Nothing was changed.") from error
        for line in report.lines():
            self.stdout.write(line)

    def progress(self, text: str) -> None:
        self.stderr.write(f"… {text}")
