from django.core.management.base import BaseCommand

from publishing import search


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search index from what is published. The workers keep it "
        "current after each publication; run this after a change in how text is indexed, or "
        "after restoring a database without its index."
    )

    def handle(self, *args, **options):
        count = search.rebuild()
        self.stdout.write(f"Search index rebuilt: {count} entries.")
