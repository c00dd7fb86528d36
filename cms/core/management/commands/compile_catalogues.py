"""`manage.py compile_catalogues`: compile locale/*/LC_MESSAGES/*.po to .mo with polib.

Django's compilemessages needs GNU gettext's msgfmt; this needs only Python,
so a fresh machine (and CI) can rebuild the shipped catalogues.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

import polib

from sites.management.base import PortalCommand


def catalogue_files() -> list[Path]:
    return sorted(
        path for root in settings.LOCALE_PATHS for path in Path(root).glob("*/LC_MESSAGES/*.po")
    )


class Command(PortalCommand):
    help = "Compile the interface catalogues in locale/ (.po -> .mo) without gettext tools."

    def handle(self, *args, **options):
        files = catalogue_files()
        if not files:
            raise CommandError("No .po catalogues found under LOCALE_PATHS.")
        for number, path in enumerate(files, start=1):
            try:
                catalogue = polib.pofile(str(path))
            except (OSError, ValueError) as error:
                raise CommandError(f"{path}: {error}") from error
            catalogue.save_as_mofile(str(path.with_suffix(".mo")))
            self.stdout.write(
                f"[{number}/{len(files)}] {path} ({catalogue.percent_translated()}% translated)"
            )
