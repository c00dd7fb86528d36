"""`manage.py import_statistics FILE`: load monthly dossier figures from CSV or JSON."""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from cms.statistics.exchange import ExchangeError, read_records, save, validate
from sites.management.base import PortalCommand


class Command(PortalCommand):
    help = (
        "Import monthly figures (department, service, month, counts) from a .csv or .json file. "
        "Idempotent by department, service and month; any invalid row stops the import before "
        "it changes anything."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options) -> None:
        try:
            records = read_records(file)
        except ExchangeError as error:
            raise CommandError(str(error)) from error
        rows, errors = validate(records)
        if errors:
            for number, reason in errors:
                self.stderr.write(f"row {number}: {reason}")
            bad = len({number for number, _reason in errors})
            raise CommandError(f"{bad} of {len(records)} rows are invalid; nothing was imported.")
        self.stdout.write(_("Monthly figures: %(counts)s") % {"counts": save(rows)})
