"""What the benchmarks that run Django in their own process share (bench_import.py,
bench_editorial.py): Django set up against a throwaway database, and timed runs that are
rolled back so each starts from the same state."""

import contextlib
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lmec.settings")
    import django

    django.setup()


@contextlib.contextmanager
def throwaway_database(name: str):
    """A database ``name`` on the project's PostgreSQL, migrated, dropped at the end."""
    from django.db import connections
    from django.test.utils import setup_databases, teardown_databases

    connections["default"].settings_dict["TEST"]["NAME"] = name
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        yield
    finally:
        teardown_databases(old_config, verbosity=0)


def measure(function, repetitions: int):
    """Median and fastest time in ms, and the queries of one run; each run is rolled back."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

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
