"""`make loadtest`: concurrent readers against gunicorn, optionally with a database restart.

Serves the site as in production (benchmarks/serving.py: gunicorn.conf.py, DJANGO_DEBUG=
false, collected static files) against the project's database with the demo content (the
embedded server, or DATABASE_URL with ``--use-database-url``: never a production
database), and runs ``--concurrency`` readers on the loopback interface for ``--duration``
seconds or ``--max-requests`` requests, whichever comes first. Each reader asks, one after
the other with no pause, for pages drawn from a realistic mix: home, archive, issue and
article pages, partners, events, topics, searches in Chinese and English, feeds, the
sitemap, a stylesheet and issue PDFs, in Chinese and English. Every answer must be 2xx or
3xx; anything else (or no answer within ``--timeout`` seconds) is a failed request, and
the run fails if there is one.

Reported: requests, failures by cause, throughput, p50/p95/p99 latency, per kind of page
and overall, and the share of pages served from the anonymous page cache.

``--fault db-restart``: at ``--fault-at`` seconds, an edit is saved (through the ORM, in
its own process: an issue's English summary gets a marker), then PostgreSQL is restarted
under the load: ``pg_ctl restart -m fast`` for the embedded server (``--stop-mode
immediate`` stops it like a crash, recovered from the WAL; ``--down-seconds N`` stops it,
waits, starts it), or ``--restart-command`` with DATABASE_URL. Reported: how long the
restart took, the requests that failed and when, what /readyz answered meanwhile, and
whether the edit is still there afterwards. The run fails if any request started after the
restart completed failed, or the edit was lost. The edit is undone at the end.

``--fault cache-down``: at ``--fault-at`` seconds, the private Redis that serves as the
cache is stopped for ``--down-seconds`` (10) and started again. Meanwhile an edit is saved
(as above) and an editor logs into the admin and opens the list of issues. The run fails
if any request fails, the admin did not answer, or the edit was lost: a cache that fails
is a miss (lmec/cache.py).

The load generator is Python threads in this process (one connection per request, as
gunicorn's sync workers close each one); it shares the machine's CPUs with gunicorn and
PostgreSQL, so figures are those of the whole machine, not of the site alone.
"""

import argparse
import dataclasses
import http.client
import json
import os
import random
import shlex
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from collections import Counter, defaultdict

from serving import (
    HOST,
    ROOT,
    collected_static,
    database_url,
    embedded_database,
    free_port,
    gunicorn,
    manage,
    private_redis,
    production_environment,
    shared_cache,
)

# Searches readers type: Chinese words the seeds contain (a part finds the whole: 红树),
# an English word, a phrase, and one that finds nothing.
SEARCHES = {
    "zh-hans": ["红树林", "绿色金融", "生物多样性", "塑料", "气候变化", "澜湄"],
    "en": ["mangrove", "green finance", "biodiversity", "plastic", "climate", "nothing-here"],
}
LANGUAGES = ["zh-hans", "en"]
# gunicorn's output: errors and their tracebacks, if any.
LOG = ROOT / "var" / "loadtest-gunicorn.log"


@dataclasses.dataclass
class Outcome:
    kind: str
    path: str
    started: float  # seconds since the load began
    seconds: float
    status: int | None  # None: no HTTP answer
    error: str = ""
    cache: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 400


# The mix: (kind of page, share of requests). Paths of each kind are drawn at random.
WEIGHTS = {
    "home": 12,
    "root redirect": 2,
    "archive": 5,
    "issue": 16,
    "article": 20,
    "partner": 8,
    "partner list": 2,
    "event": 6,
    "event list": 2,
    "topic": 5,
    "search": 10,
    "feed": 4,
    "calendar": 1,
    "sitemap": 1,
    "stylesheet": 3,
    "pdf": 3,
}

URLS_SCRIPT = """
import json
from django.urls import reverse
from django.utils import translation
from events.models import Event
from partners.models import Organization
from publishing.models import Edition, EditionArticle, current_condition
from publishing.selectors import public_copies
from topics.models import Topic

urls = {kind: [] for kind in ("home", "archive", "issue", "article", "partner", "partner list",
    "event", "event list", "topic", "feed", "calendar", "pdf")}
# What readers can read: the current editions and the published copies of the registry.
issues = list(Edition.objects.current().without_content().order_by("-year", "-number"))
articles = list(EditionArticle.objects.filter(current_condition("edition__"))
    .select_related("edition").defer("edition__content"))
slugs = {model: list(public_copies(model).values_list("slug", flat=True))
    for model in (Organization, Event, Topic)}
for language in %(languages)r:
    with translation.override(language):
        urls["home"].append(reverse("home"))
        urls["archive"].append(reverse("bulletins:archive"))
        urls["archive"] += [reverse("bulletins:archive-year", args=[y])
            for y in sorted({edition.year for edition in issues})]
        for issue in issues:
            urls["issue"].append(issue.get_absolute_url())
            if language in issue.languages:  # a PDF exists in the published languages only
                urls["pdf"].append(reverse("bulletins:pdf", kwargs={"year": issue.year,
                    "number": issue.number}))
        urls["article"] += [a.get_absolute_url() for a in articles]
        urls["partner"] += [reverse("partners:detail", args=[s]) for s in slugs[Organization]]
        urls["partner list"].append(reverse("partners:list"))
        urls["event"] += [reverse("events:detail", args=[s]) for s in slugs[Event]]
        urls["event list"].append(reverse("events:list"))
        urls["topic"] += [reverse("bulletins:topic-detail", args=[s]) for s in slugs[Topic]]
        urls["topic"].append(reverse("bulletins:topic-list"))
        urls["feed"] += [reverse("bulletins:feed-rss"), reverse("bulletins:feed-atom")]
        urls["calendar"].append(reverse("events:calendar"))
bilingual = [issue for issue in issues if {"zh-hans", "en"} <= set(issue.languages)]
if bilingual:
    urls["pdf"].append(reverse("bulletins:pdf-bilingual", kwargs={"year": bilingual[0].year,
        "number": bilingual[0].number}))
print(json.dumps(urls))
"""

# An editor's save to the working copy of the latest published issue (readers see it only
# once it is published: it must survive the fault all the same).
EDIT_SCRIPT = """
import json
from django.db import transaction
from publishing.models import Edition
issue = Edition.objects.current().order_by("-year", "-number").first().bulletin
before = issue.summary_en
with transaction.atomic():
    issue.summary_en = %(marker)r
    issue.full_clean()
    issue.save()
print(json.dumps({"pk": issue.pk, "label": str(issue.label), "before": before}))
"""

CHECK_SCRIPT = """
import json
from bulletins.models import Bulletin
issue = Bulletin.objects.get(pk=%(pk)d)
kept = issue.summary_en == %(marker)r
issue.summary_en = %(before)r
issue.save()
print(json.dumps({"kept": kept}))
"""


def shell(code: str, env: dict) -> dict:
    """Run ``code`` in `manage.py shell` with ``env``; return the JSON it printed last."""
    result = manage("shell", "-c", code, env=env, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


class ReadyShell:
    """``code`` in `manage.py shell`, started now and run when told: Django takes seconds
    to start on a busy machine, which would otherwise stretch the fault."""

    def __init__(self, code: str, env: dict):
        wait = "import sys\nprint('ready', flush=True)\nsys.stdin.readline()\n"
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", wait + code],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout.readline().strip() == "ready"

    def run(self) -> dict:
        output, _errors = self.process.communicate("go\n")
        if self.process.returncode:
            raise SystemExit(f"the edit failed ({self.process.returncode})")
        return json.loads(output.strip().splitlines()[-1])


def page_urls(env: dict) -> dict[str, list[str]]:
    urls = shell(URLS_SCRIPT % {"languages": LANGUAGES}, env)
    urls["root redirect"] = ["/"]
    urls["sitemap"] = ["/sitemap.xml", "/sitemap-articles.xml", "/robots.txt"]
    urls["stylesheet"] = ["/static/css/site.css"]
    urls["search"] = [
        f"/{language}/search/?" + urllib.parse.urlencode({"q": words})
        for language, queries in SEARCHES.items()
        for words in queries
    ]
    missing = [kind for kind in WEIGHTS if not urls.get(kind)]
    if missing:
        raise SystemExit(f"the database has no published content for: {', '.join(missing)}")
    return urls


class Load:
    """Readers requesting pages until the time or the request budget is spent."""

    def __init__(self, port, urls, *, concurrency, duration, max_requests, timeout):
        self.port, self.urls = port, urls
        self.concurrency, self.duration = concurrency, duration
        self.max_requests, self.timeout = max_requests, timeout
        self.kinds = list(WEIGHTS)
        self.weights = [WEIGHTS[kind] for kind in self.kinds]
        self.outcomes: list[Outcome] = []
        self.budget = threading.Semaphore(max_requests)
        self.start = 0.0
        self.elapsed = 0.0

    def run(self) -> list[Outcome]:
        self.start = self.start or time.monotonic()
        readers = [
            threading.Thread(target=self.reader, args=(number,), daemon=True)
            for number in range(self.concurrency)
        ]
        for reader in readers:
            reader.start()
        for reader in readers:
            reader.join()
        self.elapsed = time.monotonic() - self.start
        return self.outcomes

    def reader(self, number: int) -> None:
        draw = random.Random(number)
        deadline = self.start + self.duration
        while time.monotonic() < deadline and self.budget.acquire(blocking=False):
            kind = draw.choices(self.kinds, self.weights)[0]
            path = draw.choice(self.urls[kind])
            self.outcomes.append(self.fetch(kind, path))  # list.append is atomic

    def fetch(self, kind: str, path: str) -> Outcome:
        started = time.monotonic()
        connection = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
        try:
            connection.request(
                "GET",
                path,
                headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8", "User-Agent": "loadtest"},
            )
            response = connection.getresponse()
            response.read()
            status, cache, error = response.status, response.getheader("X-Page-Cache", ""), ""
        except (OSError, http.client.HTTPException) as failure:
            status, cache, error = None, "", type(failure).__name__
        finally:
            connection.close()
        ended = time.monotonic()
        return Outcome(kind, path, started - self.start, ended - started, status, error, cache)


class DatabaseRestart:
    """At a chosen time: save an edit, restart PostgreSQL, and watch /readyz meanwhile."""

    def __init__(self, args, env, port):
        self.args, self.env, self.port = args, env, port
        self.marker = f"Load test edit {uuid.uuid4().hex[:8]}"
        self.edit: dict = {}
        self.times: dict[str, float] = {}
        self.readiness: list[tuple[float, int | None]] = []
        self.error = ""

    def steps(self) -> list:
        """The commands of the restart (with their subprocess options), and pauses (seconds)."""
        if self.args.restart_command:
            return [(["sh", "-c", self.args.restart_command], {})]
        if not embedded_database():
            raise SystemExit("With DATABASE_URL, say how to restart it: --restart-command '…'")
        sys.path.insert(0, str(ROOT))
        from lmec import devdb

        data = devdb.DATA_DIR
        pg_ctl = [str(devdb.bin_dir() / "pg_ctl"), "-D", str(data), "-w", "-t", "60"]
        # Run as root, pgserver runs the server as the system user "pgserver".
        options = {"user": "pgserver"} if os.geteuid() == 0 else {}
        log = ["-l", str(data / "log")]
        if not self.args.down_seconds:
            # pg_ctl restart keeps the socket options of the last start (postmaster.opts).
            return [([*pg_ctl, "restart", "-m", self.args.stop_mode, *log], options)]
        started_with = shlex.split((data / "postmaster.opts").read_text())[1:]
        server_options = shlex.join(started_with[2:])  # without "-D <data>"
        return [
            ([*pg_ctl, "stop", "-m", self.args.stop_mode], options),
            self.args.down_seconds,
            ([*pg_ctl, "start", "-o", server_options, *log], options),
        ]

    def run(self, load: Load) -> None:
        steps = self.steps()
        time.sleep(max(0.0, load.start + self.args.fault_at - time.monotonic()))
        self.times["edit"] = time.monotonic() - load.start
        self.edit = shell(EDIT_SCRIPT % {"marker": self.marker}, self.env)
        self.times["edited"] = time.monotonic() - load.start
        watcher = threading.Thread(target=self.watch_readiness, args=(load,), daemon=True)
        watcher.start()
        self.times["restart"] = time.monotonic() - load.start
        for step in steps:
            if not isinstance(step, tuple):
                time.sleep(step)
                continue
            command, options = step
            with tempfile.TemporaryFile() as errors:
                # Output to files, not pipes: the new server inherits them, would keep a pipe open.
                result = subprocess.run(
                    command, stdout=subprocess.DEVNULL, stderr=errors, check=False, **options
                )
                errors.seek(0)
                if result.returncode:
                    self.error = errors.read().decode(errors="replace")
                    break
        self.times["restarted"] = time.monotonic() - load.start
        watcher.join()

    def watch_readiness(self, load: Load) -> None:
        """Ask /readyz five times a second, until 5 s after the restart completed."""
        while "restarted" not in self.times or (
            time.monotonic() - load.start < self.times["restarted"] + 5
        ):
            at = time.monotonic() - load.start
            connection = http.client.HTTPConnection(HOST, self.port, timeout=5)
            try:
                connection.request("GET", "/readyz")
                status = connection.getresponse().status
            except (OSError, http.client.HTTPException):
                status = None
            finally:
                connection.close()
            self.readiness.append((at, status))
            time.sleep(0.2)

    def check_edit(self) -> bool:
        params = {"pk": self.edit["pk"], "marker": self.marker, "before": self.edit["before"]}
        return shell(CHECK_SCRIPT % params, self.env)["kept"]


STAFF_SCRIPT = """
from django.contrib.auth.models import Group, User
user, _ = User.objects.get_or_create(username="loadtest-editor", defaults={"is_staff": True})
user.set_password(%(password)r)
user.save()
user.groups.add(Group.objects.get(name="Editor"))
print("{}")
"""


class CacheDown:
    """At a chosen time: stop Redis, save an edit and use the admin, start Redis again."""

    def __init__(self, args, env, port, redis):
        self.args, self.env, self.port, self.redis = args, env, port, redis
        self.marker = f"Load test edit {uuid.uuid4().hex[:8]}"
        self.password = uuid.uuid4().hex
        self.edit: dict = {}
        self.times: dict[str, float] = {}
        self.admin: list[tuple[str, int | None]] = []
        shell(STAFF_SCRIPT % {"password": self.password}, env)

    def run(self, load: Load) -> None:
        editor = ReadyShell(EDIT_SCRIPT % {"marker": self.marker}, self.env)
        time.sleep(max(0.0, load.start + self.args.fault_at - time.monotonic()))
        self.times["restart"] = time.monotonic() - load.start
        self.redis.stop()
        self.edit = editor.run()
        self.times["edited"] = time.monotonic() - load.start
        self.use_the_admin()
        down = self.args.down_seconds or 10
        time.sleep(max(0.0, load.start + self.times["restart"] + down - time.monotonic()))
        self.redis.start()
        self.times["restarted"] = time.monotonic() - load.start

    def use_the_admin(self) -> None:
        """Log in as an editor and open the list of issues, as a browser would."""
        import http.cookiejar
        import urllib.request

        class PlainHttpPolicy(http.cookiejar.DefaultCookiePolicy):
            # Production marks the session and CSRF cookies Secure (HTTPS at the proxy); the
            # load test speaks plain HTTP on the loopback, so send them back all the same.
            def return_ok_secure(self, cookie, request):
                return True

        jar = http.cookiejar.CookieJar(policy=PlainHttpPolicy())
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        base = f"http://{HOST}:{self.port}"

        def ask(label, path, data=None):
            try:
                with opener.open(base + path, data=data, timeout=30) as response:
                    landed = urllib.parse.urlsplit(response.geturl()).path
                    # Sent back to the login page: not logged in, whatever the status.
                    login = landed == "/admin/login/" and not path.startswith("/admin/login/")
                    self.admin.append((label, "the login page" if login else response.status))
                    return response.read().decode()
            except OSError as error:
                self.admin.append((label, getattr(error, "code", None)))
                return ""

        page = ask("login page", "/admin/login/")
        token = page.split('name="csrfmiddlewaretoken" value="', 1)[-1].split('"', 1)[0]
        form = {
            "csrfmiddlewaretoken": token,
            "username": "loadtest-editor",
            "password": self.password,
            "next": "/admin/",
        }
        ask("login", "/admin/login/?next=/admin/", urllib.parse.urlencode(form).encode())
        ask("list of issues", "/admin/bulletins/bulletin/")

    def check_edit(self) -> bool:
        params = {"pk": self.edit["pk"], "marker": self.marker, "before": self.edit["before"]}
        return shell(CHECK_SCRIPT % params, self.env)["kept"]


def report_cache_down(fault: CacheDown, outcomes: list[Outcome]) -> bool:
    """Print what stopping the cache did; return whether the site came through it."""
    t = fault.times
    print(
        f"\nfault: Redis (the cache) stopped from {t['restart']:.2f} s to {t['restarted']:.2f} s "
        f"({t['restarted'] - t['restart']:.2f} s)"
    )
    failed = [o for o in outcomes if not o.ok]
    during = [o for o in outcomes if t["restart"] <= o.started < t["restarted"]]
    print(
        f"  requests started while it was down: {len(during)}, "
        f"{sum(o.ok for o in during)} answered 2xx/3xx; failed in the whole run: {len(failed)}"
    )
    admin_ok = bool(fault.admin) and all(status == 200 for _label, status in fault.admin)
    print(
        "  the admin meanwhile: "
        + ", ".join(f"{label} {status or 'no answer'}" for label, status in fault.admin)
    )
    timeline(outcomes, int(t["restart"]) - 1, int(t["restarted"]) + 3)
    kept = fault.check_edit()
    print(f"  the edit saved while Redis was down is {'still there' if kept else 'LOST'}")
    return kept and admin_ok and not failed


def percentile(values, share):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def latency_row(label, outcomes):
    seconds = [o.seconds * 1000 for o in outcomes]
    failed = sum(not o.ok for o in outcomes)
    return (
        f"{label:16}{len(outcomes):9}{failed:7}"
        f"{percentile(seconds, 0.50):9.1f}{percentile(seconds, 0.95):9.1f}"
        f"{percentile(seconds, 0.99):9.1f}{max(seconds, default=float('nan')):9.1f}"
    )


def report(load: Load, outcomes: list[Outcome], args) -> int:
    failed = [o for o in outcomes if not o.ok]
    cacheable = [o for o in outcomes if o.cache]
    print(
        f"\n{args.concurrency} readers for {load.elapsed:.1f} s "
        f"(limits: {args.duration} s, {args.max_requests} requests); gunicorn "
        f"{args.workers or 'gunicorn.conf.py'} workers; page cache "
        f"{'on' if args.cache == 'on' else 'off'}; {os.cpu_count()} CPUs shared by gunicorn, "
        f"PostgreSQL, the load generator and whatever else runs"
    )
    print(
        f"requests {len(outcomes)}, failed {len(failed)}, "
        f"throughput {len(outcomes) / load.elapsed:.1f} req/s"
    )
    if cacheable:
        hits = sum(o.cache == "hit" for o in cacheable)
        print(f"pages from the page cache: {hits / len(cacheable):.0%} of cacheable answers")
    if failed:
        causes = Counter(o.error or f"HTTP {o.status}" for o in failed)
        print("failures: " + ", ".join(f"{cause} × {count}" for cause, count in causes.items()))
    print(
        f"\n{'latency (ms)':16}{'requests':>9}{'failed':>7}{'p50':>9}{'p95':>9}{'p99':>9}{'max':>9}"
    )
    by_kind = defaultdict(list)
    for outcome in outcomes:
        by_kind[outcome.kind].append(outcome)
    for kind in WEIGHTS:
        print(latency_row(kind, by_kind[kind]))
    print(latency_row("all", outcomes))
    if failed:
        print(f"gunicorn's errors and tracebacks: {LOG.relative_to(ROOT)}")
    return len(failed)


def report_fault(fault: DatabaseRestart, outcomes: list[Outcome]) -> bool:
    """Print what the restart did; return whether the site came through it."""
    t = fault.times
    how = fault.args.restart_command or f"pg_ctl -m {fault.args.stop_mode}" + (
        f", down for {fault.args.down_seconds:g} s" if fault.args.down_seconds else ""
    )
    print(f"\nfault: PostgreSQL restart under load ({how})")
    if fault.error:
        print(f"  the restart command failed: {fault.error.strip()}")
        return False
    print(
        f"  edit saved at {t['edit']:.1f}–{t['edited']:.1f} s ({fault.edit['label']}, English "
        f"summary); restart from {t['restart']:.2f} s to {t['restarted']:.2f} s "
        f"({t['restarted'] - t['restart']:.2f} s)"
    )
    failed = [o for o in outcomes if not o.ok]
    if failed:
        first = min(o.started for o in failed)
        last = max(o.started + o.seconds for o in failed)
        print(
            f"  {len(failed)} failed requests, from {first:.2f} s to {last:.2f} s "
            f"({last - first:.2f} s); kinds: "
            + ", ".join(f"{k} × {n}" for k, n in Counter(o.kind for o in failed).most_common())
        )
    else:
        print("  no request failed")
    during = [o for o in outcomes if t["restart"] <= o.started < t["restarted"]]
    if during:
        print(
            f"  requests started during the restart: {len(during)}, "
            f"{sum(o.ok for o in during)} answered 2xx/3xx "
            f"({sum(o.ok and o.cache == 'hit' for o in during)} from the page cache)"
        )
    late = [o for o in outcomes if o.started >= t["restarted"] and not o.ok]
    after = [o for o in outcomes if o.started >= t["restarted"]]
    print(
        f"  after the restart: {len(after)} requests, {len(late)} failed"
        + (f" (last at {max(o.started for o in late):.2f} s)" if late else "")
    )
    down = [at for at, status in fault.readiness if status != 200]
    if down:
        print(
            f"  /readyz: not ready from {min(down):.2f} s to {max(down):.2f} s "
            f"({len(down)} of {len(fault.readiness)} probes: "
            + ", ".join(
                f"{status or 'no answer'} × {n}"
                for status, n in Counter(s for _at, s in fault.readiness if s != 200).items()
            )
            + ")"
        )
    else:
        print(f"  /readyz: ready at each of {len(fault.readiness)} probes")
    timeline(outcomes, int(t["restart"]) - 1, int(t["restarted"]) + 3)
    kept = fault.check_edit()
    print(f"  the edit saved before the restart is {'still there' if kept else 'LOST'}")
    return kept and not late


def timeline(outcomes, first_second, last_second):
    per_second = defaultdict(lambda: [0, 0])
    for outcome in outcomes:
        second = int(outcome.started)
        per_second[second][0] += 1
        per_second[second][1] += not outcome.ok
    print("  second  requests  failed")
    for second in range(max(0, first_second), last_second + 1):
        total, failed = per_second[second]
        print(f"  {second:6}{total:10}{failed:8}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60, help="seconds of load (60)")
    parser.add_argument("--concurrency", type=int, default=32, help="readers at once (32)")
    parser.add_argument("--max-requests", type=int, default=200_000, help="request budget")
    parser.add_argument("--timeout", type=float, default=30, help="seconds per request (30)")
    parser.add_argument("--port", type=int, help="gunicorn's port on 127.0.0.1 (a free one)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (gunicorn.conf.py)")
    parser.add_argument("--cache", choices=["on", "off"], default="on", help="page cache")
    parser.add_argument("--fault", choices=["none", "db-restart", "cache-down"], default="none")
    parser.add_argument("--fault-at", type=float, help="seconds into the load (a third)")
    parser.add_argument("--stop-mode", choices=["fast", "immediate"], default="fast")
    parser.add_argument(
        "--down-seconds",
        type=float,
        default=0,
        help="stop, wait this long, start (db-restart 0: restart; cache-down: 10)",
    )
    parser.add_argument("--restart-command", help="with DATABASE_URL: how to restart it (sh)")
    parser.add_argument(
        "--use-database-url",
        action="store_true",
        help="run against DATABASE_URL: it loads the demo content there and edits an issue",
    )
    args = parser.parse_args()
    if args.fault_at is None:
        args.fault_at = args.duration / 3
    if not embedded_database() and not args.use_database_url:
        raise SystemExit(
            "DATABASE_URL is set: the load test would load the demo content into that "
            "database (and, with --fault, edit an issue and restart the server). Never use "
            "a production database. To go ahead: --use-database-url (USE_DATABASE_URL=1)."
        )

    url = database_url()
    port = args.port or free_port()
    if args.fault == "cache-down" and ("REDIS_URL" in os.environ or "CACHE_URL" in os.environ):
        raise SystemExit("FAULT=cache-down stops a Redis of its own: unset REDIS_URL and CACHE_URL")
    stopping_redis = args.fault == "cache-down"
    with (
        collected_static(url) as static_root,
        private_redis() if stopping_redis else shared_cache() as cache_server,
    ):
        redis = cache_server if stopping_redis else None
        cache = redis.environment if stopping_redis else cache_server
        extra = cache | ({"GUNICORN_WORKERS": args.workers} if args.workers else {})
        env = production_environment(
            url, static_root, cache_seconds=600 if args.cache == "on" else 0, **extra
        )
        manage("migrate", "--noinput", "--verbosity", "0", env=env)
        manage("load_demo", env=env, stdout=subprocess.DEVNULL)
        # What the workers do after a publication (PDFs, search entries), done now and once.
        manage("refresh_outputs", "--verbosity", "0", env=env)
        manage("run_worker", "--batch", "--verbosity", "0", env=env)
        urls = page_urls(env)
        print(f"{sum(len(paths) for paths in urls.values())} distinct URLs in the mix")
        LOG.parent.mkdir(exist_ok=True)
        with LOG.open("w") as log, gunicorn(port, env, "--log-level", "warning", log=log):
            load = Load(
                port,
                urls,
                concurrency=args.concurrency,
                duration=args.duration,
                max_requests=args.max_requests,
                timeout=args.timeout,
            )
            fault = None
            if args.fault == "cache-down":
                fault = CacheDown(args, env, port, redis)
            if args.fault == "db-restart":
                fault = DatabaseRestart(args, env, port)
            if fault is not None:
                fault_thread = threading.Thread(target=fault.run, args=(load,), daemon=True)
                load.start = time.monotonic()  # the fault thread measures from here too
                fault_thread.start()
            outcomes = load.run()
            if fault is not None:
                fault_thread.join()
        failures = report(load, outcomes, args)
        if isinstance(fault, CacheDown):
            return 0 if report_cache_down(fault, outcomes) else 1
        came_through = report_fault(fault, outcomes) if fault is not None else True
    if fault is not None:
        # During a restart, requests may fail; what must hold is recovery and no lost edit.
        return 0 if came_through else 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
