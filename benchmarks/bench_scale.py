"""The site with twenty years of briefings: a synthetic archive of 400 issues × 8 articles
× 5 viewpoints (benchmarks/scale_archive.py) in a throwaway database.

Prints, against the goals of issue 13:

1. every public page type, uncached (gunicorn, production settings, page cache off), one
   request at a time: p50 and p99 latency, HTML size and the pages' fixed query counts
   (goals: archive and partner pages p50 < 40 ms and < 100 KB; no page above 100 KB);
2. search: twenty queries in Chinese and English, one connection: p50 and p95 (≤ 50 ms);
3. `rebuild_search_index`: time and peak memory (≤ 60 s, ≤ 300 MB);
4. the issue's admin page with 8 articles and 40 viewpoints: time and queries (< 250 ms).

The database `lmec_bench_scale` on the project's PostgreSQL is made afresh (a few
minutes) and dropped at the end; BENCH_SCALE_KEEP=1 keeps it, and the next run uses it
as it is. BENCH_SCALE_ISSUES (400) sets the size, BENCH_REQUESTS (30) the requests per
page. The machine may be busy with other work: the load average is printed with the
figures.
"""

import os
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request

from serving import (
    ROOT,
    collected_static,
    database_url,
    free_port,
    gunicorn,
    manage,
    production_environment,
    server_command,
    with_database_name,
)

DATABASE = "lmec_bench_scale"
ISSUES = int(os.environ.get("BENCH_SCALE_ISSUES", 400))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", 30))
PAGE_SECONDS = 10  # a slow page gets fewer requests (at least 5)
KEEP = os.environ.get("BENCH_SCALE_KEEP") == "1"
SEARCHES = [
    *[
        "红树林",
        "绿色金融",
        "生物多样性",
        "塑料",
        "气候变化",
        "澜湄",
        "循环经济",
        "环境合作",
        "能力建设",
        "世界自然基金会",
    ],
    "mangrove",
    "green finance",
    "biodiversity",
    "plastic",
    "climate change",
    "circular economy",
    "cooperation",
    "capacity building",
    "WWF",
    "Oxfam",
]


def scale_url(url: str) -> str:
    """The project's database URL with the benchmark's database name."""
    return with_database_name(url, DATABASE)


def database_exists(url: str) -> bool:
    try:
        server_command(scale_url(url), "SELECT 1")
    except Exception:
        return False
    return True


def prepare(url: str, env: dict) -> None:
    if KEEP and database_exists(url):
        print(f"using the database {DATABASE} kept from an earlier run")
        manage("migrate", "--noinput", "--verbosity", "0", env=env)
        return
    server_command(url, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    server_command(url, f"CREATE DATABASE {DATABASE}")
    manage("migrate", "--noinput", "--verbosity", "0", env=env)
    print(f"generating {ISSUES} issues into {DATABASE} (a few minutes)…", flush=True)
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "benchmarks/scale_archive.py", str(ISSUES)], cwd=ROOT, env=env, check=True
    )
    print(f"generated in {time.monotonic() - started:.0f} s")


def fetch(url: str) -> tuple[float, int]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        body = response.read()
        if response.status != 200:
            raise SystemExit(f"{url} answered {response.status}")
    return (time.perf_counter() - started) * 1000, len(body)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


PAGES_SCRIPT = """
import json
from django.db.models import Count
from django.urls import reverse
from django.utils import translation
from publishing.models import EditionArticle, EditionViewpoint, PublicEvent, PublicTopic
from publishing.selectors import current_editions

edition = current_editions().order_by("-year", "-number")[10]
article = EditionArticle.objects.filter(edition=edition).order_by("position")[1]
quoted = (EditionViewpoint.objects.values("organization_slug").annotate(n=Count("pk"))
    .order_by("-n").first())
topic = max(PublicTopic.objects.all(),
    key=lambda t: EditionArticle.objects.filter(topic_ids__contains=[t.pk]).count())
event = PublicEvent.objects.order_by("-start_date")[10]
with translation.override("zh-hans"):
    pages = {
        "home": reverse("home"),
        "archive": reverse("bulletins:archive"),
        "archive, page 10": reverse("bulletins:archive") + "?page=10",
        "archive, a year": reverse("bulletins:archive-year", args=[edition.year]),
        "issue": edition.get_absolute_url(),
        "article": reverse("bulletins:article", kwargs={"year": edition.year,
            "number": edition.number, "slug": article.slug}),
        "partner list": reverse("partners:list"),
        "partner, most quoted": reverse("partners:detail", args=[quoted["organization_slug"]]),
        "partner, page 100": reverse("partners:detail", args=[quoted["organization_slug"]])
            + "?page=100",
        "event list": reverse("events:list"),
        "event": reverse("events:detail", args=[event.slug]),
        "topic list": reverse("bulletins:topic-list"),
        "topic, most used": reverse("bulletins:topic-detail", args=[topic.slug]),
        "RSS feed": reverse("bulletins:feed-rss"),
        "calendar (.ics)": reverse("events:calendar"),
        "sitemap index (XML)": "/sitemap.xml",
        "sitemap, articles (XML)": "/sitemap-articles.xml?p=2",
    }
print(json.dumps({"pages": pages, "quoted": quoted["n"]}))
"""


def shell_json(code: str, env: dict) -> dict:
    import json

    result = manage("shell", "-c", code, env=env, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure_pages(base: str, pages: dict) -> list:
    rows = []
    for label, path in pages.items():
        for _ in range(3):  # warm: code, templates, prepared page bodies
            fetch(base + path)
        times, size = [], 0
        deadline = time.monotonic() + PAGE_SECONDS
        while len(times) < REQUESTS and (len(times) < 5 or time.monotonic() < deadline):
            ms, size = fetch(base + path)
            times.append(ms)
        rows.append(
            (label, path, statistics.median(times), percentile(times, 0.99), size, len(times))
        )
    return rows


def measure_search(base: str) -> list[float]:
    paths = [
        f"/{'en' if query.isascii() else 'zh-hans'}/search/?" + urllib.parse.urlencode({"q": query})
        for query in SEARCHES
    ]
    for path in paths:  # warm: the segmenter, each worker
        fetch(base + path)
    times = []
    for _ in range(max(1, REQUESTS // 10)):
        for path in paths:
            times.append(fetch(base + path)[0])
    return times


QUERIES_SCRIPT = """
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
setup_test_environment()
client = Client()
counts = {}
for label, path in %(pages)r.items():
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    counts[label] = len(queries)
print(json.dumps(counts))
"""


REBUILD_SCRIPT = """
import resource, time
from django.core.management import call_command
started = time.monotonic()
call_command("rebuild_search_index", verbosity=0)
seconds = time.monotonic() - started
print(seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def rebuild(env: dict) -> tuple[float, float]:
    """Seconds and peak memory (MB) of `manage.py rebuild_search_index`, in a process of
    its own (the seconds without the start of Django)."""
    result = manage("shell", "-c", REBUILD_SCRIPT, env=env, capture_output=True, text=True)
    seconds, peak_kb = result.stdout.strip().splitlines()[-1].split()
    return float(seconds), int(peak_kb) / 1024


ADMIN_SCRIPT = """
import json, statistics, time
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
from bulletins.models import Bulletin
setup_test_environment()
with transaction.atomic():
    user = User.objects.create_superuser("bench-scale-admin", "", "x")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    bulletin = Bulletin.objects.order_by("-year", "-number")[10]
    page = f"/admin/bulletins/bulletin/{bulletin.pk}/change/"
    assert client.get(page).status_code == 200
    times = []
    for _ in range(%(repetitions)d):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            client.get(page)
            times.append((time.perf_counter() - started) * 1000)
    transaction.set_rollback(True)
print(json.dumps({"median": statistics.median(times), "fastest": min(times),
    "queries": len(queries), "articles": bulletin.articles.count(),
    "viewpoints": sum(a.viewpoints.count() for a in bulletin.articles.all())}))
"""


def main():
    url = database_url()
    scale = scale_url(url)
    with collected_static(url) as static_root:
        env = production_environment(
            scale, static_root, cache_seconds=0, GUNICORN_WORKERS=1, LMEC_PAGE_CACHE_SECONDS=0
        )
        env.pop("REDIS_URL", None)
        env["CACHE_URL"] = "locmemcache://"
        try:
            prepare(url, env)
            found = shell_json(PAGES_SCRIPT, env)
            pages = found["pages"]
            port = free_port()
            with gunicorn(port, env, "--log-level", "warning") as base:
                rows = measure_pages(base, pages)
                searches = measure_search(base)
            counts = shell_json(
                QUERIES_SCRIPT % {"pages": pages}, env | {"DJANGO_ALLOWED_HOSTS": "testserver"}
            )
            rebuild_seconds, rebuild_mb = rebuild(env)
            admin = shell_json(ADMIN_SCRIPT % {"repetitions": 10}, env)
        finally:
            if not KEEP:
                server_command(url, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")

    load = os.getloadavg()
    print(
        f"\n{ISSUES} synthetic issues (8 articles × 5 viewpoints each; the most quoted partner "
        f"{found['quoted']} viewpoints); gunicorn, 1 sync worker, page cache off; "
        f"up to {REQUESTS} requests per page (n), one at a time; load average {load[0]:.2f} "
        f"on {os.cpu_count()} CPUs\n"
    )
    print(f"{'page':24}{'p50 ms':>9}{'p99 ms':>9}{'KB':>9}{'queries':>9}{'n':>5}  address")
    for label, path, p50, p99, size, count in rows:
        print(f"{label:24}{p50:9.1f}{p99:9.1f}{size / 1024:9.1f}{counts[label]:9}{count:5}  {path}")
    # The goal is for HTML pages: the sitemap and the calendar are files for programs.
    largest = max((row[4], row[0]) for row in rows if not row[0].endswith(("(XML)", "(.ics)")))
    archive = next(r for r in rows if r[0] == "archive")
    partner = next(r for r in rows if r[0] == "partner, most quoted")
    print(
        f"\narchive p50 {archive[2]:.1f} ms, {archive[4] / 1024:.0f} KB; most quoted partner "
        f"p50 {partner[2]:.1f} ms, {partner[4] / 1024:.0f} KB (goals: < 40 ms, < 100 KB)"
    )
    print(f"largest HTML page: {largest[1]}, {largest[0] / 1024:.0f} KB (goal < 100 KB)")
    print(
        f"search, {len(SEARCHES)} queries × {len(searches) // len(SEARCHES)}: p50 "
        f"{statistics.median(searches):.1f} ms, p95 {percentile(searches, 0.95):.1f} ms "
        f"(goal p95 ≤ 50 ms)"
    )
    print(
        f"rebuild_search_index: {rebuild_seconds:.0f} s, peak {rebuild_mb:.0f} MB "
        f"(goals ≤ 60 s, ≤ 300 MB)"
    )
    print(
        f"issue admin page ({admin['articles']} articles, {admin['viewpoints']} viewpoints): "
        f"median {admin['median']:.0f} ms, fastest {admin['fastest']:.0f} ms, "
        f"{admin['queries']} queries (goal < 250 ms)"
    )


if __name__ == "__main__":
    main()
