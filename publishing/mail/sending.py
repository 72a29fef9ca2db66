"""Mailings: an edition sent to its subscribers, as background work.

- At publication (``mailing_plan``, in the publication's transaction) a mailing is
  planned for the first version of an issue readers see, and for a later version only
  when the publisher asks for a "corrected issue" notice.
- When the edition goes live (publishing/pipeline.py ``go_live``, at its time) the
  mailing's job is queued. Its first run gives it one ``Delivery`` per confirmed
  subscriber that follows one of the issue's topics (or every topic), in the language
  ``mail_language`` chooses; a unique constraint makes that one per subscriber however
  often it runs.
- Each run then sends one batch (``LMEC_MAIL_BATCH_SIZE``) at ``LMEC_MAIL_RATE`` mails a
  second at most, and says when the next batch may go. A delivery is taken by a worker
  (``sending``) before its mail goes out and is never taken again: a worker that stops
  mid-way cannot make anyone get the issue twice; what it left unsure is marked failed.
- A temporary failure for one address (4xx: a full mailbox, greylisting) is tried again
  later, up to ``MAX_ATTEMPTS``; a permanent refusal of the address (5xx at RCPT) marks
  the subscriber bounced; the mail server unreachable fails the job, which the pipeline
  tries again with back-off, the deliveries not tried left queued.
"""

import functools
import re
from contextlib import closing
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Min, Q
from django.utils import timezone

from bulletins.models import Bulletin
from publishing import snapshot
from publishing.mail import compose, transport
from publishing.mail.subscriptions import mail_language, subscriber_stop
from publishing.models import Edition, EditionArticle
from publishing.models.mail import Delivery, Mailing, Subscriber

MAX_ATTEMPTS = 5
FIRST_RETRY = timedelta(minutes=10)
# A delivery still being sent after this long lost its worker: it may have gone out.
ABANDONED_AFTER = timedelta(minutes=10)
# A batch takes at most about this long at the configured rate.
BATCH_SECONDS = 120
# Sent mails are recorded in groups of this many.
RECORD_EVERY = 50
ADDRESS_CHUNK = 2000
MESSAGE_ID = re.compile(r"<bulletin\.(?P<mailing>\d+)\.(?P<delivery>\d+)@[^>]+>")


# Planning, at publication.


def mailing_plan(*, edition: Edition, user, correction: bool = False) -> Mailing | None:
    """The mailing that follows publishing ``edition``, if any: the issue's first version
    readers see is a new issue; a later one is mailed only as a corrected issue, when the
    publisher asks (``correction``). Versions that never went live are deleted before.

    A mailing of an earlier version that has not begun is replaced by this one: readers
    get one mail, of the newest version (a new issue corrected before its mail went out
    is still a new issue to them)."""
    others = Edition.objects.filter(bulletin_id=edition.bulletin_id).exclude(pk=edition.pk)
    waiting = Mailing.objects.filter(edition__in=others, state=Mailing.State.PLANNED)
    replaces_new = waiting.filter(kind=Mailing.Kind.NEW).exists()
    waiting.update(state=Mailing.State.CANCELLED, finished_at=timezone.now())
    if replaces_new or not others.exists():
        kind = Mailing.Kind.NEW
    elif correction:
        kind = Mailing.Kind.CORRECTION
    else:
        return None
    return Mailing.objects.create(edition=edition, kind=kind, requested_by=user)


def planned_mailings(edition: Edition) -> list[Mailing]:
    return list(Mailing.objects.filter(edition=edition, state=Mailing.State.PLANNED))


# Sending, in the background.


def _still_public(mailing: Mailing) -> bool:
    """The mailing's issue is readable (a withdrawn issue is not mailed any more)."""
    issue = Edition.objects.filter(pk=mailing.edition_id).values("bulletin_id")
    return Edition.objects.current().filter(bulletin_id__in=issue).exists()


def mailing_address(mailing: Mailing) -> None:
    """Give a planned mailing its deliveries, once (the mailing's row locked meanwhile: a
    newer version's publication waits to see whether it may still replace it)."""
    with transaction.atomic():
        locked = Mailing.objects.select_for_update().get(pk=mailing.pk)
        if locked.state == Mailing.State.PLANNED:
            _create_deliveries(locked)
            locked.state, locked.started_at = Mailing.State.SENDING, timezone.now()
            locked.save(update_fields=["state", "started_at"])
    mailing.refresh_from_db(fields=["state", "started_at"])


def _create_deliveries(mailing: Mailing) -> None:
    edition = Edition.objects.without_content().get(pk=mailing.edition_id)
    topics = set()
    for topic_ids in EditionArticle.objects.filter(edition=edition).values_list(
        "topic_ids", flat=True
    ):
        topics.update(topic_ids)
    subscribers = Subscriber.objects.confirmed().filter(
        Q(topic_ids=[]) | Q(topic_ids__overlap=sorted(topics))
    )
    rows = list(subscribers.order_by("pk").values_list("pk", "languages"))
    for start in range(0, len(rows), ADDRESS_CHUNK):
        Delivery.objects.bulk_create(
            [
                Delivery(
                    mailing=mailing,
                    subscriber_id=pk,
                    language=mail_language(languages, edition.languages, edition.source_language),
                )
                for pk, languages in rows[start : start + ADDRESS_CHUNK]
            ],
            ignore_conflicts=True,
        )


def batch_size() -> int:
    size = settings.LMEC_MAIL_BATCH_SIZE
    if settings.LMEC_MAIL_RATE:
        size = min(size, max(1, int(settings.LMEC_MAIL_RATE * BATCH_SECONDS)))
    return size


def mailing_send(*, mailing: Mailing):
    """Send the mailing's next batch. Returns when the next batch may go, or None when
    the mailing is over."""
    if mailing.state in (Mailing.State.DONE, Mailing.State.CANCELLED):
        return None
    if not _still_public(mailing):
        _cancel(mailing)
        return None
    if mailing.state == Mailing.State.PLANNED:
        mailing_address(mailing)
        if mailing.state != Mailing.State.SENDING:
            return None  # replaced by a newer version's mailing meanwhile
    _give_up_abandoned(mailing)
    deliveries = _claim(mailing, batch_size())
    if deliveries:
        _send(mailing, deliveries)
    return _next_batch_time(mailing)


def _cancel(mailing: Mailing) -> None:
    Mailing.objects.filter(pk=mailing.pk).update(
        state=Mailing.State.CANCELLED, finished_at=timezone.now()
    )
    mailing.deliveries.filter(state=Delivery.State.QUEUED).update(state=Delivery.State.SKIPPED)


def _give_up_abandoned(mailing: Mailing) -> None:
    mailing.deliveries.filter(
        state=Delivery.State.SENDING, claimed_at__lt=timezone.now() - ABANDONED_AFTER
    ).update(
        state=Delivery.State.FAILED,
        error="The worker stopped while sending it: it may have gone out, so it is not sent again.",
    )


def _claim(mailing: Mailing, size: int) -> list[Delivery]:
    """Take up to ``size`` deliveries that are due, for this worker only."""
    now = timezone.now()
    queued = mailing.deliveries.filter(state=Delivery.State.QUEUED)
    # Unsubscribed, bounced or deleted since the mailing was addressed: not sent.
    queued.exclude(subscriber__status=Subscriber.Status.CONFIRMED).update(
        state=Delivery.State.SKIPPED
    )
    with transaction.atomic():
        due = list(
            queued.filter(next_attempt_at__lte=now)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("subscriber")
            .order_by("pk")[:size]
        )
        Delivery.objects.filter(pk__in=[delivery.pk for delivery in due]).update(
            state=Delivery.State.SENDING, claimed_at=now
        )
    return due


def _next_batch_time(mailing: Mailing):
    left = mailing.deliveries.aggregate(
        queued=Count("pk", filter=Q(state=Delivery.State.QUEUED)),
        sending=Count("pk", filter=Q(state=Delivery.State.SENDING)),
        next_at=Min("next_attempt_at", filter=Q(state=Delivery.State.QUEUED)),
    )
    if left["queued"]:
        return max(left["next_at"], timezone.now())
    if left["sending"]:
        # Another worker's batch: see after it was given up on, if it is by then.
        return timezone.now() + ABANDONED_AFTER
    Mailing.objects.filter(pk=mailing.pk).update(
        state=Mailing.State.DONE, finished_at=timezone.now()
    )
    return None


@functools.lru_cache(maxsize=32)
def _issue_mail(mailing_id: int, language: str, interface: str) -> compose.IssueMail:
    """A mailing's mail in one language, rendered once per worker process for all its
    batches (an edition never changes)."""
    mailing = Mailing.objects.select_related("edition").get(pk=mailing_id)
    edition = mailing.edition
    correction = edition.note if mailing.kind == Mailing.Kind.CORRECTION else None
    return compose.issue_mail(edition.content, language, interface=interface, correction=correction)


def _send(mailing: Mailing, deliveries: list[Delivery]) -> None:
    messages = (_message(mailing, delivery) for delivery in deliveries)
    outcomes = transport.send_each(messages, per_second=settings.LMEC_MAIL_RATE)
    sent, done = [], 0
    try:
        with closing(outcomes):
            for (message, refusal), delivery in zip(outcomes, deliveries, strict=True):
                done += 1
                if refusal is None:
                    sent.append((delivery, message))
                    if len(sent) == RECORD_EVERY:
                        _record_sent(sent)
                        sent = []
                elif refusal.of_address and not refusal.temporary:
                    _bounced(delivery, refusal)
                else:
                    _failed(delivery, refusal)
    except transport.MailServerUnavailable:
        # The server, not these addresses: the rest waits for the job's next attempt.
        _put_back(deliveries[done:])
        raise
    finally:
        _record_sent(sent)


def _message(mailing: Mailing, delivery: Delivery):
    subscriber = delivery.subscriber
    interface = compose.interface_language(delivery.language, subscriber.language)
    mail = _issue_mail(mailing.pk, delivery.language, interface)
    return mail.message_to(subscriber.email, subscriber.key, message_id(delivery))


def message_id(delivery: Delivery) -> str:
    """The Message-ID of a delivery's mail: a bounce that quotes it names the delivery."""
    return f"<bulletin.{delivery.mailing_id}.{delivery.pk}@{compose.host()}>"


def delivery_of(message_id: str) -> Delivery | None:
    """The delivery a bounce or an e-mail service's event is about, by its Message-ID (or
    the service's own message ID, kept when it gave one)."""
    match = MESSAGE_ID.fullmatch(message_id.strip())
    if match:
        return Delivery.objects.filter(pk=match["delivery"], mailing_id=match["mailing"]).first()
    return Delivery.objects.filter(message_id=message_id).first() if message_id else None


def _record_sent(sent) -> None:
    """Mark mails sent, a group in one statement (a commit per mail would cost more than
    the mail). Taken deliveries are never sent again: if the worker stops before this,
    they are not resent, only marked unsure later (``_give_up_abandoned``)."""
    Delivery.objects.filter(pk__in=[delivery.pk for delivery, _message in sent]).update(
        state=Delivery.State.SENT, sent_at=timezone.now(), attempts=F("attempts") + 1, error=""
    )
    for delivery, message in sent:
        status = getattr(message, "anymail_status", None)
        if status is not None and status.message_id:
            # An e-mail service's webhooks name the mail by the service's own ID.
            Delivery.objects.filter(pk=delivery.pk).update(message_id=str(status.message_id)[:255])


def _bounced(delivery: Delivery, refusal: transport.Refusal) -> None:
    """The server refused the address for good: no more mail to it."""
    Delivery.objects.filter(pk=delivery.pk).update(
        state=Delivery.State.BOUNCED, attempts=F("attempts") + 1, error=str(refusal)[:1000]
    )
    subscriber_stop(
        email=delivery.subscriber.email, status=Subscriber.Status.BOUNCED, reason=str(refusal)
    )


def _failed(delivery: Delivery, refusal: transport.Refusal) -> None:
    """A failure for this mail: temporary ones (4xx) are tried again later."""
    attempts = delivery.attempts + 1
    again = refusal.temporary and attempts < MAX_ATTEMPTS
    Delivery.objects.filter(pk=delivery.pk).update(
        state=Delivery.State.QUEUED if again else Delivery.State.FAILED,
        attempts=attempts,
        next_attempt_at=timezone.now() + FIRST_RETRY * 2 ** (attempts - 1),
        error=str(refusal)[:1000],
    )


def _put_back(deliveries: list[Delivery]) -> None:
    Delivery.objects.filter(
        pk__in=[delivery.pk for delivery in deliveries], state=Delivery.State.SENDING
    ).update(state=Delivery.State.QUEUED, claimed_at=None)


# What staff see.


def mailing_progress(mailings) -> dict:
    """``{mailing id: {state: count}}`` of their deliveries, in one query."""
    progress = {}
    rows = (
        Delivery.objects.filter(mailing__in=mailings)
        .values_list("mailing_id", "state")
        .annotate(count=Count("pk"))
    )
    for mailing_id, state, count in rows:
        progress.setdefault(mailing_id, {})[state] = count
    return progress


def test_mail_send(*, bulletin: Bulletin, language: str, email: str, subject_prefix: str):
    """The issue's mail as its records are now (any state), to a member of staff."""
    tree = snapshot.issue_queryset(Bulletin.objects.filter(pk=bulletin.pk)).get()
    content = snapshot.freeze(tree, snapshot.written_languages(tree))
    mail = compose.issue_mail(content, language, subject_prefix=subject_prefix)
    mail.message_to(email, compose.KEY_PLACEHOLDER).send()
