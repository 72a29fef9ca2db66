"""What the mail system says about an address after a mail left: an e-mail service's
tracking webhooks (django-anymail, ``/anymail/<service>/tracking/``) and delivery status
notifications (RFC 3464 DSNs) that reach the bounce address (``manage.py receive_bounce``).

A hard bounce (the address does not exist, its server refuses it for good) or a complaint
(the reader marked the mail as spam) stops mail to the address. A soft bounce (a full
mailbox, a server down) changes nothing: the service or the sending server retries it.
A permanent refusal while sending is handled where it happens (publishing/mail/sending.py).
"""

import re
from email import message_from_bytes, policy

from anymail.signals import EventType, RejectReason

from publishing.mail.sending import delivery_of
from publishing.mail.subscriptions import subscriber_stop, subscriber_unsubscribe
from publishing.models.mail import Delivery, Subscriber

Status = Subscriber.Status
# "452 4.2.2 Mailbox full", "4.4.1": a temporary failure, whatever the service calls it.
TEMPORARY = re.compile(r"(^|[\s;:])4\d\d\b|(^|[\s;:])4\.\d{1,3}\.\d{1,3}")
HARD_REASONS = {None, "", RejectReason.BOUNCED, RejectReason.INVALID}


def bounce_record(*, email: str, status: str, reason: str = "", message_id: str = "") -> None:
    """Mail to ``email`` stops (``status``: bounced or complained); the delivery the report
    is about (by its Message-ID, else the address's latest mail sent) is marked bounced."""
    subscriber_stop(email=email, status=status, reason=reason)
    delivery = delivery_of(message_id) if message_id else None
    if delivery is None or delivery.subscriber.email.lower() != email.lower():
        delivery = (
            Delivery.objects.filter(subscriber__email__iexact=email, state=Delivery.State.SENT)
            .order_by("-pk")
            .first()
        )
    if delivery is not None:
        Delivery.objects.filter(pk=delivery.pk).update(
            state=Delivery.State.BOUNCED, error=reason[:1000]
        )


def tracking_event_received(sender, event, esp_name, **kwargs) -> None:
    """django-anymail's ``tracking`` signal: an event the e-mail service reported."""
    if not event.recipient:
        return
    reason = " ".join(filter(None, [esp_name, event.reject_reason, event.mta_response]))
    if event.event_type == EventType.COMPLAINED:
        status = Status.COMPLAINED
    elif (
        event.event_type in (EventType.BOUNCED, EventType.REJECTED)
        and event.reject_reason in HARD_REASONS
        and not TEMPORARY.search(event.mta_response or "")
    ):
        status = Status.BOUNCED
    elif event.event_type == EventType.UNSUBSCRIBED:
        for subscriber in Subscriber.objects.filter(email__iexact=event.recipient):
            subscriber_unsubscribe(subscriber=subscriber)
        return
    else:
        return
    bounce_record(
        email=event.recipient, status=status, reason=reason, message_id=event.message_id or ""
    )


def permanent_failures(raw: bytes) -> list[dict]:
    """The recipients a delivery status notification (RFC 3464) reports as failed for
    good (Action: failed, Status: 5.x.x), with the returned mail's Message-ID."""
    message = message_from_bytes(raw, policy=policy.default)
    if message.get_content_type() != "multipart/report":
        return []
    message_id, failures = "", []
    for part in message.walk():
        kind = part.get_content_type()
        if kind in ("message/rfc822", "text/rfc822-headers"):
            returned = part.get_payload(0) if part.is_multipart() else None
            if returned is None:
                returned = message_from_bytes(part.get_content().encode(), policy=policy.default)
            message_id = str(returned.get("Message-ID", "")).strip()
        elif kind == "message/delivery-status":
            for fields in part.get_payload()[1:]:
                action = str(fields.get("Action", "")).strip().lower()
                code = str(fields.get("Status", "")).strip()
                recipient = str(fields.get("Final-Recipient") or fields.get("Original-Recipient"))
                if action == "failed" and code.startswith("5") and ";" in recipient:
                    failures.append(
                        {
                            "email": recipient.split(";", 1)[1].strip(),
                            "reason": f"{code} {fields.get('Diagnostic-Code', '')}".strip(),
                        }
                    )
    return [failure | {"message_id": message_id} for failure in failures]


def dsn_received(raw: bytes) -> int:
    """Record the permanent failures a DSN reports; returns how many addresses stop."""
    failures = permanent_failures(raw)
    for failure in failures:
        bounce_record(status=Status.BOUNCED, **failure)
    return len(failures)
