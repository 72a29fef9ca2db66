from django.core.management import call_command
from django.core.management.base import BaseCommand

from publishing.pipeline import recover_abandoned


class Command(BaseCommand):
    help = (
        "Run a background worker: the work that follows a publication (PDFs, search index, "
        "going live at a scheduled time). Run one or more on any number of servers; each "
        "takes one job at a time. --batch: do what is waiting, then exit."
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
        call_command(
            "db_worker",
            queue_name="*",
            interval=interval,
            batch=batch,
            reload=False,
            verbosity=verbosity,
        )
