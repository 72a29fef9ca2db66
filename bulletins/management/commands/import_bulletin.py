from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from bulletins.importing import (
    ImportFailed,
    bulletin_import,
    parse_source,
    plan_import,
    read_source,
)
from bulletins.importing.report import describe_plan
from bulletins.importing.saving import already_exists_message
from lmec.statistics import analyze


class Command(BaseCommand):
    help = (
        "Import briefings from plain text, Markdown or Word (.docx) files as draft issues. "
        "Each file is imported whole or not at all; a file that cannot be understood is "
        "reported with the line and the reason."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what would be imported, matched and created; save nothing.",
        )
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
            help="The language the files are written in (default: %(default)s).",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Update an issue that exists already (same year and number) in place.",
        )

    def handle(self, *args, files, dry_run, language, replace, **options):
        failed = 0
        for name in files:
            try:
                self.import_file(Path(name), dry_run=dry_run, language=language, replace=replace)
            except ImportFailed as error:
                failed += 1
                self.stderr.write(f"{name}: {error.message}")
        if not dry_run and failed < len(files):
            analyze()  # years of briefings at once: the planner needs fresh statistics
        if failed:
            raise CommandError(
                _("%(failed)s of %(total)s files were not imported.")
                % {"failed": failed, "total": len(files)}
            )

    def import_file(self, path: Path, *, dry_run: bool, language: str, replace: bool):
        try:
            data = path.read_bytes()
        except OSError as error:
            raise ImportFailed(error.strerror or str(error)) from None
        with transaction.atomic():
            plan = plan_import(parse_source(read_source(path.name, data)), language=language)
            for line in describe_plan(plan, replace=replace):
                self.stdout.write(line)
            if plan.existing and not replace:
                raise ImportFailed(already_exists_message(plan))
            if dry_run:
                self.stdout.write(_("Dry run: nothing was saved."))
                return
            bulletin = bulletin_import(plan=plan, replace=replace)
        message = _("%(file)s: saved as issue %(issue)s (%(status)s): %(url)s") % {
            "file": path.name,
            "issue": plan.label,
            "status": bulletin.get_status_display(),
            "url": reverse("admin:bulletins_bulletin_change", args=[bulletin.pk]),
        }
        self.stdout.write(self.style.SUCCESS(message))
