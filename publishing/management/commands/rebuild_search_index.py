import time

from django.core.management.base import BaseCommand

from publishing import search


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search index from what is published. The workers keep it "
        "current after each publication; run this after a change in how text is indexed, or "
        "after restoring a database without its index. Searches use the old index until "
        "the new one is complete."
    )

    def handle(self, *args, verbosity=1, **options):
        started = time.monotonic()

        def progress(done, total, entries):
            if verbosity:
                self.stdout.write(
                    f"{done} of {total} editions and records indexed, {entries} entries "
                    f"({time.monotonic() - started:.0f} s)"
                )

        count = search.rebuild(progress)
        self.stdout.write(f"Search index rebuilt: {count} entries.")
