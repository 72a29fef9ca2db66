"""Mailing one issue to 10 000 subscribers: enqueueing it, and delivering it to a local
SMTP server with a background worker, and that worker's peak memory.

- enqueue: publishing the issue (which plans its mailing), its going live (which queues
  the mailing's job) and the mailing's first step, one delivery row per subscriber, here
  in this process.
- deliver: `manage.py run_worker --batch` in a child process sends every mail, batch by
  batch (LMEC_MAIL_BATCH_SIZE), unthrottled (LMEC_MAIL_RATE=0), to an SMTP server on the
  loopback (aiosmtpd, counting what it accepts); its peak memory is its max RSS. With the
  default rate of 10 mails a second the same mailing takes 10 000 / 10 s, whatever the
  machine.

The subscribers want the seven languages and Chinese-English in turn; the issue is
seed 2020-2 again as 2020-6 (two articles, eight viewpoints, in Chinese and English).
Runs against a throwaway database (bench_mail) on the project's PostgreSQL.
Usage: .venv/bin/python benchmarks/bench_mail.py [subscribers]
"""

import copy
import logging
import os
import resource
import subprocess
import sys
import time
import urllib.parse

from in_process import ROOT, setup_django, throwaway_database

setup_django()

from aiosmtpd.controller import Controller  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from editorial.demo import issues as demo_issues  # noqa: E402
from editorial.demo.loader import load_demo  # noqa: E402
from publishing import pipeline  # noqa: E402
from publishing.mail.sending import mailing_address  # noqa: E402
from publishing.models import Delivery, Job, Mailing, Subscriber  # noqa: E402
from publishing.models.mail import MAIL_LANGUAGES  # noqa: E402
from tests.factories import run_background_work  # noqa: E402
from tests.mail import free_port  # noqa: E402

DEFAULT_SUBSCRIBERS = 10_000
BATCH_SIZE = 500


class Counter:
    """aiosmtpd handler that only counts: the server must not be what is measured."""

    def __init__(self):
        self.mails = self.bytes = 0

    async def handle_DATA(self, server, session, envelope):
        self.mails += len(envelope.rcpt_tos)
        self.bytes += len(envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"


def subscribe(count: int) -> None:
    codes = [code for code, _name in MAIL_LANGUAGES]
    now = timezone.now()
    Subscriber.objects.bulk_create(
        (
            Subscriber(
                email=f"reader{n}@example.org",
                language=codes[n % 7],
                languages=[codes[n % len(codes)]],
                status=Subscriber.Status.CONFIRMED,
                confirmed_at=now,
            )
            for n in range(count)
        ),
        batch_size=2000,
    )


def publish_new_issue() -> None:
    """Seed 2020-2 once more, as issue 2020-6, through the demo loader (edition_publish)."""
    seed = next(data for data in demo_issues.ISSUES if data["number"] == 2)
    issue = copy.deepcopy(seed) | {"number": 6, "published_at": timezone.now()}
    demo_issues.ISSUES.append(issue)
    load_demo()


def go_live_without_sending() -> Mailing:
    """Run the publication's own jobs (search index, going live) here, PDFs left out; the
    mailing's job stays queued for the worker."""
    Job.objects.filter(task=pipeline.RENDER_PDFS).update(state=Job.State.DONE)
    for result in DBTaskResult.objects.ready():
        job = Job.objects.get(pk=result.args_kwargs["args"][0])
        if job.task in (pipeline.INDEX_EDITION, pipeline.GO_LIVE):
            pipeline.run(job.pk)
            result.delete()
    return Mailing.objects.get(edition__number=6)


def worker_environment(smtp_port: int) -> dict:
    settings = connection.settings_dict
    query = urllib.parse.urlencode({"host": settings["HOST"], "port": settings["PORT"]})
    return {
        "PATH": os.environ["PATH"],
        "DATABASE_URL": f"postgres://{settings['USER']}@/{settings['NAME']}?{query}",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "LMEC_MAIL_RATE": "0",
        "LMEC_MAIL_BATCH_SIZE": str(BATCH_SIZE),
        "DJANGO_LOG_LEVEL": "WARNING",
    }


def main(count: int) -> None:
    # aiosmtpd logs every SMTP command at INFO: the server would be slower than the worker.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    logging.getLogger("django_tasks").setLevel(logging.WARNING)  # a line per job
    with throwaway_database("bench_mail"):
        load_demo()
        run_background_work(pdfs=False)
        subscribe(count)
        port = free_port()
        counter = Counter()
        server = Controller(counter, hostname="127.0.0.1", port=port)
        server.start()
        try:
            start = time.perf_counter()
            publish_new_issue()
            published = time.perf_counter()
            mailing = go_live_without_sending()
            live = time.perf_counter()
            mailing_address(mailing)
            enqueued = time.perf_counter()

            # The task queue logs each job at INFO: kept out of the figures unless it fails.
            worker = subprocess.run(
                [sys.executable, "manage.py", "run_worker", "--batch", "--verbosity", "0"],
                cwd=ROOT,
                env=worker_environment(port),
                stderr=subprocess.PIPE,
                text=True,
            )
            delivered = time.perf_counter()
            if worker.returncode != 0:
                sys.exit(f"the worker failed:\n{worker.stderr}")
        finally:
            server.stop()
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        sent = Delivery.objects.filter(mailing=mailing, state=Delivery.State.SENT).count()
        assert sent == counter.mails == count, (sent, counter.mails)

    deliver = delivered - enqueued
    print(f"mailing one issue to {count:,} subscribers ({len(MAIL_LANGUAGES)} mail languages)")
    print(
        f"  enqueue: {enqueued - start:6.2f} s  (publish {published - start:.2f} s, "
        f"go live {live - published:.2f} s, {count:,} deliveries {enqueued - live:.2f} s)"
    )
    print(
        f"  deliver: {deliver:6.2f} s  ({count / deliver:,.0f} mails/s unthrottled, "
        f"{counter.bytes / count / 1024:.1f} KB a mail, batches of {BATCH_SIZE}; "
        f"at the default 10 mails/s: {count / 10 / 60:.0f} min)"
    )
    print(f"  worker peak memory (max RSS): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SUBSCRIBERS)
