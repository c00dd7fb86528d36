"""`manage.py import_library FILE`: load legal documents and procedures from CSV or JSON."""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from cms.library.exchange import ExchangeError, Importer, read_records, validate
from sites.management.base import PortalCommand


class Command(PortalCommand):
    help = (
        "Import the shared library from a .csv or .json file (both languages per record). "
        "Idempotent by number and code; any invalid row stops the import before it changes anything."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options) -> None:
        try:
            records = read_records(file)
        except ExchangeError as error:
            raise CommandError(str(error)) from error
        errors = validate(records)
        if errors:
            for number, reason in errors:
                self.stderr.write(f"row {number}: {reason}")
            rows = len({number for number, _reason in errors})
            raise CommandError(f"{rows} of {len(records)} rows are invalid; nothing was imported.")
        result = Importer(progress=self.progress).run(records)
        self.stdout.write("")
        self.stdout.write(_("Legal documents: %(counts)s") % {"counts": result.legal_documents})
        self.stdout.write(_("Procedures: %(counts)s") % {"counts": result.procedures})

    def progress(self, done: int, total: int) -> None:
        width = 30
        filled = width * done // total if total else width
        self.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="")
        self.stdout.flush()
