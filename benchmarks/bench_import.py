"""How long importing each seed briefing takes: reading and matching, and the whole import.

Runs against a throwaway database (bench_lmec) on the project's PostgreSQL, created and
dropped here; each import is rolled back, so every repetition starts from the same state.
Usage: .venv/bin/python benchmarks/bench_import.py [repetitions]
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

from django.db import connections, transaction  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

from bulletins.demo.loader import load_demo  # noqa: E402
from bulletins.importing import bulletin_import, parse_source, plan_import, read_source  # noqa: E402
from bulletins.models import Bulletin  # noqa: E402

SEEDS = sorted((ROOT / "bulletins" / "demo" / "seeds").glob("*.txt"))


def timed(function, repetitions):
    """Median and fastest time of ``function`` in milliseconds; each run is rolled back."""
    times = []
    for _ in range(repetitions):
        with transaction.atomic():
            start = time.perf_counter()
            function()
            times.append((time.perf_counter() - start) * 1000)
            transaction.set_rollback(True)
    return statistics.median(times), min(times)


def plan(seed):
    return plan_import(parse_source(read_source(seed.name, seed.read_bytes())))


def main(repetitions: int):
    connections["default"].settings_dict["TEST"]["NAME"] = "bench_lmec"
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        print(f"{'seed':<12}{'database':<22}{'step':<26}{'median ms':>10}{'min ms':>9}")
        for registry in ("empty", "demo partners"):
            with transaction.atomic():
                if registry != "empty":
                    load_demo()
                    Bulletin.objects.all().delete()
                for seed in SEEDS:
                    for step, function in [
                        ("read, parse and match", lambda seed=seed: plan(seed)),
                        (
                            "whole import (saved)",
                            lambda seed=seed: bulletin_import(plan=plan(seed)),
                        ),
                    ]:
                        median, fastest = timed(function, repetitions)
                        print(
                            f"{seed.name:<12}{registry:<22}{step:<26}{median:>10.1f}{fastest:>9.1f}"
                        )
                transaction.set_rollback(True)
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
