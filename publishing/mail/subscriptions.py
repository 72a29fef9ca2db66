"""Subscribing, confirming, changing and leaving; addresses that bounce or complain.

Double opt-in: asking to subscribe stores the address as *pending* and mails it a link,
signed and valid for ``CONFIRM_DAYS``; nothing else is sent to it until the link is
opened and confirmed. The answer to a request never says whether the address was known:
an address that is subscribed already gets a mail with the link to its settings instead,
and its settings are not changed by someone who merely typed it.

A subscriber's links (its settings, one-click unsubscribe) carry its ``key``, a random
secret: no account, no login, and one subscriber's link cannot reach another.
"""

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lmec import ratelimit
from lmec.localized import fallback_chain
from publishing.mail import compose
from publishing.models import PublicTopic
from publishing.models.mail import BILINGUAL, Subscriber
from publishing.pdf.document import BILINGUAL_LANGUAGES

CONFIRM_SALT = "publishing.mail.confirm"
CONFIRM_DAYS = 7
Status = Subscriber.Status


class TooManyRequests(Exception):
    """Too many requests for this address or from this client: try again later."""


class LinkInvalid(Exception):
    """A confirmation link that was tampered with, or replaced by a newer one."""


class LinkExpired(Exception):
    """A confirmation link older than ``CONFIRM_DAYS``."""


def mail_language(wanted, published, source_language: str) -> str:
    """The language an issue published in ``published`` is mailed in to a subscriber who
    wants ``wanted`` (in order): the first of them it is published in (Chinese-English
    when it is published in both); else by the fallback chain of the first
    (lmec.localized.fallback_chain), which ends with the issue's own language."""
    for code in wanted:
        if code == BILINGUAL:
            if all(language in published for language in BILINGUAL_LANGUAGES):
                return BILINGUAL
        elif code in published:
            return code
    first = wanted[0] if wanted and wanted[0] != BILINGUAL else BILINGUAL_LANGUAGES[0]
    return next(code for code in fallback_chain(first, source_language) if code in published)


def ordered_languages(languages, first: str) -> list[str]:
    """The languages chosen, the one of the page they were chosen on first."""
    return sorted(dict.fromkeys(languages), key=lambda code: code != first)


def clean_topic_ids(topic_ids) -> list[int]:
    """Only published topics may be followed."""
    wanted = {int(pk) for pk in topic_ids}
    return sorted(PublicTopic.objects.filter(pk__in=wanted).values_list("pk", flat=True))


def _check_rate(email: str, client: str) -> None:
    period = 3600
    by_address = ratelimit.allow(
        "subscribe-address",
        email.lower(),
        limit=settings.LMEC_SUBSCRIBE_LIMIT_PER_ADDRESS,
        period=period,
    )
    by_client = ratelimit.allow(
        "subscribe-client", client, limit=settings.LMEC_SUBSCRIBE_LIMIT_PER_CLIENT, period=period
    )
    if not (by_address and by_client):
        raise TooManyRequests


def confirmation_token(subscriber: Subscriber) -> str:
    # The time of the request: a newer request's link replaces the older ones.
    return signing.dumps(
        [subscriber.pk, int(subscriber.requested_at.timestamp())], salt=CONFIRM_SALT
    )


def subscription_request(
    *, email: str, language: str, languages, topic_ids=(), client: str
) -> Subscriber:
    """Someone asked for the bulletin at ``email``: mail it a confirmation link, or the
    link to its settings when it is subscribed already. ``client``: the asker's IP address
    (lmec.security.client_ip), for the rate limits. Raises ``TooManyRequests``."""
    _check_rate(email, client)
    try:
        with transaction.atomic():
            subscriber = _pending_subscriber(email, language, languages, topic_ids)
    except IntegrityError:
        # The same address asked for at the same moment: it exists now.
        with transaction.atomic():
            subscriber = _pending_subscriber(email, language, languages, topic_ids)
    if subscriber.status == Status.CONFIRMED:
        message = compose.already_subscribed_mail(subscriber)
    else:
        message = compose.confirmation_mail(
            subscriber, token=confirmation_token(subscriber), days=CONFIRM_DAYS
        )
    message.send()
    return subscriber


def _pending_subscriber(email, language, languages, topic_ids) -> Subscriber:
    subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
    if subscriber is not None and subscriber.status == Status.CONFIRMED:
        return subscriber  # its choices change only through its own link
    subscriber = subscriber or Subscriber(email=email)
    subscriber.language = language
    subscriber.languages = ordered_languages(languages, language)
    subscriber.topic_ids = clean_topic_ids(topic_ids)
    subscriber.status = Status.PENDING
    subscriber.requested_at = timezone.now()
    subscriber.full_clean()
    subscriber.save()
    return subscriber


def subscriber_for_confirmation(token: str) -> Subscriber:
    """The subscriber a confirmation link is for. Raises ``LinkExpired`` or ``LinkInvalid``
    (tampered with, or replaced by the link of a newer request)."""
    try:
        pk, requested = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_DAYS * 86400)
    except signing.SignatureExpired as expired:
        raise LinkExpired from expired
    except (signing.BadSignature, ValueError, TypeError) as bad:
        raise LinkInvalid from bad
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None or int(subscriber.requested_at.timestamp()) != requested:
        raise LinkInvalid
    return subscriber


def subscription_confirm(*, token: str) -> Subscriber:
    """Confirm with the link's token: the subscriber is mailed new issues from now on."""
    subscriber = subscriber_for_confirmation(token)
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status != Status.CONFIRMED:
            subscriber.status = Status.CONFIRMED
            subscriber.confirmed_at = timezone.now()
            subscriber.unsubscribed_at = subscriber.bounced_at = None
            subscriber.bounce_reason = ""
            subscriber.save()
    return subscriber


def subscriber_by_key(key: str) -> Subscriber | None:
    return Subscriber.objects.filter(key=key).first()


def subscriber_update(*, subscriber: Subscriber, languages, topic_ids) -> Subscriber:
    """Change the languages and topics of a subscription (from its own link)."""
    if not languages:
        raise ValidationError(_("Choose at least one language."))
    subscriber.languages = ordered_languages(languages, subscriber.language)
    subscriber.topic_ids = clean_topic_ids(topic_ids)
    subscriber.full_clean()
    subscriber.save(update_fields=["languages", "topic_ids"])
    return subscriber


def subscriber_unsubscribe(*, subscriber: Subscriber) -> Subscriber:
    """Stop mailing the subscriber (one click, no login). Doing it twice changes nothing."""
    updated = Subscriber.objects.filter(pk=subscriber.pk).exclude(
        status__in=[Status.UNSUBSCRIBED, Status.BOUNCED, Status.COMPLAINED]
    )
    updated.update(status=Status.UNSUBSCRIBED, unsubscribed_at=timezone.now())
    subscriber.refresh_from_db()
    return subscriber


def subscriber_stop(*, email: str, status: str, reason: str = "") -> int:
    """An address bounced for good or its owner marked the mail as spam: mail to it stops.
    Returns how many subscribers that was (0 for an unknown address)."""
    return Subscriber.objects.filter(email__iexact=email).update(
        status=status, bounced_at=timezone.now(), bounce_reason=reason[:1000]
    )


def subscriber_export(*, subscriber: Subscriber) -> dict:
    """Everything kept about a subscriber, for the subscriber who asks for it."""
    deliveries = subscriber.deliveries.select_related("mailing__edition").order_by("pk")
    return {
        "email": subscriber.email,
        "status": subscriber.status,
        "language": subscriber.language,
        "languages": subscriber.languages,
        "topics": [copy.slug for copy in PublicTopic.objects.filter(pk__in=subscriber.topic_ids)],
        "asked_at": subscriber.created_at,
        "last_asked_at": subscriber.requested_at,
        "confirmed_at": subscriber.confirmed_at,
        "unsubscribed_at": subscriber.unsubscribed_at,
        "bounced_at": subscriber.bounced_at,
        "bounce_reason": subscriber.bounce_reason,
        "mails": [
            {
                "issue": str(delivery.mailing.edition.label),
                "version": delivery.mailing.edition.version,
                "language": delivery.language,
                "state": delivery.state,
                "sent_at": delivery.sent_at,
            }
            for delivery in deliveries
        ],
    }
