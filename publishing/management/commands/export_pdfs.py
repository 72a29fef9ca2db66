import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from bulletins.models import Bulletin
from publishing.pdf import document
from publishing.pdf.services import export_archival_pdf, export_languages, export_pdf

ISSUE = re.compile(r"^(\d{4})(?:-(\d{1,3}))?$")


def bound(value: str, *, end: bool) -> Q:
    """Issues from (or up to) "2020" or "2020-5"."""
    match = ISSUE.match(value)
    if not match:
        raise CommandError(f"“{value}” is neither a year (2020) nor an issue (2020-5).")
    year, number = int(match[1]), match[2]
    if number is None:
        return Q(year__lte=year) if end else Q(year__gte=year)
    number = int(number)
    if end:
        return Q(year__lt=year) | Q(year=year, number__lte=number)
    return Q(year__gt=year) | Q(year=year, number__gte=number)


class Command(BaseCommand):
    help = (
        "Write the PDFs of a year or a range of issues to a folder, under their download "
        "names (LMEC-Bulletin-2020-02-zh-hans.pdf), in the editions the admin offers: a "
        "published issue's stored PDFs in the languages it is published in (rendered and "
        "stored first if missing); with --drafts, the others as they are now, in the "
        "languages they are written in, marked as drafts. "
        "Examples: export_pdfs 2020 -o out/ · export_pdfs 2020-2 2021-4 -o out/ --drafts"
    )

    def add_arguments(self, parser):
        parser.add_argument("start", help="A year (2020) or an issue (2020-2).")
        parser.add_argument("end", nargs="?", help="Last year or issue of the range (included).")
        parser.add_argument("-o", "--output", required=True, type=Path, help="Target folder.")
        parser.add_argument(
            "--edition",
            action="append",
            dest="editions",
            help="Only this edition (a language code or “bilingual”); repeatable. "
            "Default: every edition each issue has.",
        )
        parser.add_argument(
            "--archival",
            action="store_true",
            help="Write the archival PDF/A-3u copies (…-PDFA.pdf) instead, for the records.",
        )
        parser.add_argument(
            "--drafts",
            action="store_true",
            help="Include issues that are not published, marked as drafts on every page.",
        )

    def handle(self, *args, start, end, output, editions, drafts, archival, verbosity, **options):
        for edition in editions or []:
            if not document.is_edition(edition):
                raise CommandError(f"Unknown edition “{edition}”.")
        condition = bound(start, end=False) & bound(end or start, end=True)
        issues = Bulletin.objects.filter(condition).order_by("year", "number")
        if not drafts:
            issues = issues.filter(status=Bulletin.Status.PUBLISHED)
        output.mkdir(parents=True, exist_ok=True)
        written = 0
        for bulletin in issues:
            offered = export_languages(bulletin)
            for edition in editions or []:
                if edition not in offered and verbosity:
                    self.stdout.write(
                        f"{bulletin.year}-{bulletin.number}: no “{edition}” edition (it has "
                        f"{', '.join(offered)}), skipped."
                    )
            for edition in [code for code in offered if code in (editions or offered)]:
                export = export_archival_pdf if archival else export_pdf
                pdf = export(bulletin, edition, wait=None)
                (output / pdf.file_name).write_bytes(pdf.content)
                written += 1
                if verbosity:
                    self.stdout.write(str(output / pdf.file_name))
        if verbosity:
            self.stdout.write(self.style.SUCCESS(f"{written} PDFs written to {output}."))
