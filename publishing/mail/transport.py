"""How the mail that background work sends goes out: the issues to their subscribers
(sending.py) and the publishers' review notices (publishing/notifications.py).

``send_each`` sends mails one by one over one connection (a backend's ``send_messages``
given one mail at a time would open and close one a mail) and says, for each, whether it
went out or how the server refused its address or its content: a refusal of one mail
does not keep the others from going out. The mail server (or the e-mail service) out of reach, or refusing the
sender, stops the sending with ``MailServerUnavailable``: the pipeline shows it to staff
as the mail server's failure and tries the job again later.
"""

import smtplib
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from anymail.exceptions import AnymailError, AnymailRecipientsRefused
from django.core.mail import EmailMessage, get_connection


class MailServerUnavailable(Exception):
    """The mail server could not be reached or refused the sender: try again later."""


@dataclass(frozen=True)
class Refusal:
    """Why the server did not take one mail."""

    code: int  # the SMTP reply: 4xx for now (a full mailbox, greylisting), 5xx for good
    reason: str
    # The server refused the address itself (at RCPT, or the e-mail service's API), not
    # this mail's content.
    of_address: bool

    @property
    def temporary(self) -> bool:
        return 400 <= self.code < 500

    def __str__(self) -> str:
        return f"{self.code} {self.reason}"


def send_each(
    messages: Iterable[EmailMessage], *, per_second: float = 0
) -> Iterator[tuple[EmailMessage, Refusal | None]]:
    """Send ``messages`` in turn, at most ``per_second`` a second (0: no limit), yielding
    each with its refusal, or None when the server took it. Raises
    ``MailServerUnavailable`` on the first failure that is the server's: the messages
    not yielded yet were not sent."""
    interval = 1 / per_second if per_second else 0
    connection = get_connection(fail_silently=False)
    try:
        for message in messages:
            started = time.monotonic()
            try:
                connection.open()  # once: it does nothing while the connection is open
                connection.send_messages([message])
            except (smtplib.SMTPRecipientsRefused, AnymailRecipientsRefused) as refused:
                yield message, _address_refused(refused)
            except smtplib.SMTPDataError as error:
                yield message, Refusal(error.smtp_code, _text(error.smtp_error), of_address=False)
            except (smtplib.SMTPException, OSError, AnymailError) as error:
                raise MailServerUnavailable(str(error)) from error
            else:
                yield message, None
            time.sleep(max(0.0, interval - (time.monotonic() - started)))
    finally:
        connection.close()


def _address_refused(error) -> Refusal:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, reason = next(iter(error.recipients.values()), (550, b""))
        return Refusal(code, _text(reason), of_address=True)
    return Refusal(550, str(error), of_address=True)


def _text(value) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else str(value)
