"""A local SMTP server that keeps every mail it receives as an .eml file.

For development (`manage.py mail_server`, started by `make run`) and the tests
(tests/mail.py): the site sends real mail over SMTP to it, and nothing leaves the machine.
"""

import itertools
import time
from email import message_from_bytes, policy
from pathlib import Path

from aiosmtpd.controller import Controller


class MailFolder:
    """aiosmtpd handler: each message to ``folder``, named by its arrival time.

    Tests make it answer as real servers do for some addresses: ``refused`` ones for good
    (550, no such user), ``full`` ones for now (452, mailbox full).
    """

    def __init__(self, folder: Path | None = None):
        self.folder = Path(folder) if folder else None
        self.messages = []  # as email.message.EmailMessage, for the tests
        self.refused, self.full = set(), set()
        self._numbers = itertools.count(1)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refused:
            return "550 5.1.1 No such user here"
        if address.lower() in self.full:
            return "452 4.2.2 Mailbox full"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        data = envelope.original_content or envelope.content
        message = message_from_bytes(data, policy=policy.default)
        self.messages.append(message)
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            stamp = time.strftime("%Y%m%d-%H%M%S")
            (self.folder / f"{stamp}-{next(self._numbers):04d}.eml").write_bytes(data)
        return "250 Message accepted for delivery"


def start_mail_server(host: str, port: int, folder: Path | None = None):
    """Start the server in a thread; returns (controller, handler). Stop with controller.stop()."""
    handler = MailFolder(folder)
    controller = Controller(handler, hostname=host, port=port)
    controller.start()
    return controller, handler
