"""CPU time per request inside Django, without HTTP: reading pages against a trivial view.

bench_pages.py measures what a visitor gets (gunicorn, wrk), which depends on whatever
else the machine runs. The CPU time the Django process spends on one request depends much
less on it, and tells where the time goes: queries and Python (Django's share) or the
database server's work for them (PostgreSQL's share, read from its backend process when
this user may).

Production settings (DJANGO_DEBUG=false, collected static files, a private Redis), the
embedded PostgreSQL with the demo content, the page cache off; requests go through the
WSGI handler and every middleware. Each figure is the lowest of BENCH_ROUNDS rounds of
BENCH_REQUESTS requests (defaults 5 and 100), after a warm-up; BENCH_PAGES (paths separated
by spaces) replaces the list of pages.
"""

import io
import os
import subprocess
import sys
import time
from pathlib import Path

from serving import (
    ROOT,
    collected_static,
    database_url,
    manage,
    production_environment,
    shared_cache,
)

PAGES = (
    os.environ["BENCH_PAGES"].split()
    if "BENCH_PAGES" in os.environ
    else [
        "/healthz",
        "/zh-hans/bulletins/2020/2/",
        "/en/bulletins/2020/2/",
        "/th/bulletins/2020/2/",
        "/zh-hans/bulletins/2020/2/building-consensus/",
        "/zh-hans/",
        "/zh-hans/partners/wwf/",
        "/zh-hans/events/lancang-mekong-week-2020/",
    ]
)
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 5))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", 100))


def main():
    url = database_url()
    manage("migrate", "--noinput", "--verbosity", "0")
    manage("load_demo")
    with collected_static(url) as static_root, shared_cache() as cache:
        settings = {name: value for name, value in os.environ.items() if name.startswith("BENCH_")}
        env = production_environment(
            url,
            static_root,
            cache_seconds=0,
            DJANGO_ALLOWED_HOSTS="testserver",
            **cache,
            **settings,
        )
        subprocess.run([sys.executable, __file__, "--measure"], cwd=ROOT, env=env, check=True)


def measure():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lmec.settings")
    from django.core.wsgi import get_wsgi_application
    from django.db import connection

    application = get_wsgi_application()

    def get(path):
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
        }
        statuses = []
        b"".join(application(environ, lambda status, headers: statuses.append(status)))
        if not statuses[0].startswith("200"):
            raise SystemExit(f"{path} answered {statuses[0]}")

    get(PAGES[0])
    ticks = os.sysconf("SC_CLK_TCK")

    def database_cpu():
        """The PostgreSQL backend of this connection and the seconds of CPU it has used,
        if readable (a request may have reconnected: compare backends)."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend = cursor.fetchone()[0]
        try:
            fields = Path(f"/proc/{backend}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return backend, None
        return backend, (int(fields[11]) + int(fields[12])) / ticks

    print(f"\nCPU ms per request, lowest of {ROUNDS} rounds of {REQUESTS} requests\n")
    print(f"{'':48}{'Django':>9}{'Postgres':>10}")
    for path in PAGES:
        for _ in range(20):
            get(path)
        best = None
        for _ in range(ROUNDS):
            backend_before, database_before = database_cpu()
            start = time.process_time()
            for _ in range(REQUESTS):
                get(path)
            django_ms = (time.process_time() - start) / REQUESTS * 1000
            backend_after, database_after = database_cpu()
            postgres_ms = (
                (database_after - database_before) / REQUESTS * 1000
                if None not in (database_before, database_after) and backend_before == backend_after
                else None
            )
            if best is None or django_ms < best[0]:
                best = (django_ms, postgres_ms)
        postgres = f"{best[1]:10.2f}" if best[1] is not None else f"{'?':>10}"
        print(f"{path:48}{best[0]:9.2f}{postgres}")


if __name__ == "__main__":
    measure() if "--measure" in sys.argv else main()
