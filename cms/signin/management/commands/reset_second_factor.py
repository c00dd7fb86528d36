"""`manage.py reset_second_factor USERNAME`: remove a person's authenticator and recovery codes.

For someone who lost both their phone and their recovery codes: at their next
sign-in they set up a new authenticator. Logged (who, how many devices).
"""

import logging

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from cms.signin.second_factor import reset_second_factor
from sites.management.base import PortalCommand

logger = logging.getLogger("cms.signin")


class Command(PortalCommand):
    help = "Remove a person's two-step verification devices; they set it up again at next sign-in."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")

    def handle(self, *args, **options) -> None:
        User = get_user_model()
        try:
            user = User.objects.get_by_natural_key(options["username"])
        except User.DoesNotExist as error:
            raise CommandError(f"No account with the username {options['username']!r}.") from error
        removed = reset_second_factor(user)
        logger.warning(
            "Second factor reset for account %r by a platform admin (%d devices removed)",
            user.get_username(),
            removed,
        )
        self.stdout.write(
            f"{user.get_username()}: {removed} two-step verification devices removed; "
            "a new authenticator is set up at the next sign-in."
        )
