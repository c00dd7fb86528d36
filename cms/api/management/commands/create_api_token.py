"""`manage.py create_api_token HCM "Tin tự động" --scope submit`: issue a write token, print it once."""

from django.core.management.base import CommandError, CommandParser

from cms.api.models import ApiToken
from sites.management.base import PortalCommand
from sites.models import Department


class Command(PortalCommand):
    help = (
        "Issue an API token for a department's editorial automation and print it once "
        "(only its hash is stored). Re-running with the same name fails unless --rotate."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("department", help="Department code, e.g. HCM.")
        parser.add_argument("name", help="What uses the token, e.g. 'Tin tự động'.")
        parser.add_argument(
            "--scope",
            choices=ApiToken.Scope.values,
            default=ApiToken.Scope.DRAFT,
            help="draft (default), submit or publish.",
        )
        parser.add_argument(
            "--rotate",
            action="store_true",
            help="Replace the secret of the existing token with this name.",
        )

    def handle(self, *args, **options) -> None:
        department = Department.objects.filter(code=options["department"].upper()).first()
        if department is None:
            raise CommandError(f"No department with code {options['department']!r}.")
        name = options["name"].strip()
        if not name or len(name) > 100:
            raise CommandError("The token name must be 1 to 100 characters.")
        token = ApiToken.objects.filter(department=department, name=name).first()
        if token is not None and not options["rotate"]:
            raise CommandError(
                f"{department.code} already has a token named {name!r}; use --rotate to replace it."
            )
        if token is None:
            token = ApiToken(department=department, name=name)
        token.scope = options["scope"]
        token.is_active = True
        text = token.issue()
        self.stdout.write(
            f"{department.code}: token {name!r} ({token.scope}). Store it now; it is not shown again:"
        )
        self.stdout.write(text)
