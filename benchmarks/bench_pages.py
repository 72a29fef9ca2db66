"""Throughput and latency of the issue page, page cache off and on, against a trivial view.

Serves the site with gunicorn (production settings: DJANGO_DEBUG=false, collected static
files, gunicorn.conf.py) against the project's embedded PostgreSQL with the demo content,
and loads it with wrk on the loopback interface, for a bounded time:

1. a server with the anonymous page cache off: the trivial view (/healthz) and the issue
   page /zh-hans/bulletins/2020/2/ (both articles, eight viewpoints, contact block);
2. a server with the page cache on: the same two.

Prints requests per second, p50 and p99 latency, and the issue page's throughput as a
share of the trivial view's (goals: ≥ 10 % uncached, ≥ 50 % cached).

The machine may be busy with other work: each figure is the median of BENCH_ROUNDS short
runs, alternating the two pages, so that both see the same conditions.

Environment: BENCH_PORTS="8013,8023" (default: two free ports), BENCH_SECONDS per run (4),
BENCH_ROUNDS (3), BENCH_CONNECTIONS (4), GUNICORN_WORKERS (2).
"""

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ISSUE = "/zh-hans/bulletins/2020/2/"
TRIVIAL = "/healthz"
SECONDS = int(os.environ.get("BENCH_SECONDS", 4))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 3))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", 4))
WORKERS = os.environ.get("GUNICORN_WORKERS", "2")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def ports():
    if "BENCH_PORTS" in os.environ:
        return [int(port) for port in os.environ["BENCH_PORTS"].split(",")]
    return [free_port(), free_port()]


def manage(*args, env=None):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def database_url():
    """The embedded server's address; this process stays one of its users until it exits."""
    sys.path.insert(0, str(ROOT))
    from lmec import devdb

    db = devdb.database_settings()
    socket = urllib.parse.urlencode({"host": db["HOST"], "port": db["PORT"]})
    return f"postgres://{db['USER']}@/{db['NAME']}?{socket}"


def production_environment(static_root, cache_seconds, url):
    return {
        "PATH": os.environ["PATH"],
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "bench-only-" + "s" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": url,
        "DJANGO_STATIC_ROOT": str(static_root),
        "DJANGO_LOG_LEVEL": "WARNING",
        "LMEC_PAGE_CACHE_SECONDS": str(cache_seconds),
        "GUNICORN_WORKERS": WORKERS,
    }


def get(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.headers


def wait_until_up(port, server):
    for _ in range(150):
        if server.poll() is not None:
            raise SystemExit(f"gunicorn on port {port} exited with {server.returncode}")
        try:
            get(f"http://127.0.0.1:{port}{TRIVIAL}")
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn on port {port} did not answer")


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url):
    """Requests per second and p50/p99 latency (ms) of ``url`` under load."""
    result = subprocess.run(
        ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    )
    output = result.stdout
    if "Non-2xx" in output or "Socket errors" in output:
        raise SystemExit(f"errors while loading {url}:\n{output}")

    def latency(percent):
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)$", output, re.M).groups()
        return float(value) * UNITS[unit]

    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    return rate, latency(50), latency(99)


def medians(results):
    return tuple(statistics.median(values) for values in zip(*results, strict=True))


def measure(port, cache_seconds, static_root, url):
    env = production_environment(static_root, cache_seconds, url)
    server = subprocess.Popen(
        [BIN / "gunicorn", "lmec.wsgi", "--bind", f"127.0.0.1:{port}"], cwd=ROOT, env=env
    )
    try:
        wait_until_up(port, server)
        base = f"http://127.0.0.1:{port}"
        for _ in range(int(WORKERS) * 2):  # warm every worker: code, templates, cache
            status, headers = get(base + ISSUE)
            assert status == 200
        cached = headers.get("X-Page-Cache") == "hit"
        assert cached == (cache_seconds > 0), "the page cache is not in the expected state"
        runs = {"trivial": [], "issue": []}
        for _ in range(ROUNDS):
            runs["trivial"].append(wrk(base + TRIVIAL))
            runs["issue"].append(wrk(base + ISSUE))
        return {page: medians(results) for page, results in runs.items()}
    finally:
        server.terminate()
        server.wait(timeout=30)


def main():
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: scripts/system-packages bench installs it")
    url = database_url()
    manage("migrate", "--noinput", "--verbosity", "0")
    manage("load_demo")
    with tempfile.TemporaryDirectory(prefix="lmec-bench-static-") as static_root:
        env = production_environment(static_root, 0, url)
        manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
        uncached_port, cached_port = ports()
        off = measure(uncached_port, 0, static_root, url)
        on = measure(cached_port, 600, static_root, url)

    print(
        f"\ngunicorn, {WORKERS} sync workers; wrk, {CONNECTIONS} connections; median of "
        f"{ROUNDS} runs of {SECONDS} s; {os.cpu_count()} CPUs shared with the load generator\n"
    )
    print(f"{'':34}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}")
    rows = [
        ("trivial view (page cache off)", off["trivial"]),
        ("issue page, page cache off", off["issue"]),
        ("trivial view (page cache on)", on["trivial"]),
        ("issue page, page cache on", on["issue"]),
    ]
    for label, (rate, p50, p99) in rows:
        print(f"{label:34}{rate:9.0f}{p50:9.2f}{p99:9.2f}")
    uncached = off["issue"][0] / off["trivial"][0]
    cached = on["issue"][0] / on["trivial"][0]
    print(f"\nissue page / trivial view, uncached: {uncached:6.1%}  (goal ≥ 10 %)")
    print(f"issue page / trivial view, cached:   {cached:6.1%}  (goal ≥ 50 %)")


if __name__ == "__main__":
    main()
