"""`manage.py purge_consultation_personal_data`: erase personal data past the retention period.

Schedule it (cron, a systemd timer) daily; it is idempotent and prints what it did.
"""

from django.conf import settings
from django.core.management.base import CommandError

from cms.consultation.models import Question
from cms.consultation.services import purge_expired_personal_data
from sites.management.base import PortalCommand


class Command(PortalCommand):
    help = (
        "Erase the personal data of closed questions (answered, published, rejected, duplicate) "
        "received more than CONSULTATION_RETENTION_DAYS days ago."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="retention in days (default: the CONSULTATION_RETENTION_DAYS setting)",
        )

    def handle(self, *args, **options):
        days = (
            options["days"] if options["days"] is not None else settings.CONSULTATION_RETENTION_DAYS
        )
        if days < 1:
            raise CommandError(f"The retention must be at least 1 day, not {days}.")
        erased = purge_expired_personal_data(days)
        kept = Question.objects.filter(personal_data_erased_at__isnull=True).count()
        self.stdout.write(
            f"{erased} question(s) erased (closed, older than {days} days); "
            f"{kept} still hold personal data."
        )
