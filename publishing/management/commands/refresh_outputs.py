from django.core.management.base import BaseCommand

from publishing import pipeline


class Command(BaseCommand):
    help = (
        "Queue the background work missing for what is published: the PDFs and search "
        "entries of the versions readers see or will see, the search entries of published "
        "partners and events. Idempotent; `make run` runs it, and so should an upgrade or a "
        "restore. The workers (`manage.py run_worker`) do the work."
    )

    def handle(self, *args, verbosity, **options):
        queued = pipeline.catch_up()
        if verbosity:
            self.stdout.write(f"Queued {queued} jobs.")
