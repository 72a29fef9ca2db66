from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lmec import backups


class Command(BaseCommand):
    help = "Write a consistent backup of the database and the media files to a new folder."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=backups.default_backup_folder(),
            help="Folder in which the backup folder is created (default: var/backups).",
        )

    def handle(self, *args, output, **options):
        try:
            folder = backups.create_backup(output)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written to {folder}")
