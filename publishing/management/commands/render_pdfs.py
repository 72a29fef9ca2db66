from django.core.management.base import BaseCommand

from publishing.models import Edition
from publishing.pdf.services import prune_files, render_edition_pdf, render_edition_pdfs


class Command(BaseCommand):
    help = (
        "Render, in this process, the PDFs of the versions readers see or will see that are "
        "not stored yet (the workers do it after each publication: this is for an operator, "
        "e.g. after restoring a database without its PDFs). --force: render them again (after "
        "a deploy that changed the PDF layout or fonts). --prune: delete files of the PDF "
        "storage that no stored PDF refers to."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="Only this year's issues.")
        parser.add_argument("--force", action="store_true", help="Render even stored PDFs.")
        parser.add_argument(
            "--prune",
            action="store_true",
            help="Delete files in the PDF storage that no stored PDF refers to, and exit.",
        )

    def handle(self, *args, year, force, prune, verbosity, **options):
        if prune:
            for path in prune_files():
                if verbosity:
                    self.stdout.write(f"deleted {path}")
            return
        editions = Edition.objects.filter(superseded_at__isnull=True).order_by("year", "number")
        if year:
            editions = editions.filter(year=year)
        for edition in editions:
            if force:
                pdfs = [render_edition_pdf(edition, pdf.language) for pdf in edition.pdfs.all()]
                pdfs += render_edition_pdfs(edition)
            else:
                pdfs = render_edition_pdfs(edition)
            for pdf in pdfs:
                if verbosity:
                    self.stdout.write(
                        f"{edition.year}-{edition.number:02d} {pdf.language}: {pdf.path}"
                    )
