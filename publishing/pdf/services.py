"""Rendering, storing and finding the PDFs of issues.

Entry points:

- ``schedule_render(bulletin)``: call it whenever an issue is published or the published
  content of an issue changes. It records the request in the database (one upsert) and,
  once the transaction commits, starts ``manage.py render_pdfs`` in the background; the
  editor does not wait for the render.
- ``render_pdfs(bulletin)``: render and store, now, every edition whose stored PDF is
  missing or stale (what the background command does for each request).
- ``current_pdf(bulletin, edition)``: the stored PDF that matches the issue as it is now,
  or None. Readers get only that; nothing is ever rendered while a reader waits.
- ``export_pdf(bulletin, edition)``: for staff, any issue in any state; drafts are
  rendered on demand and marked as drafts on every page.

Renders are serialised across every process and server by a PostgreSQL advisory lock:
two at once would stall a small site (each takes about a second of CPU and 150 MB).

A render that fails never fails a save: the issue is saved, its render request keeps the
failure (``PDFRenderRequest.failure`` and ``last_error``), which staff see on the issue's
page, on the dashboard and in the list of render requests (``explain_failure()``).
"""

import errno
import logging
import re
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bulletins.models import Bulletin, BulletinPDF, PDFRenderRequest
from lmec.storages import storage_files
from publishing.pdf import document, fonts

logger = logging.getLogger(__name__)

# PostgreSQL advisory lock keys: one background renderer at a time, one render at a time.
RUNNER_LOCK = 7_401_001
RENDER_LOCK = 7_401_002
MAX_ATTEMPTS = 3
# A request older than this with no renderer on it is taken as abandoned: start one again.
ABANDONED_AFTER = timedelta(minutes=2)


class RenderBusy(Exception):
    """Another render kept the lock for longer than the caller wanted to wait."""


Failure = PDFRenderRequest.Failure
FAILURE_EXPLANATIONS = {
    Failure.UNFINISHED: _(
        "The render stopped before it finished: the renderer process was ended, perhaps "
        "out of memory or by a restart of the server."
    ),
    Failure.STORAGE_FULL: _("The disk where PDFs are stored is full."),
    Failure.STORAGE: _("The PDF could not be written to its storage."),
    Failure.MEMORY: _("The renderer ran out of memory."),
    Failure.RENDER: _(
        "WeasyPrint could not print the issue: something in its text, images or fonts, "
        "or in the PDF layout, made it fail."
    ),
    Failure.NOT_STARTED: _("The background renderer could not be started."),
}


def failure_of(error: BaseException) -> str:
    """The kind of failure an exception raised while rendering and storing means."""
    if isinstance(error, OSError):
        return (
            Failure.STORAGE_FULL if error.errno in (errno.ENOSPC, errno.EDQUOT) else Failure.STORAGE
        )
    if isinstance(error, MemoryError):
        return Failure.MEMORY
    return Failure.RENDER


def explain_failure(failure: str) -> str:
    """What a failure means, in words for the staff who read it."""
    return FAILURE_EXPLANATIONS.get(failure, "")


@dataclass
class ExportedPDF:
    content: bytes
    file_name: str
    draft: bool


def pdf_storage():
    return storages["pdfs"]


@contextmanager
def advisory_lock(key: int, *, wait: float | None = None):
    """Hold a session-level PostgreSQL advisory lock; ``wait`` seconds at most (None: forever).

    Yields whether the lock was taken (always True when ``wait`` is None).
    """
    with connection.cursor() as cursor:
        if wait is None:
            cursor.execute("SELECT pg_advisory_lock(%s)", [key])
            acquired = True
        else:
            deadline = time.monotonic() + wait
            while True:
                cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
                acquired = cursor.fetchone()[0]
                if acquired or time.monotonic() >= deadline:
                    break
                time.sleep(0.2)
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


def render_html(html: str, *, wait: float | None = None):
    """Print ``html`` to PDF, one render at a time across all processes."""
    from publishing.pdf.render import render_pdf

    with advisory_lock(RENDER_LOCK, wait=wait) as acquired:
        if not acquired:
            raise RenderBusy
        return render_pdf(html)


def warn_missing_glyphs(bulletin: Bulletin, edition: str, html: str) -> None:
    text = re.sub(r"<style>.*?</style>|<[^>]+>", " ", html, flags=re.DOTALL)
    if missing := fonts.missing_characters(text):
        logger.warning(
            "PDF of %s (%s): no bundled font has %s; see publishing/pdf/fonts/README.md",
            bulletin,
            edition,
            " ".join(missing),
        )


def storage_path(bulletin: Bulletin, edition: str, fingerprint: str) -> str:
    name = document.file_name(bulletin, edition).removesuffix(".pdf")
    return f"{bulletin.year}/{bulletin.number:02d}/{name}-{fingerprint[:16]}.pdf"


def store(bulletin: Bulletin, edition: str, fingerprint: str, rendered, seconds: float):
    """Save a rendered edition and drop the older ones of the same edition."""
    storage = pdf_storage()
    path = storage_path(bulletin, edition, fingerprint)
    if storage.exists(path):
        storage.delete(path)
    storage.save(path, ContentFile(rendered.content))
    pdf, _created = BulletinPDF.objects.update_or_create(
        bulletin=bulletin,
        edition=edition,
        fingerprint=fingerprint,
        defaults={
            "path": path,
            "size": len(rendered.content),
            "pages": rendered.pages,
            "rendered_at": timezone.now(),
            "render_seconds": round(seconds, 3),
        },
    )
    delete_pdfs(BulletinPDF.objects.filter(bulletin=bulletin, edition=edition).exclude(pk=pdf.pk))
    return pdf


def delete_pdfs(queryset) -> None:
    """Delete stored PDFs, rows and files."""
    storage = pdf_storage()
    for pdf in list(queryset):
        storage.delete(pdf.path)
        pdf.delete()


def prune_files() -> list[str]:
    """Delete the files of the PDF storage that no stored PDF refers to; return their paths."""
    storage = pdf_storage()
    known = set(BulletinPDF.objects.values_list("path", flat=True))
    pruned = [path for path in storage_files(storage) if path not in known]
    for path in pruned:
        storage.delete(path)
    return pruned


def load(bulletin: Bulletin) -> Bulletin:
    """The issue again, with everything its PDF prints."""
    return document.issue_queryset().get(pk=bulletin.pk)


def stored_pdf(bulletin: Bulletin, edition: str, fingerprint: str) -> BulletinPDF | None:
    """The stored PDF of ``edition`` printed from the HTML with ``fingerprint``, if any."""
    return BulletinPDF.objects.filter(
        bulletin=bulletin, edition=edition, fingerprint=fingerprint
    ).first()


def current_pdf(bulletin: Bulletin, edition: str) -> BulletinPDF | None:
    """The stored PDF of ``edition`` printed from the issue as it is now, if there is one.

    ``bulletin`` should come from ``document.issue_queryset()`` (a few queries otherwise).
    """
    html = document.build_html(bulletin, edition)
    return stored_pdf(bulletin, edition, document.fingerprint(html))


def render_pdfs(
    bulletin: Bulletin, *, force: bool = False, only: list[str] | None = None
) -> list[BulletinPDF]:
    """Render and store every edition of ``bulletin`` whose stored PDF is missing or stale.

    ``only`` limits it to some editions. Editions the issue no longer has (a translation
    removed) lose their stored PDF.
    """
    bulletin = load(bulletin)
    editions = document.editions(bulletin)
    pdfs = []
    for edition in editions:
        if only is not None and edition not in only:
            continue
        html = document.build_html(bulletin, edition)
        fingerprint = document.fingerprint(html)
        stored = stored_pdf(bulletin, edition, fingerprint)
        if stored and not force and pdf_storage().exists(stored.path):
            pdfs.append(stored)
            continue
        warn_missing_glyphs(bulletin, edition, html)
        started = time.perf_counter()
        rendered = render_html(html)
        seconds = time.perf_counter() - started
        pdfs.append(store(bulletin, edition, fingerprint, rendered, seconds))
        logger.info("Rendered %s (%s) in %.2f s", bulletin, edition, seconds)
    delete_pdfs(BulletinPDF.objects.filter(bulletin=bulletin).exclude(edition__in=editions))
    return pdfs


def export_pdf(bulletin: Bulletin, edition: str, *, wait: float | None = 10) -> ExportedPDF:
    """The PDF staff download from the admin: stored when current, else rendered now.

    An issue that is not published (draft, in review, withdrawn) is rendered on demand and
    marked as a draft on every page; it is never stored. If another render holds the lock
    for more than ``wait`` seconds (None: no limit), RenderBusy is raised: a web worker
    must answer before gunicorn's timeout.
    """
    bulletin = load(bulletin)
    draft = bulletin.status != Bulletin.Status.PUBLISHED
    name = document.file_name(bulletin, edition, draft=draft)
    html = document.build_html(bulletin, edition, draft=draft)
    if not draft:
        fingerprint = document.fingerprint(html)
        stored = stored_pdf(bulletin, edition, fingerprint)
        if stored and pdf_storage().exists(stored.path):
            with pdf_storage().open(stored.path, "rb") as file:
                return ExportedPDF(file.read(), name, draft)
    started = time.perf_counter()
    rendered = render_html(html, wait=wait)
    if not draft and edition in document.editions(bulletin):
        try:
            store(bulletin, edition, fingerprint, rendered, time.perf_counter() - started)
        except OSError:
            # Staff still get their PDF; readers' copies are the background renderer's job.
            logger.exception("Storing the exported PDF of %s (%s) failed", bulletin, edition)
    return ExportedPDF(rendered.content, name, draft)


def schedule_render(bulletin: Bulletin) -> None:
    """Have the PDFs of a published issue rendered in the background, after this transaction.

    Call it when an issue is published (also for a future time: its PDFs are then ready
    when it appears) and whenever its published content changes. Issues in any other
    status are ignored: they have no public PDF.
    """
    if bulletin.status != Bulletin.Status.PUBLISHED:
        return
    PDFRenderRequest.objects.update_or_create(
        bulletin=bulletin,
        defaults={"requested_at": timezone.now(), "attempts": 0, "failure": "", "last_error": ""},
    )
    transaction.on_commit(start_renderer)


def request_render(bulletin: Bulletin) -> None:
    """A reader found no current PDF: make sure a render is on its way, without piling up."""
    request, created = PDFRenderRequest.objects.get_or_create(bulletin=bulletin)
    if created or request.requested_at < timezone.now() - ABANDONED_AFTER:
        if not created:
            request.requested_at, request.attempts = timezone.now(), 0
            request.save(update_fields=["requested_at", "attempts"])
        transaction.on_commit(start_renderer)


def start_renderer() -> None:
    """Start `manage.py render_pdfs` in the background (LMEC_PDF_RENDERER="spawn").

    The command renders in its own process, so the web worker's memory stays small, and
    exits when the queue is empty; a second one started meanwhile exits at once.
    """
    if settings.LMEC_PDF_RENDERER != "spawn":
        return
    try:
        process = subprocess.Popen(
            [sys.executable, str(settings.BASE_DIR / "manage.py"), "render_pdfs"],
            cwd=settings.BASE_DIR,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as error:
        # Runs once the save committed: the editor's save stands; the requests say why
        # no PDF came, and a reader asking for one starts the renderer again later.
        logger.exception("Starting the PDF renderer failed")
        PDFRenderRequest.objects.filter(attempts=0, failure="").update(
            failure=Failure.NOT_STARTED, last_error=f"{type(error).__name__}: {error}"
        )
        return
    # Reap it when it ends, so that it leaves no zombie behind.
    threading.Thread(target=process.wait, daemon=True).start()


def run_queue(*, wait: bool = False, poll_seconds: float = 5.0) -> int:
    """Render the issues waiting in the queue; return how many requests were handled.

    Only one runner works at a time (across servers); another one returns at once.
    With ``wait`` it keeps polling for new requests instead of returning.
    """
    handled = 0
    while True:
        with advisory_lock(RUNNER_LOCK, wait=0) as acquired:
            if not acquired:
                return handled
            while True:
                request = (
                    PDFRenderRequest.objects.filter(attempts__lt=MAX_ATTEMPTS)
                    .select_related("bulletin")
                    .first()
                )
                if request is None:
                    if not wait:
                        break
                    time.sleep(poll_seconds)
                    continue
                handle(request)
                handled += 1
        # A request made just before the lock was released found the lock taken: look again.
        if not PDFRenderRequest.objects.filter(attempts__lt=MAX_ATTEMPTS).exists():
            return handled


def handle(request: PDFRenderRequest) -> None:
    seen = request.requested_at
    if request.bulletin.status != Bulletin.Status.PUBLISHED:
        # Unpublished since: it has no public PDF to render.
        PDFRenderRequest.objects.filter(pk=request.pk, requested_at=seen).delete()
        return
    # Failed until it ends: a renderer killed meanwhile leaves the attempt counted.
    PDFRenderRequest.objects.filter(pk=request.pk).update(
        attempts=F("attempts") + 1,
        attempted_at=timezone.now(),
        failure=Failure.UNFINISHED,
        last_error="",
    )
    try:
        render_pdfs(request.bulletin)
    except Exception as error:
        logger.exception("Rendering the PDFs of %s failed", request.bulletin)
        PDFRenderRequest.objects.filter(pk=request.pk).update(
            failure=failure_of(error), last_error=f"{type(error).__name__}: {error}"
        )
        return
    deleted, _rows = PDFRenderRequest.objects.filter(pk=request.pk, requested_at=seen).delete()
    if not deleted:
        # A change saved during the render moved requested_at: another round, afresh.
        PDFRenderRequest.objects.filter(pk=request.pk).update(attempts=0, failure="", last_error="")
