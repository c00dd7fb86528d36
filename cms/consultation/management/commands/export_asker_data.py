"""`manage.py export_asker_data EMAIL [--department CODE]`: everything held about one asker, as JSON."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.core.validators import validate_email

from cms.consultation.services import export_asker
from sites.management.base import PortalCommand
from sites.models import Department


def department_scope(code: str | None):
    if not code:
        return None
    departments = Department.objects.filter(code=code)
    if not departments.exists():
        raise CommandError(f"Unknown department code {code!r}.")
    return departments


def checked_email(email: str) -> str:
    try:
        validate_email(email)
    except ValidationError as error:
        raise CommandError(f"Invalid email address {email!r}.") from error
    return email


class Command(PortalCommand):
    help = "Write the personal data of every question sent from EMAIL as JSON (to stdout)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--department", help="only this department's questions (its code)")

    def handle(self, *args, **options):
        email = checked_email(options["email"])
        records = export_asker(email, departments=department_scope(options["department"]))
        self.stdout.write(
            json.dumps({"email": email, "questions": records}, ensure_ascii=False, indent=2)
        )
        self.stderr.write(f"{len(records)} question(s) exported.")
