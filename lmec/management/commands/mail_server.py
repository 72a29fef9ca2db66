import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand

from lmec.mail import start_mail_server


class Command(BaseCommand):
    help = (
        "Development only: an SMTP server on EMAIL_HOST:EMAIL_PORT (127.0.0.1:8025) that keeps "
        "every mail the site sends as an .eml file in var/mail/. `make run` starts it."
    )

    def handle(self, *args, **options):
        controller, _handler = start_mail_server(
            settings.EMAIL_HOST, settings.EMAIL_PORT, settings.LMEC_MAIL_DIR
        )
        self.stdout.write(
            f"Mail to {settings.EMAIL_HOST}:{settings.EMAIL_PORT} is kept in "
            f"{settings.LMEC_MAIL_DIR}/ (Ctrl+C stops)."
        )
        stopped = threading.Event()
        signal.signal(signal.SIGTERM, lambda *args: stopped.set())
        try:
            stopped.wait()
        except KeyboardInterrupt:
            pass
        finally:
            controller.stop()
