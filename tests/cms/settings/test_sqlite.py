"""The embedded SQLite database is configured for several admin users writing at once."""

import importlib
import os
import sqlite3
import threading
import time
from contextlib import contextmanager

from django.db import OperationalError
from django.db.backends.sqlite3.base import DatabaseWrapper

import cms.settings.base


def project_sqlite_options() -> dict:
    """The OPTIONS `cms/settings/base.py` gives a SQLite DATABASE_URL (whatever the suite runs on)."""
    previous = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = "sqlite:///unused.sqlite3"
    try:
        return dict(importlib.reload(cms.settings.base).DATABASES["default"]["OPTIONS"])
    finally:
        if previous is None:
            os.environ.pop("DATABASE_URL")
        else:
            os.environ["DATABASE_URL"] = previous
        importlib.reload(cms.settings.base)


def sqlite_connection(path, alias: str, options: dict) -> DatabaseWrapper:
    settings_dict = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": options,
        "ATOMIC_REQUESTS": False,
        "AUTOCOMMIT": True,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "TIME_ZONE": None,
        "USER": "",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
        "TEST": {},
    }
    return DatabaseWrapper(settings_dict, alias=alias)


@contextmanager
def transaction_on(connection: DatabaseWrapper):
    """What `transaction.atomic()` does on SQLite: BEGIN in the configured mode, then COMMIT."""
    connection.ensure_connection()
    connection._start_transaction_under_autocommit()
    try:
        yield connection.connection.cursor()
    except BaseException:
        connection.connection.rollback()
        raise
    connection.connection.commit()


def write_while_a_long_transaction_holds_the_lock(path, options: dict) -> tuple[list, list]:
    """Four writers (read, then write) start while another connection's transaction writes."""
    setup = sqlite_connection(path, "setup", options)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE revision (id INTEGER PRIMARY KEY, writer TEXT)")
        cursor.execute("INSERT INTO revision (writer) VALUES ('seed')")
    setup.close()

    holding, release = threading.Event(), threading.Event()
    errors: list[Exception] = []

    def hold_the_write_lock():
        holder = sqlite_connection(path, "holder", options)
        try:
            with transaction_on(holder) as cursor:
                cursor.execute("INSERT INTO revision (writer) VALUES ('holder')")
                holding.set()
                release.wait(timeout=30)
        finally:
            holding.set()
            holder.close()

    def write(name: str, has_read: threading.Event):
        connection = sqlite_connection(path, name, options)
        try:
            with transaction_on(connection) as cursor:
                cursor.execute("SELECT COUNT(*) FROM revision")
                has_read.set()
                cursor.execute("INSERT INTO revision (writer) VALUES (?)", [name])
        except (OperationalError, sqlite3.OperationalError) as error:
            errors.append(error)
        finally:
            has_read.set()
            connection.close()

    long_transaction = threading.Thread(target=hold_the_write_lock)
    long_transaction.start()
    assert holding.wait(timeout=30)
    writers, reads = [], []
    for number in range(4):
        has_read = threading.Event()
        thread = threading.Thread(target=write, args=(f"editor{number}", has_read))
        thread.start()
        writers.append(thread)
        reads.append(has_read)
    # Deferred transactions read at once; immediate ones wait at BEGIN until the lock is free.
    deadline = time.monotonic() + 2
    for has_read in reads:
        has_read.wait(timeout=max(0, deadline - time.monotonic()))
    release.set()
    for thread in [long_transaction, *writers]:
        thread.join(timeout=60)

    check = sqlite_connection(path, "check", options)
    with check.cursor() as cursor:
        cursor.execute("SELECT writer FROM revision ORDER BY id")
        saved = [row[0] for row in cursor.fetchall()]
    check.close()
    return saved, errors


def test_sqlite_settings_ask_for_wal_busy_timeout_and_immediate_transactions():
    options = project_sqlite_options()
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "PRAGMA journal_mode=WAL" in options["init_command"]
    assert "PRAGMA busy_timeout=" in options["init_command"]


def test_concurrent_writers_wait_instead_of_database_is_locked(tmp_path, django_db_blocker):
    """With the project's options every writer waits its turn and all five rows are saved."""
    options = project_sqlite_options()
    with django_db_blocker.unblock():
        saved, errors = write_while_a_long_transaction_holds_the_lock(
            tmp_path / "db.sqlite3", options
        )
        wal = sqlite_connection(tmp_path / "db.sqlite3", "wal", options)
        with wal.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            journal_mode = cursor.fetchone()[0]
        wal.close()
    assert errors == []
    assert saved[:2] == ["seed", "holder"]
    assert sorted(saved[2:]) == [f"editor{number}" for number in range(4)]
    assert journal_mode == "wal"


def test_control_sqlite_defaults_raise_database_is_locked(tmp_path, django_db_blocker):
    """Control: Django's SQLite defaults (deferred transactions, no WAL) fail the same probe."""
    with django_db_blocker.unblock():
        saved, errors = write_while_a_long_transaction_holds_the_lock(
            tmp_path / "db.sqlite3", {"timeout": 0.5}
        )
    assert errors
    assert all("database is locked" in str(error) for error in errors)
    assert len(saved) < 6
