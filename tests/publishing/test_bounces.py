"""Hard bounces and complaints stop mail to an address: reported by an e-mail service's
tracking webhook (django-anymail), or by a delivery status notification (DSN) that reached
the bounce address."""

import json

import pytest
from django.core.management import call_command

from publishing.models import Delivery, Subscriber
from tests.factories import ArticleFactory, SubscriberFactory, publish

WEBHOOK = "/anymail/postmark/tracking/"


@pytest.fixture
def webhook_secret(settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "lmec:a-long-webhook-secret"}
    return {"HTTP_AUTHORIZATION": "Basic bG1lYzphLWxvbmctd2ViaG9vay1zZWNyZXQ="}


def postmark(client, auth, **event):
    return client.post(WEBHOOK, json.dumps(event), content_type="application/json", **auth)


def bounce(kind, email, details):
    return {
        "RecordType": "Bounce",
        "Type": kind,
        "ID": 42,
        "Email": email,
        "BouncedAt": "2026-03-01T09:00:00Z",
        "Details": details,
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
    }


@pytest.mark.django_db
def test_a_hard_bounce_reported_by_the_service_stops_mail_to_the_address(
    client, mailbox, webhook_secret
):
    reader = SubscriberFactory(email="gone@example.org")
    publish(ArticleFactory().bulletin)

    response = postmark(
        client,
        webhook_secret,
        **bounce("HardBounce", "Gone@example.org", "smtp;550 5.1.1 The account does not exist"),
    )

    assert response.status_code == 200
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.BOUNCED
    assert "550 5.1.1" in reader.bounce_reason
    assert reader.deliveries.get().state == Delivery.State.BOUNCED
    publish(ArticleFactory().bulletin)
    assert [message["To"] for message in mailbox.messages] == ["gone@example.org"]


@pytest.mark.django_db
def test_a_soft_bounce_changes_nothing(client, webhook_secret):
    reader = SubscriberFactory(email="full@example.org")

    postmark(
        client, webhook_secret, **bounce("SoftBounce", "full@example.org", "smtp;452 Mailbox full")
    )

    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED


@pytest.mark.django_db
def test_a_complaint_stops_mail_to_the_address(client, webhook_secret):
    reader = SubscriberFactory(email="annoyed@example.org")

    postmark(
        client,
        webhook_secret,
        RecordType="SpamComplaint",
        Type="SpamComplaint",
        Email="annoyed@example.org",
        BouncedAt="2026-03-01T09:00:00Z",
    )

    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.COMPLAINED


@pytest.mark.django_db
def test_the_webhook_refuses_a_caller_without_the_secret(client, webhook_secret):
    reader = SubscriberFactory(email="reader@example.org")

    response = postmark(
        client,
        {"HTTP_AUTHORIZATION": "Basic bm90OnRoZS1zZWNyZXQ="},
        **bounce("HardBounce", "reader@example.org", "smtp;550 5.1.1 No such user"),
    )

    assert response.status_code == 400
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED


DSN = """\
From: MAILER-DAEMON@mx.example.org (Mail Delivery System)
To: bounces@bulletin.example.org
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain; charset=us-ascii

I'm sorry to have to inform you that your message could not be delivered.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org
Arrival-Date: Sun,  1 Mar 2026 09:00:00 +0800

Final-Recipient: rfc822; {email}
Original-Recipient: rfc822;{email}
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <{email}>: Recipient address rejected

Final-Recipient: rfc822; delayed@example.org
Action: delayed
Status: 4.4.1

--B
Content-Type: text/rfc822-headers

From: LMEC Bulletins <noreply@bulletin.example.org>
To: {email}
Message-ID: {message_id}

--B--
"""


@pytest.mark.django_db
def test_a_dsn_of_a_permanent_failure_stops_mail_to_the_address(mailbox, tmp_path):
    reader = SubscriberFactory(email="gone@example.org")
    SubscriberFactory(email="delayed@example.org")
    publish(ArticleFactory().bulletin)
    delivery = reader.deliveries.get()
    report = tmp_path / "bounce.eml"
    [mail] = [message for message in mailbox.messages if message["To"] == reader.email]
    report.write_text(DSN.format(email=reader.email, message_id=mail["Message-ID"]))

    call_command("receive_bounce", str(report), verbosity=0)

    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.BOUNCED
    assert "Recipient address rejected" in reader.bounce_reason
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.BOUNCED
    delayed = Subscriber.objects.get(email="delayed@example.org")
    assert delayed.status == Subscriber.Status.CONFIRMED
