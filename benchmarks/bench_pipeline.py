"""The publishing pipeline: from "publish" to every output; PDF downloads; an idle worker.

- publish → outputs: with gunicorn serving the site (production settings, a shared Redis
  page cache) and one worker (`manage.py run_worker`, polling every 2 s as in
  production), a publisher publishes a correction of seed issue 2020-2 (a new headline).
  Reported, from the moment the publication commits: when the public issue page (cached
  a moment before) shows the new headline, when search finds it, when going-live work is
  done, and when every PDF language of the new version is stored. Median of RUNS.
- PDF download: GET of the current version's Chinese PDF from that gunicorn, median and
  p95, and with If-None-Match (304); and the SQL queries one request makes, counted in
  this process: finding the file is one lookup, no page is built.
- idle worker: CPU time the worker uses over IDLE_SECONDS with an empty queue, as a share
  of one core.

Runs in a database of its own on the project's PostgreSQL (lmec_bench_pipeline, made
with the demo content and dropped at the end): the corrections it publishes as versions
of the demo issue 2020-2 never reach the development database.
"""

import http.client
import os
import statistics
import subprocess
import sys
import time
import urllib.parse

import psutil
import serving

sys.path.insert(0, str(serving.ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lmec.settings")

YEAR, NUMBER = 2020, 2
RUNS = 3
DOWNLOADS = 100
IDLE_SECONDS = 30
TIMEOUT = 180
OUTPUTS = ("issue page", "search", "search entries", "went live", "PDFs", "everything")


def page_shows(port, path, text) -> bool:
    connection = http.client.HTTPConnection(serving.HOST, port, timeout=30)
    _elapsed, response, body = serving.timed_get(connection, path)
    return response.status == 200 and text in body.decode()


def publish_correction(run: int):
    """Change the first article's headline and publish it as the next version."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from bulletins.models import Article, Bulletin
    from publishing import services

    bulletin = Bulletin.objects.get(year=YEAR, number=NUMBER)
    article = Article.objects.filter(bulletin=bulletin).order_by("position").first()
    marker = f"Benchmarkcorrection{os.getpid()}x{run}"
    article.headline_en = f"{marker} {article.headline_en.split(' ', 1)[-1]}"
    article.save()
    publisher, _new = get_user_model().objects.get_or_create(
        username="bench-publisher", defaults={"is_staff": True}
    )
    publisher.groups.add(Group.objects.get(name="Publisher"))
    edition = services.bulletin_publish(bulletin=bulletin, user=publisher)
    return edition, marker


def outputs_done(edition) -> dict:
    from publishing.models import Edition, EditionPDF, SearchEntry
    from publishing.pdf.services import edition_languages

    edition = Edition.objects.defer("content").get(pk=edition.pk)
    stored = EditionPDF.objects.filter(edition=edition).count()
    return {
        "went live": edition.went_live_at is not None,
        "search entries": SearchEntry.objects.filter(edition=edition).exists(),
        "PDFs": stored == len(edition_languages(edition)),
    }


def publish_to_outputs(port: int) -> None:
    issue_path = f"/en/bulletins/{YEAR}/{NUMBER}/"
    print(f"publish → outputs (one worker, median of {RUNS}; seconds after the commit):")
    figures: dict[str, list[float]] = {}
    for run in range(RUNS):
        page_shows(port, issue_path, "")  # the page is in the cache before the publication
        edition, marker = publish_correction(run)
        started = time.perf_counter()
        search_path = "/en/search/?" + urllib.parse.urlencode({"q": marker})
        seen: dict[str, float] = {}

        def check(output, done, seen=seen, started=started):
            if output not in seen and done:
                seen[output] = time.perf_counter() - started

        while len(seen) < len(OUTPUTS):
            if time.perf_counter() - started > TIMEOUT:
                raise SystemExit(f"Outputs not done after {TIMEOUT} s: {sorted(seen)}")
            check("issue page", page_shows(port, issue_path, marker))
            # A result, not the query repeated in the page.
            check("search", page_shows(port, search_path, 'class="result"'))
            for output, done in outputs_done(edition).items():
                check(output, done)
            check("everything", len(seen) == len(OUTPUTS) - 1)
            time.sleep(0.05)
        for output, seconds in seen.items():
            figures.setdefault(output, []).append(seconds)
    for output in OUTPUTS:
        values = figures[output]
        print(
            f"  {output:15} {statistics.median(values):6.2f} s"
            f"  (runs: {', '.join(f'{v:.2f}' for v in values)})"
        )


def pdf_downloads(port: int) -> None:
    from django.db import connection as database
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    path = f"/zh-hans/bulletins/{YEAR}/{NUMBER}/pdf/"
    with CaptureQueriesContext(database) as queries:
        status = Client(HTTP_HOST="127.0.0.1").get(path).status_code
    assert status == 200, status
    connection = http.client.HTTPConnection(serving.HOST, port, timeout=30)
    for _warm_up in range(10):
        _elapsed, response, body = serving.timed_get(connection, path)
    etag = response.getheader("ETag")
    full, revalidated = [], []
    for _run in range(DOWNLOADS):
        elapsed, response, body = serving.timed_get(connection, path)
        assert response.status == 200, response.status
        full.append(elapsed)
        elapsed, response, _body = serving.timed_get(connection, path, {"If-None-Match": etag})
        assert response.status == 304, response.status
        revalidated.append(elapsed)
    full.sort()
    print(f"PDF download ({path}, gunicorn, {DOWNLOADS} requests, one connection):")
    print(
        f"  200 ({len(body) // 1024} KB): median {statistics.median(full) * 1000:.1f} ms,"
        f" p95 {full[int(len(full) * 0.95)] * 1000:.1f} ms;"
        f" 304: median {statistics.median(revalidated) * 1000:.1f} ms"
    )
    print(f"  SQL queries per request: {len(queries)}")


def idle_worker(worker: subprocess.Popen) -> None:
    from publishing.models import Job

    deadline = time.monotonic() + TIMEOUT
    while Job.objects.exclude(state__in=[Job.State.DONE, Job.State.FAILED]).exists():
        if time.monotonic() > deadline:
            raise SystemExit("The worker did not empty the queue")
        time.sleep(0.5)
    time.sleep(3)  # the last job's bookkeeping
    process = psutil.Process(worker.pid)
    before = process.cpu_times()
    time.sleep(IDLE_SECONDS)
    after = process.cpu_times()
    used = (after.user - before.user) + (after.system - before.system)
    print(
        f"idle worker: {used * 1000:.0f} ms of CPU in {IDLE_SECONDS} s"
        f" ({used / IDLE_SECONDS * 100:.2f} % of one core), {process.memory_info().rss >> 20} MB"
    )


def main() -> None:
    with (
        serving.separate_database(serving.database_url(), "lmec_bench_pipeline") as url,
        serving.shared_cache() as cache_env,
        serving.collected_static(url) as static_root,
    ):
        os.environ["DATABASE_URL"] = url
        os.environ.update(cache_env)  # this process clears the cache readers are served from
        import django

        django.setup()
        from django.core.management import call_command

        from editorial.demo.loader import load_demo

        call_command("migrate", verbosity=0)
        load_demo()
        env = serving.production_environment(url, static_root, **cache_env)
        port = serving.free_port()
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--verbosity", "0"],
            cwd=serving.ROOT,
            env=env,
        )
        try:
            with serving.gunicorn(port, env, "--workers", "2", "--log-level", "warning"):
                publish_to_outputs(port)
                pdf_downloads(port)
                idle_worker(worker)
        finally:
            worker.terminate()
            worker.wait(timeout=120)


if __name__ == "__main__":
    main()
