"""Project-wide checks that run in the suite on every database: system checks and migrations."""

from io import StringIO

from django.core.management import call_command

import pytest


@pytest.mark.django_db
def test_system_checks_pass():
    out = StringIO()
    call_command("check", stdout=out)
    assert "no issues" in out.getvalue()


@pytest.mark.django_db
def test_models_and_migrations_agree():
    """`makemigrations --check` exits non-zero (SystemExit) when a model change lacks a migration."""
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())
