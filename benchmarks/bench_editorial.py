"""What the editorial machinery costs on the issue's admin pages, with the demo content.

Each figure is the median and fastest time of one request (or service call), and the
number of SQL queries it makes, on issue 2020-2 (two articles, eight viewpoints). Runs
against a throwaway database (bench_editorial) on the project's PostgreSQL, created and
dropped here; every repetition is rolled back, so each starts from the same state.
Usage: .venv/bin/python benchmarks/bench_editorial.py [repetitions]
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lmec.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.db import connection, connections, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_databases,
    setup_test_environment,
    teardown_databases,
)
from reversion.models import Version  # noqa: E402

from bulletins import services  # noqa: E402
from bulletins.demo.loader import load_demo  # noqa: E402
from bulletins.models import Bulletin  # noqa: E402


def form_data(response):
    """What the browser posts back from a change page, unchanged."""
    sys.path.insert(0, str(ROOT))
    from tests.admin_pages import form_data as data

    return data(response)


def measure(function, repetitions):
    """Median and fastest time in ms, and queries of one run; each run is rolled back."""
    times, queries = [], 0
    for _ in range(repetitions):
        with transaction.atomic():
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                function()
                times.append((time.perf_counter() - start) * 1000)
            queries = len(captured)
            transaction.set_rollback(True)
    return statistics.median(times), min(times), queries


def main(repetitions: int):
    setup_test_environment()
    connections["default"].settings_dict["TEST"]["NAME"] = "bench_editorial"
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        load_demo()
        publisher = User.objects.create(username="publisher", is_staff=True)
        publisher.groups.add(Group.objects.get(name="Publisher"))
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(publisher)
        bulletin = Bulletin.objects.get(year=2020, number=2)
        page = f"/admin/bulletins/bulletin/{bulletin.pk}"
        unchanged = form_data(client.get(f"{page}/change/"))
        # Two revisions to compare and restore.
        client.post(f"{page}/change/", unchanged | {"title_en": "A title"})
        older, newer = Version.objects.get_for_object(bulletin).order_by("pk")[:2]

        def publish_then_withdraw():
            services.bulletin_withdraw(bulletin=bulletin, user=publisher)

        steps = [
            ("admin index with dashboard", lambda: client.get("/admin/")),
            ("issue list with translations", lambda: client.get("/admin/bulletins/bulletin/")),
            ("issue page (GET)", lambda: client.get(f"{page}/change/")),
            (
                "issue page saved (POST)",
                lambda: client.post(f"{page}/change/", form_data(client.get(f"{page}/change/"))),
            ),
            ("history", lambda: client.get(f"{page}/history/")),
            (
                "compare two versions",
                lambda: client.get(f"{page}/history/compare/?from={older.pk}&to={newer.pk}"),
            ),
            ("restore a version (POST)", lambda: client.post(f"{page}/history/{older.pk}/")),
            ("withdraw (service)", publish_then_withdraw),
            ("public issue page", lambda: client.get("/en/bulletins/2020/2/")),
        ]
        print(f"{'step':<32}{'median ms':>10}{'min ms':>9}{'queries':>9}")
        for name, function in steps:
            median, fastest, queries = measure(function, repetitions)
            print(f"{name:<32}{median:>10.1f}{fastest:>9.1f}{queries:>9}")
        print("(issue page saved: includes the GET that loads the form)")
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
