from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lmec import backups


class Command(BaseCommand):
    help = (
        "Replace the database and the media files with those of a backup folder "
        "(made by `manage.py backup`). Everything current is overwritten."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="The backup folder (lmec-backup-…).")
        parser.add_argument("--noinput", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, folder, noinput, **options):
        if not noinput:
            answer = input(f"Replace the database and all media files with {folder}? Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled; nothing changed.")
        try:
            manifest = backups.restore_backup(folder)
        except backups.BackupError as error:
            raise CommandError(f"{error} Nothing was changed.") from error
        self.stdout.write(f"Restored the {backups.describe(manifest)}.")
        counts = backups.record_counts()
        if counts != manifest["counts"]:
            raise CommandError(f"Counts after the restore differ from the backup: {counts}")
        self.stdout.write("Record counts match the backup.")
