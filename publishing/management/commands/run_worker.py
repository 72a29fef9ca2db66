import logging
import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DatabaseError, InterfaceError, OperationalError, connection

from publishing.pipeline import ABANDONED_AFTER, recover_abandoned

logger = logging.getLogger(__name__)
RECONNECT_SECONDS = 5


class Command(BaseCommand):
    help = (
        "Run a background worker: the work that follows a publication (PDFs, search index, "
        "going live at a scheduled time, e-mail). Run one or more on any number of servers; "
        "each takes one job at a time. --batch: do what is waiting, then exit."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Exit when nothing is waiting.")
        parser.add_argument(
            "--interval",
            type=float,
            default=2.0,
            help="Seconds between looks at the queue when it is empty (default 2).",
        )

    def handle(self, *args, batch, interval, verbosity, **options):
        recovered = recover_abandoned()
        if recovered and verbosity:
            self.stdout.write(f"Put {recovered} abandoned jobs back on the queue.")
        if not batch:
            # A worker killed mid-job (out of memory, a server restart) leaves its job
            # "running"; whichever worker is alive puts it back on the queue later.
            threading.Thread(target=self.recover_now_and_then, daemon=True).start()
        while True:
            try:
                call_command(
                    "db_worker",
                    queue_name="*",
                    interval=interval,
                    batch=batch,
                    reload=False,
                    verbosity=verbosity,
                )
                return
            except (OperationalError, InterfaceError):
                if batch:
                    raise
                # The database is away (a restart, a failover): wait for it rather than
                # exit; a job cut off is put back on the queue later.
                logger.warning("The database is unavailable; trying again", exc_info=True)
                connection.close()
                time.sleep(RECONNECT_SECONDS)

    def recover_now_and_then(self):
        pause = ABANDONED_AFTER.total_seconds() / 2
        while not threading.Event().wait(pause):
            try:
                recover_abandoned()
            except DatabaseError:
                logger.warning("Could not look for abandoned jobs", exc_info=True)
            finally:
                connection.close()  # this thread's own connection: no idle one left open
