"""`manage.py erase_asker_data EMAIL [--department CODE]`: erase one asker's personal data."""

from cms.consultation.management.commands.export_asker_data import checked_email, department_scope
from cms.consultation.models import Question
from cms.consultation.services import erase_asker
from sites.management.base import PortalCommand


class Command(PortalCommand):
    help = (
        "Erase the name, organisation, tax code, email, phone and question text of every "
        "question sent from EMAIL. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--department", help="only this department's questions (its code)")

    def handle(self, *args, **options):
        email = checked_email(options["email"])
        departments = department_scope(options["department"])
        found = Question.objects.of_asker(email)
        if departments is not None:
            found = found.filter(department__in=departments)
        total = found.count()
        erased = erase_asker(email, departments=departments)
        self.stdout.write(f"{erased} question(s) erased, {total} found for this address.")
