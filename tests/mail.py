"""A real SMTP server for the tests that send mail: aiosmtpd on a free port of the loopback.

def test_…(mailbox):
    … the site sends a mail …
    assert mailbox.messages[0]["To"] == "editor@example.org"
"""

import socket

import pytest

from lmec.mail import start_mail_server


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mailbox(settings):
    """The site's mail goes to this server over SMTP; its ``messages`` are what arrived."""
    port = free_port()
    controller, handler = start_mail_server("127.0.0.1", port)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    try:
        yield handler
    finally:
        controller.stop()
