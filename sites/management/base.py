"""A management command base that reports bad input in one line and a non-zero exit."""

import sys
from typing import NoReturn

from django.core.management.base import BaseCommand, CommandParser


class OneLineCommandParser(CommandParser):
    def error(self, message: str) -> NoReturn:
        if self.called_from_command_line:
            sys.stderr.write(f"{self.prog}: error: {message}\n")
            sys.exit(2)
        super().error(message)
        raise SystemExit(2)  # CommandParser.error raises CommandError; never reached


class PortalCommand(BaseCommand):
    """Argument errors print one line (not the whole usage) and exit 2; CommandError exits 1."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        # Django builds a CommandParser and offers no hook for its class; ours only adds error().
        parser.__class__ = OneLineCommandParser
        return parser
