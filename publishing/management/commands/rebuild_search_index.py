from django.core.management.base import BaseCommand

from publishing import search


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search index from the content. Saves and deletes keep it "
        "current; run this after importing data with signals off or after a bulk update."
    )

    def handle(self, *args, **options):
        count = search.rebuild()
        self.stdout.write(f"Search index rebuilt: {count} entries.")
