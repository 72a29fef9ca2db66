import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from publishing.mail.bounces import dsn_received


class Command(BaseCommand):
    help = (
        "Read delivery status notifications (bounces, RFC 3464) from files or standard input "
        "and stop mail to the addresses they report as failed for good. The mail server pipes "
        "what reaches LMEC_MAIL_BOUNCE_ADDRESS to it (docs/deployment.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="Messages (.eml); none: standard input.")

    def handle(self, *args, files, verbosity, **options):
        messages = [Path(name).read_bytes() for name in files] or [sys.stdin.buffer.read()]
        stopped = sum(dsn_received(raw) for raw in messages)
        if verbosity:
            self.stdout.write(f"{stopped} addresses bounced.")
