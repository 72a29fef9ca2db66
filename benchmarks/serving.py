"""Serving the site as in production, for the benchmarks and the load test.

gunicorn (gunicorn.conf.py) with DJANGO_DEBUG=false and collected static files, against
the project's database reached through DATABASE_URL: the embedded server's socket in
development (this process stays one of its users until it exits, so it is not stopped
under the server's feet), or the DATABASE_URL of the environment when one is set.
Everything listens on the loopback interface only.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def manage(*args, env=None, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs
    )


def embedded_database() -> bool:
    return "DATABASE_URL" not in os.environ


def database_url() -> str:
    """DATABASE_URL when set; else the embedded server's, started if needed."""
    if not embedded_database():
        return os.environ["DATABASE_URL"]
    sys.path.insert(0, str(ROOT))
    from lmec import devdb

    db = devdb.database_settings()
    query = urllib.parse.urlencode({"host": db["HOST"], "port": db["PORT"]})
    return f"postgres://{db['USER']}@/{db['NAME']}?{query}"


def timed_get(connection, path: str, headers=None):
    """GET ``path`` on an open HTTP connection: (seconds, response, body)."""
    started = time.perf_counter()
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    return time.perf_counter() - started, response, body


def with_database_name(url: str, name: str) -> str:
    """A database URL naming another database on the same server."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def server_command(url: str, sql: str) -> None:
    """Run ``sql`` on the server's maintenance database (CREATE / DROP DATABASE)."""
    import psycopg2

    parts = urllib.parse.urlsplit(url)
    query = dict(urllib.parse.parse_qsl(parts.query))
    connection = psycopg2.connect(
        host=query.get("host") or parts.hostname,
        port=query.get("port") or parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname="postgres",
    )
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql)
    finally:
        connection.close()


@contextlib.contextmanager
def separate_database(url: str, name: str):
    """A database ``name`` on the same server, made afresh and dropped at the end (a
    benchmark that publishes leaves the development database's demo content as it was):
    yields its URL."""
    server_command(url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    server_command(url, f"CREATE DATABASE {name}")
    try:
        yield with_database_name(url, name)
    finally:
        server_command(url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@contextlib.contextmanager
def shared_cache():
    """The cache production would share between workers: yields the variables naming it.

    REDIS_URL or CACHE_URL of the environment when set; else a private Redis on a Unix
    socket, without persistence, for the duration of the block (as docs/deployment.md
    recommends Redis; the PostgreSQL fallback would need `createcachetable`).
    """
    if "REDIS_URL" in os.environ or "CACHE_URL" in os.environ:
        yield {}
        return
    with private_redis() as redis:
        yield redis.environment


class PrivateRedis:
    """A Redis server of our own on a Unix socket, which can be stopped and started again."""

    def __init__(self, folder: str):
        self.folder = folder
        self.path = Path(folder) / "redis.sock"
        self.environment = {"REDIS_URL": f"unix://{self.path}"}
        self.server = None

    def start(self) -> None:
        if shutil.which("redis-server") is None:
            raise SystemExit("redis-server is missing: scripts/system-packages bench installs it")
        self.server = subprocess.Popen(
            [
                "redis-server",
                "--port",
                "0",
                "--unixsocket",
                str(self.path),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self.folder,
            ],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            if self.path.exists():
                return
            time.sleep(0.05)

    def stop(self) -> None:
        """Stop it as an operator would (SIGTERM); its socket is gone until it starts."""
        if self.server is not None:
            self.server.terminate()
            self.server.wait(timeout=10)
            self.server = None


@contextlib.contextmanager
def private_redis():
    with tempfile.TemporaryDirectory(prefix="lmec-redis-") as folder:
        redis = PrivateRedis(folder)
        redis.start()
        try:
            yield redis
        finally:
            redis.stop()


def production_environment(url: str, static_root, *, cache_seconds: int = 600, **extra) -> dict:
    """The environment of a production server on this machine, plain HTTP on the loopback."""
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "bench-only-" + "s" * 50,
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": url,
        "DJANGO_STATIC_ROOT": str(static_root),
        "DJANGO_LOG_LEVEL": "WARNING",
        "LMEC_PAGE_CACHE_SECONDS": str(cache_seconds),
        # The address printed in PDFs is part of their fingerprint: render and serve alike.
        "LMEC_SITE_URL": "http://127.0.0.1:8000",
    }
    for name in ("CACHE_URL", "REDIS_URL", "GUNICORN_WORKERS", "LMEC_DB_CONNECT_WAIT"):
        if name in os.environ:
            environment[name] = os.environ[name]
    return environment | {name: str(value) for name, value in extra.items()}


@contextlib.contextmanager
def collected_static(url: str):
    """A temporary STATIC_ROOT with the collected static files (WhiteNoise's manifest)."""
    with tempfile.TemporaryDirectory(prefix="lmec-bench-static-") as static_root:
        env = production_environment(url, static_root)
        manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
        yield static_root


def get(url: str, timeout: float = 30):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status, response.headers


@contextlib.contextmanager
def gunicorn(port: int, env: dict, *args: str, log=None):
    """Run gunicorn on 127.0.0.1:``port`` until the block ends; yield its base URL.

    ``log``: a file for its output (errors, tracebacks); by default, this process's.
    """
    server = subprocess.Popen(
        [BIN / "gunicorn", "lmec.wsgi", "--bind", f"{HOST}:{port}", *args],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )
    base = f"http://{HOST}:{port}"
    try:
        _wait_until_up(base, server)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=60)


def _wait_until_up(base: str, server: subprocess.Popen) -> None:
    for _ in range(300):
        if server.poll() is not None:
            raise SystemExit(f"gunicorn on {base} exited with {server.returncode}")
        try:
            get(f"{base}/healthz", timeout=5)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn on {base} did not answer")
