"""PDFs of the seed issues: cold render, warm render, cached download.

- cold render: a fresh Python process renders one edition of a seed issue. Reported: the
  render (from Django ready to PDF bytes: importing WeasyPrint, loading the fonts,
  building the HTML, laying out and writing), the time from the process's start to the
  PDF bytes (Django setup included), the whole process as the parent sees it (interpreter
  start to exit: Python's teardown comes after the PDF is stored), and the peak memory
  (max RSS).
- warm render: the same in a process that has rendered before (the background renderer
  rendering the next edition or issue).
- cached download: GET of a stored PDF from gunicorn (2 workers) on 127.0.0.1:8017, and
  the same GET with If-None-Match (304).

Goals: cold render ≤ 1.5 s, warm ≤ 1 s, ≤ 250 MB peak, cached download ≤ 50 ms. Renders
go through composition.compose() (one to four layouts) as stored PDFs do; each figure is
also given in CPU time, which other work on a shared machine does not inflate.
Runs against the project's development database (the demo content is loaded if missing),
which the child processes and gunicorn reach through DATABASE_URL, as in production
(registering with the embedded server would add a second to each start). The PDFs it
stores are the demo issues' current PDFs, as `make run` stores them.
"""

import http.client
import json
import os
import resource
import statistics
import subprocess
import sys
import time

import serving

START = time.perf_counter()
sys.path.insert(0, str(serving.ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lmec.settings")

SEEDS = [(2020, 2), (2020, 5)]
EDITIONS = ["zh-hans", "en", "bilingual"]
COLD_RUNS = 5
WARM_RUNS = 5
DOWNLOADS = 50
PORT = 8017


def peak_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def current_content(year: int, number: int) -> dict:
    """The frozen content of the issue's newest edition: what every render prints."""
    from publishing.models import Edition

    return Edition.objects.filter(year=year, number=number).order_by("-version").first().content


def child_render(year: int, number: int, edition: str) -> None:
    """In a fresh process: render one edition, print the timings as JSON."""
    import django

    django.setup()
    ready = time.perf_counter()
    from publishing.pdf.composition import compose

    pdf = compose(current_content(year, number), edition)
    done = time.perf_counter()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(
        json.dumps(
            {
                "render": done - ready,
                "to_bytes": done - START,
                "cpu": usage.ru_utime + usage.ru_stime,
                "bytes": len(pdf.content),
                "pages": pdf.pages,
                "peak_mb": peak_mb(),
            }
        )
    )


def median_ms(values) -> str:
    return f"{statistics.median(values) * 1000:.0f} ms"


def cold_renders() -> None:
    print(f"cold render (fresh process, median of {COLD_RUNS}):")
    for year, number in SEEDS:
        for edition in ("zh-hans", "en"):
            results, walls = [], []
            for _run in range(COLD_RUNS):
                started = time.perf_counter()
                output = subprocess.run(
                    [sys.executable, __file__, "--child", str(year), str(number), edition],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                walls.append(time.perf_counter() - started)
                results.append(json.loads(output.strip().splitlines()[-1]))
            print(
                f"  {year}-{number} {edition:8} render {median_ms(r['render'] for r in results)}"
                f", process start to PDF {median_ms(r['to_bytes'] for r in results)}"
                f", whole process {median_ms(walls)}"
                f" (CPU {median_ms(r['cpu'] for r in results)})"
                f", peak {max(r['peak_mb'] for r in results)} MB"
                f", {results[0]['bytes'] // 1024} KB"
            )


def warm_renders() -> None:
    from publishing.pdf.composition import compose

    print(f"warm render (running process, median of {WARM_RUNS}; HTML, layout passes, PDF):")
    for year, number in SEEDS:
        content = current_content(year, number)
        for edition in EDITIONS:
            pages = compose(content, edition).pages
            times, cpu = [], []
            for _run in range(WARM_RUNS):
                started, cpu_started = time.perf_counter(), time.process_time()
                compose(content, edition)
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - cpu_started)
            print(
                f"  {year}-{number} {edition:9} {median_ms(times)} (CPU {median_ms(cpu)},"
                f" {pages} pages)"
            )
    print(
        f"  peak memory of this process after {len(SEEDS) * len(EDITIONS)} editions: {peak_mb()} MB"
    )


def cached_downloads() -> None:
    from publishing.models import Edition
    from publishing.pdf.services import render_edition_pdfs

    for year, number in SEEDS:
        render_edition_pdfs(Edition.objects.filter(year=year, number=number).latest("version"))
    env = {**os.environ, "DJANGO_LOG_LEVEL": "WARNING"}
    with serving.gunicorn(PORT, env, "--workers", "2", "--log-level", "warning"):
        print(f"cached download (gunicorn, 2 workers, median of {DOWNLOADS}):")
        for year, number in SEEDS:
            for language, suffix in (("zh-hans", ""), ("en", ""), ("en", "bilingual/")):
                path = f"/{language}/bulletins/{year}/{number}/pdf/{suffix}"
                for _warm_up in range(4):  # every worker has read the fonts' digest once
                    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
                    _elapsed, response, body = serving.timed_get(connection, path)
                    assert response.status == 200, (path, response.status)
                etag = response.getheader("ETag")
                full, revalidated = [], []
                for _run in range(DOWNLOADS):
                    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
                    elapsed, response, body = serving.timed_get(connection, path)
                    assert response.status == 200
                    full.append(elapsed)
                    elapsed, response, _body = serving.timed_get(
                        connection, path, {"If-None-Match": etag}
                    )
                    assert response.status == 304
                    revalidated.append(elapsed)
                print(
                    f"  {path:38} 200 ({len(body) // 1024} KB) {median_ms(full)}"
                    f" (p95 {sorted(full)[int(len(full) * 0.95)] * 1000:.0f} ms)"
                    f", 304 {median_ms(revalidated)}"
                )


def main() -> None:
    # The children and gunicorn reach the database by DATABASE_URL. Set before Django
    # starts: Django would otherwise register this process with the embedded server twice.
    os.environ["DATABASE_URL"] = serving.database_url()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from editorial.demo.loader import load_demo

    load_demo()
    # Wall times on a shared machine depend on what else runs: say how busy it was.
    print("load average at start: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    cold_renders()
    warm_renders()
    cached_downloads()
    print("load average at end: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child_render(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
    else:
        main()
