"""What follows a publication, in one place.

Publishing a version (or publishing a partner, an event or a topic on its own) is one
event; everything that follows from it is listed in ``after_publication`` and
``after_record_publication`` below and runs in the background on the task queue
(django-tasks with its database backend: ``manage.py db_worker`` on any number of
servers). The work is enqueued in the same transaction as the publication, so it exists
exactly when the publication does.

Each piece of work is a ``Job`` (publishing/models/jobs.py) run by one task,
``publishing.tasks.run_job``. A job that fails is tried again with back-off (30 s, 2 min,
8 min, 32 min); after ``MAX_ATTEMPTS`` it is marked failed, with what the failure means in
words, on the issue's page, the dashboard and the list of background work, where staff
can try it again. Every job may run twice (a worker killed mid-way, a retry): each one
checks what is done already.
"""

import errno
import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from lmec import page_cache
from publishing import registry
from publishing.mail import sending, transport
from publishing.models import Edition, Job, Mailing
from publishing.pdf.services import delete_files, render_edition_pdfs

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
FIRST_RETRY = timedelta(seconds=30)
# A job still "running" after this long lost its worker (killed, out of memory).
ABANDONED_AFTER = timedelta(minutes=10)
# A job due this long ago that no worker took: no worker is running.
UNATTENDED_AFTER = timedelta(minutes=5)

RENDER_PDFS = "render_pdfs"
INDEX_EDITION = "index_edition"
GO_LIVE = "go_live"
INDEX_RECORD = "index_record"
SEND_MAILING = "send_mailing"
REVIEW_MAIL = "review_mail"

TASK_LABELS = {
    RENDER_PDFS: _("PDFs"),
    INDEX_EDITION: _("search index"),
    GO_LIVE: _("going live"),
    INDEX_RECORD: _("search index of a partner, event or topic"),
    SEND_MAILING: _("mail to subscribers"),
    REVIEW_MAIL: _("mail to the publishers"),
}


# What follows what.


def after_publication(edition: Edition) -> None:
    """Everything that follows publishing a version, in the order it runs."""
    # The quick work first: readers find the new version in search within seconds,
    # while its PDFs (seconds each) render; until then they get the previous version's.
    enqueue(INDEX_EDITION, edition=edition)
    # At its publication time: now, or the scheduled time.
    enqueue(GO_LIVE, edition=edition, run_after=edition.published_at)
    enqueue(RENDER_PDFS, edition=edition)


def after_submission(bulletin, *, user, message: str) -> None:
    """What follows submitting an issue (or its changes) for review."""
    enqueue(
        REVIEW_MAIL,
        target=str(bulletin),
        bulletin_id=bulletin.pk,
        submitted_by_id=user.pk if user else None,
        message=message,
    )


def after_record_publication(obj) -> None:
    """What follows publishing (or unpublishing) a partner, an event or a topic."""
    enqueue(
        INDEX_RECORD,
        target=str(obj),
        model=obj._meta.label_lower,
        pk=obj.pk,
    )


def go_live(edition: Edition) -> None:
    """What happens when a version becomes visible to readers.

    Runs at the version's time. It does its work once, whoever runs it first, and
    nothing for a version that was replaced or withdrawn before its time.
    """
    now = timezone.now()
    if edition.published_at > now:
        # Rescheduled later meanwhile: come back then.
        enqueue(GO_LIVE, edition=edition, run_after=edition.published_at)
        return
    claimed = Edition.objects.filter(pk=edition.pk, went_live_at__isnull=True).update(
        went_live_at=now
    )
    if not claimed:
        return
    # A scheduled version's new partners, events and topics appear with it.
    for record in registry.publish_records_of(edition.content, user=edition.published_by, now=now):
        after_record_publication(record)
    # Pages, feeds and the sitemap show the new version from now on.
    page_cache.content_changed()
    # Subscribers get it by mail (a new issue, or a correction the publisher asked for).
    for mailing in sending.planned_mailings(edition):
        enqueue(SEND_MAILING, edition=edition, mailing=mailing.pk)


def render_again(edition: Edition) -> None:
    """A stored PDF's file is missing: have the edition's PDFs rendered again, once."""
    waiting = Job.objects.filter(edition=edition, task=RENDER_PDFS).exclude(state=Job.State.DONE)
    if not waiting.exists():
        enqueue(RENDER_PDFS, edition=edition)


def catch_up() -> int:
    """Queue the work missing for what is published (after an upgrade or a restore);
    return how many jobs were queued."""
    from django.db.models import Exists, OuterRef

    from publishing.models import EditionPDF, PublicEvent, PublicOrganization, SearchEntry
    from publishing.pdf.services import edition_languages

    queued = 0
    shown = Edition.objects.filter(superseded_at__isnull=True).defer("content")
    waiting = Job.objects.filter(edition=OuterRef("pk")).exclude(state=Job.State.DONE)
    for edition in shown.annotate(busy=Exists(waiting)).filter(busy=False):
        stored = set(EditionPDF.objects.filter(edition=edition).values_list("language", flat=True))
        if set(edition_languages(edition)) - stored:
            enqueue(RENDER_PDFS, edition=edition)
            queued += 1
        if not SearchEntry.objects.filter(edition=edition).exists():
            enqueue(INDEX_EDITION, edition=edition)
            queued += 1
        if edition.went_live_at is None and edition.published_at <= timezone.now():
            enqueue(GO_LIVE, edition=edition)
            queued += 1
        elif edition.went_live_at is not None:
            for mailing in sending.planned_mailings(edition):
                enqueue(SEND_MAILING, edition=edition, mailing=mailing.pk)
                queued += 1
    for kind, copies in (
        (SearchEntry.Kind.ORGANIZATION, PublicOrganization.objects.select_related("organization")),
        (SearchEntry.Kind.EVENT, PublicEvent.objects.select_related("event")),
    ):
        indexed = set(
            SearchEntry.objects.filter(kind=kind, edition__isnull=True).values_list(
                "object_id", flat=True
            )
        )
        for copy in copies.exclude(pk__in=indexed):
            record = copy.organization if kind == SearchEntry.Kind.ORGANIZATION else copy.event
            after_record_publication(record)
            queued += 1
    return queued


def forget_edition(edition: Edition) -> None:
    """Before a version that never went live is deleted: its PDF files go too (its rows
    and jobs go with it)."""
    pdfs = list(edition.pdfs.all())
    transaction.on_commit(lambda: delete_files(pdfs))


# Running jobs.


def _render_pdfs(job: Job) -> None:
    render_edition_pdfs(job.edition)


def _index_edition(job: Job) -> None:
    from publishing.search import index_edition

    index_edition(job.edition)


def _go_live(job: Job) -> None:
    go_live(job.edition)


def _index_record(job: Job) -> None:
    from publishing.search import index_record

    index_record(job.arguments["model"], job.arguments["pk"])


def _send_mailing(job: Job) -> None:
    """One batch of a mailing, then the next batch as a job of its own, when it may go."""
    mailing = Mailing.objects.filter(pk=job.arguments["mailing"]).first()
    if mailing is None:
        return  # its edition was deleted
    next_batch = sending.mailing_send(mailing=mailing)
    waiting = Job.objects.filter(
        task=SEND_MAILING, arguments__mailing=mailing.pk, state=Job.State.QUEUED
    ).exclude(pk=job.pk)
    if next_batch is not None and not waiting.exists():
        enqueue(SEND_MAILING, edition=job.edition, run_after=next_batch, mailing=mailing.pk)


def _review_mail(job: Job) -> None:
    from publishing.notifications import tell_publishers_review_awaits

    tell_publishers_review_awaits(**job.arguments)


HANDLERS = {
    RENDER_PDFS: _render_pdfs,
    INDEX_EDITION: _index_edition,
    GO_LIVE: _go_live,
    INDEX_RECORD: _index_record,
    SEND_MAILING: _send_mailing,
    REVIEW_MAIL: _review_mail,
}


def enqueue(task: str, *, edition: Edition | None = None, run_after=None, target="", **arguments):
    """Record a job and put it on the queue (in the current transaction)."""
    from publishing.tasks import run_job

    run_after = run_after or timezone.now()
    job = Job.objects.create(
        task=task,
        edition=edition,
        target=Truncator(target or (str(edition) if edition else "")).chars(255),
        arguments=arguments,
        run_after=run_after,
    )
    run_job.using(run_after=run_after).enqueue(job.pk)
    return job


def retry_delay(attempts: int) -> timedelta:
    return FIRST_RETRY * 4 ** (attempts - 1)


def run(job_id: int) -> None:
    """Run one job: what the task queue calls. Retries and failures are recorded here."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.state in (Job.State.DONE, Job.State.FAILED):
            return  # its edition was deleted, or it ran already
        job.state = Job.State.RUNNING
        job.attempts += 1
        job.failure = Job.Failure.UNFINISHED  # until it ends: a killed worker leaves this
        job.last_error = ""
        job.save()
    try:
        HANDLERS[job.task](job)
    except Exception as error:
        logger.exception("Background job %s (%s) failed", job.pk, job)
        job.failure = failure_of(error)
        job.last_error = f"{type(error).__name__}: {error}"
        if job.attempts < MAX_ATTEMPTS:
            job.state = Job.State.QUEUED
            job.run_after = timezone.now() + retry_delay(job.attempts)
            job.save()
            from publishing.tasks import run_job

            run_job.using(run_after=job.run_after).enqueue(job.pk)
        else:
            job.state = Job.State.FAILED
            job.save()
        return
    job.state, job.failure = Job.State.DONE, ""
    job.save()


def retry(job: Job) -> None:
    """Try a failed job again now (staff's "try again")."""
    from publishing.tasks import run_job

    Job.objects.filter(pk=job.pk).update(
        state=Job.State.QUEUED, attempts=0, run_after=timezone.now(), failure=""
    )
    run_job.enqueue(job.pk)


def unattended_jobs():
    """Jobs due for a while that no worker has taken: the workers are not running."""
    due = timezone.now() - UNATTENDED_AFTER
    return Job.objects.filter(state=Job.State.QUEUED, run_after__lt=due)


def recover_abandoned() -> int:
    """Put back on the queue the jobs whose worker died while running them."""
    from publishing.tasks import run_job

    abandoned = list(
        Job.objects.filter(state=Job.State.RUNNING, updated_at__lt=timezone.now() - ABANDONED_AFTER)
    )
    for job in abandoned:
        Job.objects.filter(pk=job.pk).update(state=Job.State.QUEUED)
        run_job.enqueue(job.pk)
    return len(abandoned)


# Failures in words.

Failure = Job.Failure
FAILURE_EXPLANATIONS = {
    Failure.UNFINISHED: _(
        "The work stopped before it finished: the worker process was ended, perhaps out of "
        "memory or by a restart of the server. It is tried again."
    ),
    Failure.STORAGE_FULL: _("The disk where PDFs are stored is full."),
    Failure.STORAGE: _("The file could not be written to its storage."),
    Failure.MEMORY: _("The worker ran out of memory."),
    Failure.MAIL: _(
        "The mail server could not be reached, or refused the mail: the site's operator "
        "checks the EMAIL_ settings and the mail server."
    ),
    Failure.ERROR: _(
        "Something in the issue's text, images or fonts, or in the PDF layout, made it fail; "
        "the error below says what."
    ),
}


def failure_of(error: BaseException) -> str:
    if isinstance(error, transport.MailServerUnavailable):
        return Failure.MAIL
    if isinstance(error, OSError):
        full = error.errno in (errno.ENOSPC, errno.EDQUOT)
        return Failure.STORAGE_FULL if full else Failure.STORAGE
    if isinstance(error, MemoryError):
        return Failure.MEMORY
    return Failure.ERROR


def explain_failure(failure: str) -> str:
    return FAILURE_EXPLANATIONS.get(failure, "")
