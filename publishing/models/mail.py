"""Readers who get new issues by mail, and the mailings that send them.

A ``Subscriber`` is an address that asked for the bulletin (double opt-in: it is mailed
only once it confirmed), with the languages it reads and, optionally, the topics it
follows. A ``Mailing`` is one sending of an edition (a new issue, or a corrected one when
the publisher asks); it has one ``Delivery`` per subscriber, unique, so that a subscriber
gets an edition once however often the work is tried (publishing/mail/sending.py).
"""

import secrets

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A mail in Chinese and English together, like the bilingual PDF.
BILINGUAL = "bilingual"
MAIL_LANGUAGES = [*settings.LANGUAGES, (BILINGUAL, _("Chinese and English"))]


def new_key() -> str:
    return secrets.token_urlsafe(24)


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        """The subscribers that are mailed: confirmed, not unsubscribed, not bounced."""
        return self.filter(status=Subscriber.Status.CONFIRMED)


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("not confirmed")
        CONFIRMED = "confirmed", _("confirmed")
        UNSUBSCRIBED = "unsubscribed", _("unsubscribed")
        BOUNCED = "bounced", _("bounced")
        COMPLAINED = "complained", _("marked as spam")

    email = models.EmailField(_("e-mail address"), max_length=254)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        help_text=_("The language of the page it subscribed on: mails about the subscription."),
    )
    languages = ArrayField(
        models.CharField(max_length=10, choices=MAIL_LANGUAGES),
        verbose_name=_("languages wanted"),
        help_text=_("Issues come in the first of these they are published in."),
    )
    topic_ids = ArrayField(
        models.BigIntegerField(),
        default=list,
        blank=True,
        verbose_name=_("topics"),
        help_text=_("Only issues about these topics; none: every issue."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PENDING)
    # The secret in the subscriber's links (change, unsubscribe): no account, no login.
    key = models.CharField(_("key"), max_length=64, unique=True, default=new_key, editable=False)
    requested_at = models.DateTimeField(_("last asked to subscribe"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    bounced_at = models.DateTimeField(_("bounced"), null=True, blank=True)
    bounce_reason = models.TextField(_("why mail stopped"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="unique_subscriber_address"),
        ]
        indexes = [models.Index(fields=["status"], name="subscriber_status")]

    def __str__(self):
        return self.email


class Mailing(models.Model):
    """One sending of an edition to its subscribers."""

    class Kind(models.TextChoices):
        NEW = "new", _("new issue")
        CORRECTION = "correction", _("corrected issue")

    class State(models.TextChoices):
        PLANNED = "planned", _("waiting for the issue to go live")
        SENDING = "sending", _("sending")
        DONE = "done", _("sent")
        CANCELLED = "cancelled", _("cancelled: the issue is no longer public")

    edition = models.ForeignKey(
        "publishing.Edition",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="mailings",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.NEW)
    state = models.CharField(_("state"), max_length=20, choices=State, default=State.PLANNED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked for by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")
        constraints = [
            models.UniqueConstraint(fields=["edition", "kind"], name="unique_mailing_per_edition")
        ]

    def __str__(self):
        return f"{self.edition} ({self.get_kind_display()})"


class Delivery(models.Model):
    """One subscriber's mail of a mailing: at most one, whatever is tried again."""

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        BOUNCED = "bounced", _("bounced")
        SKIPPED = "skipped", _("not sent: unsubscribed or stopped meanwhile")

    mailing = models.ForeignKey(
        Mailing, verbose_name=_("mailing"), on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(
        Subscriber,
        verbose_name=_("subscriber"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    language = models.CharField(_("language"), max_length=10, choices=MAIL_LANGUAGES)
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # A temporary failure (a full mailbox, a greylisting server) is tried again from then.
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(_("taken by a worker"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    message_id = models.CharField(_("message ID"), max_length=255, blank=True)
    error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["mailing", "pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["mailing", "subscriber"], name="unique_delivery_per_mailing"
            )
        ]
        indexes = [
            models.Index(fields=["mailing", "state", "next_attempt_at"], name="delivery_due"),
            models.Index(fields=["message_id"], name="delivery_message"),
        ]

    def __str__(self):
        return f"{self.mailing} → {self.subscriber_id}"
