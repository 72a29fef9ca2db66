"""What the benchmarks and the load test share: the site served as in production.

gunicorn with production settings (DJANGO_DEBUG=false, collected static files,
gunicorn.conf.py), the project's embedded PostgreSQL with the demo content, and a private
Redis as the shared cache, as docs/deployment.md recommends. Loopback only.
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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(*args, env=None):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def database_url() -> str:
    """The embedded server's address; this process stays one of its users until it exits."""
    sys.path.insert(0, str(ROOT))
    from lmec import devdb

    db = devdb.database_settings()
    socket_address = urllib.parse.urlencode({"host": db["HOST"], "port": db["PORT"]})
    return f"postgres://{db['USER']}@/{db['NAME']}?{socket_address}"


@contextlib.contextmanager
def redis_server():
    """A private Redis on a Unix socket, without persistence; yields its URL."""
    if shutil.which("redis-server") is None:
        raise SystemExit("redis-server is missing: scripts/system-packages bench installs it")
    with tempfile.TemporaryDirectory(prefix="lmec-redis-") as folder:
        path = Path(folder) / "redis.sock"
        server = subprocess.Popen(
            [
                "redis-server",
                "--port",
                "0",
                "--unixsocket",
                str(path),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                folder,
            ],
            stdout=subprocess.DEVNULL,
        )
        try:
            for _ in range(100):
                if path.exists():
                    break
                time.sleep(0.05)
            yield f"unix://{path}"
        finally:
            server.terminate()
            server.wait(timeout=10)


def production_environment(*, database, redis, static_root, **overrides) -> dict:
    return {
        "PATH": os.environ["PATH"],
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "bench-only-" + "s" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database,
        "REDIS_URL": redis,
        "DJANGO_STATIC_ROOT": str(static_root),
        "DJANGO_LOG_LEVEL": "WARNING",
    } | {key: str(value) for key, value in overrides.items()}


def get(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.headers


@contextlib.contextmanager
def gunicorn(port: int, env: dict, probe: str = "/healthz"):
    """gunicorn serving lmec.wsgi on 127.0.0.1:``port`` until the block ends."""
    server = subprocess.Popen(
        [BIN / "gunicorn", "lmec.wsgi", "--bind", f"127.0.0.1:{port}"], cwd=ROOT, env=env
    )
    try:
        for _ in range(150):
            if server.poll() is not None:
                raise SystemExit(f"gunicorn on port {port} exited with {server.returncode}")
            try:
                get(f"http://127.0.0.1:{port}{probe}")
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit(f"gunicorn on port {port} did not answer")
        yield server
    finally:
        server.terminate()
        server.wait(timeout=30)
