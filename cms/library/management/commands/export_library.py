"""`manage.py export_library FILE`: write the shared library in the format import_library reads."""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from cms.library.exchange import ExchangeError, export_records, write_records
from sites.management.base import PortalCommand


class Command(PortalCommand):
    help = "Export every legal document and procedure, both languages, to a .csv or .json file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options) -> None:
        records = export_records()
        try:
            write_records(file, records)
        except (ExchangeError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("%(count)s records written to %(file)s") % {"count": len(records), "file": file}
        )
