from django.core.management.base import BaseCommand

from bulletins.models import Bulletin
from publishing.pdf.services import prune_files, render_pdfs, run_queue


class Command(BaseCommand):
    help = (
        "Render the PDFs of issues. Without options: work through the issues waiting for a "
        "render (what the site starts in the background after a save), then exit. "
        "--wait: keep waiting for new ones (a service). --stale: check every published issue "
        "and render the editions whose PDF is missing or out of date (after a deploy that "
        "changed the PDF layout or fonts, or after partners were renamed)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--wait", action="store_true", help="Keep polling the queue.")
        parser.add_argument(
            "--stale", action="store_true", help="Check every published issue, not the queue."
        )
        parser.add_argument("--year", type=int, help="With --stale: only this year's issues.")
        parser.add_argument(
            "--force", action="store_true", help="With --stale: render even current PDFs."
        )
        parser.add_argument(
            "--prune",
            action="store_true",
            help="Delete files in the PDF storage that no stored PDF refers to, and exit.",
        )

    def handle(self, *args, wait, stale, year, force, prune, verbosity, **options):
        if prune:
            for path in prune_files():
                if verbosity:
                    self.stdout.write(f"deleted {path}")
            return
        if not stale:
            handled = run_queue(wait=wait)
            if verbosity > 1:
                self.stdout.write(f"Rendered the PDFs of {handled} queued issues.")
            return
        issues = Bulletin.objects.filter(status=Bulletin.Status.PUBLISHED).order_by(
            "year", "number"
        )
        if year:
            issues = issues.filter(year=year)
        for bulletin in issues:
            for pdf in render_pdfs(bulletin, force=force):
                if verbosity:
                    self.stdout.write(
                        f"{bulletin.year}-{bulletin.number:02d} {pdf.edition}: {pdf.path}"
                    )
