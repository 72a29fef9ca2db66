"""Throughput and latency of the issue page, page cache off and on, against a trivial view.

Serves the site with gunicorn (production settings: DJANGO_DEBUG=false, collected static
files, gunicorn.conf.py) against the project's embedded PostgreSQL with the demo content
and a private Redis as the shared cache (benchmarks/serving.py), and loads it with wrk on
the loopback interface, for a bounded time:

1. a server with the anonymous page cache off: the trivial view (/healthz) and the issue
   page /zh-hans/bulletins/2020/2/ (both articles, eight viewpoints, contact block);
2. a server with the page cache on: the same two.

Prints requests per second, p50 and p99 latency, the issue page's throughput as a share
of the trivial view's (goals: ≥ 15 % uncached, ≥ 50 % cached), the trivial view on the
cache-on server against the cache-off one (goal: within 10 %: a request the page cache
cannot serve does not ask it), and the connections Redis accepted during the cache-on
runs (each worker keeps its connection pool: a handful, not one per request).

The machine may be busy with other work: each figure is the median of BENCH_ROUNDS short
runs, alternating the two pages, so that both see the same conditions.

Environment: BENCH_PORTS="8013,8023" (default: two free ports), BENCH_SECONDS per run (4),
BENCH_ROUNDS (3), BENCH_CONNECTIONS (4), GUNICORN_WORKERS (2).
"""

import os
import re
import shutil
import statistics
import subprocess

from serving import (
    collected_static,
    database_url,
    free_port,
    get,
    gunicorn,
    manage,
    shared_cache,
)
from serving import production_environment as environment

ISSUE = "/zh-hans/bulletins/2020/2/"
TRIVIAL = "/healthz"
SECONDS = int(os.environ.get("BENCH_SECONDS", 4))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 3))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", 4))
WORKERS = os.environ.get("GUNICORN_WORKERS", "2")


def ports():
    if "BENCH_PORTS" in os.environ:
        return [int(port) for port in os.environ["BENCH_PORTS"].split(",")]
    return [free_port(), free_port()]


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


def redis_connections(cache) -> int | None:
    """How many connections the benchmark's Redis has accepted so far."""
    if "REDIS_URL" not in cache:
        return None
    import redis

    client = redis.Redis.from_url(cache["REDIS_URL"])
    try:
        return client.info("stats")["total_connections_received"] - 1  # less this one
    finally:
        client.close()


def measure(port, cache_seconds, static_root, url, cache):
    env = environment(
        url, static_root, cache_seconds=cache_seconds, GUNICORN_WORKERS=WORKERS, **cache
    )
    with gunicorn(port, env) as base:
        for _ in range(int(WORKERS) * 2):  # warm every worker: code, templates, cache
            status, headers = get(base + ISSUE)
            assert status == 200
        cached = headers.get("X-Page-Cache") == "hit"
        assert cached == (cache_seconds > 0), "the page cache is not in the expected state"
        runs = {"trivial": [], "issue": []}
        connections_before = redis_connections(cache)
        for _ in range(ROUNDS):
            runs["trivial"].append(wrk(base + TRIVIAL))
            runs["issue"].append(wrk(base + ISSUE))
        figures = {page: medians(results) for page, results in runs.items()}
        if connections_before is not None:
            figures["redis connections"] = redis_connections(cache) - connections_before
        return figures


def main():
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: scripts/system-packages bench installs it")
    url = database_url()
    manage("migrate", "--noinput", "--verbosity", "0")
    manage("load_demo")
    with collected_static(url) as static_root, shared_cache() as cache:
        uncached_port, cached_port = ports()
        off = measure(uncached_port, 0, static_root, url, cache)
        on = measure(cached_port, 600, static_root, url, cache)

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
    trivial = on["trivial"][0] / off["trivial"][0]
    print(f"\nissue page / trivial view, uncached: {uncached:6.1%}  (goal ≥ 15 %)")
    print(f"issue page / trivial view, cached:   {cached:6.1%}  (goal ≥ 50 %)")
    print(f"trivial view, cache on / cache off:  {trivial:6.1%}  (goal ≥ 90 %)")
    if "redis connections" in on:
        requests = sum(rate * SECONDS * ROUNDS for rate, _p50, _p99 in (on["trivial"], on["issue"]))
        print(
            f"Redis connections accepted during the cache-on runs: {on['redis connections']} "
            f"for about {requests:.0f} requests ({WORKERS} workers)"
        )


if __name__ == "__main__":
    main()
