"""How long importing each seed briefing takes: reading and matching, and the whole import.

Runs against a throwaway database (bench_lmec) on the project's PostgreSQL, created and
dropped here; each import is rolled back, so every repetition starts from the same state.
Usage: .venv/bin/python benchmarks/bench_import.py [repetitions]
"""

import sys

from in_process import ROOT, measure, setup_django, throwaway_database

setup_django()

from django.db import transaction  # noqa: E402

from bulletins.importing import bulletin_import, parse_source, plan_import, read_source  # noqa: E402
from bulletins.models import Bulletin  # noqa: E402
from editorial.demo.loader import load_demo  # noqa: E402

SEEDS = sorted((ROOT / "editorial" / "demo" / "seeds").glob("*.txt"))


def plan(seed):
    return plan_import(parse_source(read_source(seed.name, seed.read_bytes())))


def main(repetitions: int):
    with throwaway_database("bench_lmec"):
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
                        median, fastest, _queries = measure(function, repetitions)
                        print(
                            f"{seed.name:<12}{registry:<22}{step:<26}{median:>10.1f}{fastest:>9.1f}"
                        )
                transaction.set_rollback(True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
