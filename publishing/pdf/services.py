"""Rendering, storing and finding the PDFs of issues.

- ``render_edition_pdfs(edition)``: what the pipeline runs after a publication: every PDF
  edition of that version (one per published language, and the bilingual one) not stored
  yet, rendered from the edition's frozen content and stored under its version's name.
- ``reader_pdf(edition, language)``: the PDF a reader gets, in one query: the newest one
  stored of a version readers have seen, so that while a new version's PDF renders,
  readers keep getting the previous version's.
- ``export_pdf(bulletin, language)``: for staff, any issue in any state: the stored PDF
  when the issue is as published, else the issue as it is now, rendered on demand and
  marked as a draft on every page.

Renders are serialised across every process and server by a PostgreSQL advisory lock:
two at once would stall a small site (each takes about a second of CPU and 150 MB).
"""

import hashlib
import logging
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from django.utils import timezone

from bulletins.models import Bulletin
from lmec.storages import storage_files
from publishing import snapshot
from publishing.models import Edition, EditionPDF
from publishing.pdf import document, fonts

logger = logging.getLogger(__name__)

# PostgreSQL advisory lock key: one render at a time.
RENDER_LOCK = 7_401_002


class RenderBusy(Exception):
    """Another render kept the lock for longer than the caller wanted to wait."""


@dataclass
class ExportedFile:
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


def render_content(
    content: dict,
    language: str,
    *,
    draft: bool = False,
    version=None,
    archival: bool = False,
    wait: float | None = None,
):
    """Print an edition's ``content`` in ``language`` to PDF (composed page by page,
    composition.py), one render at a time across all processes."""
    from publishing.pdf.composition import compose

    with advisory_lock(RENDER_LOCK, wait=wait) as acquired:
        if not acquired:
            raise RenderBusy
        return compose(content, language, draft=draft, version=version, archival=archival)


def warn_missing_glyphs(what: str, html: str) -> None:
    text = re.sub(r"<style>.*?</style>|<[^>]+>", " ", html, flags=re.DOTALL)
    if missing := fonts.missing_characters(text):
        logger.warning(
            "PDF of %s: no bundled font has %s; see publishing/pdf/fonts/README.md",
            what,
            " ".join(missing),
        )


def edition_languages(edition: Edition) -> list[str]:
    """The PDF editions of a version: its languages, and Chinese-English when it has both."""
    return document.pdf_languages(edition.languages)


def export_languages(bulletin: Bulletin) -> list[str]:
    """The PDF editions staff may export of an issue (the admin's menu, ``export_pdfs``):
    a published issue without pending changes, those of the version published (its
    languages, and Chinese-English when it has both); any other, those of the languages it
    is written in. Never an edition that would print another language under its masthead."""
    from publishing.services import publication_state

    state = publication_state(bulletin)
    if bulletin.status == Bulletin.Status.PUBLISHED and state.latest and not state.pending:
        return edition_languages(state.latest)
    tree = snapshot.issue_queryset(Bulletin.objects.filter(pk=bulletin.pk)).get()
    return document.pdf_languages(snapshot.written_languages(tree))


def storage_path(edition: Edition, language: str) -> str:
    name = document.file_name(edition.year, edition.number, language, version=edition.version)
    return f"{edition.year}/{edition.number:02d}/{name.removesuffix('.pdf')}-{edition.pk}.pdf"


def render_edition_pdf(edition: Edition, language: str, *, wait=None) -> EditionPDF:
    """Render one PDF edition of a version and store it (replacing a file left half-written)."""
    html = document.build_html(edition.content, language, version=edition.version)
    warn_missing_glyphs(f"{edition} ({language})", html)
    started = time.perf_counter()
    rendered = render_content(edition.content, language, version=edition.version, wait=wait)
    seconds = time.perf_counter() - started
    storage = pdf_storage()
    path = storage_path(edition, language)
    if storage.exists(path):
        storage.delete(path)
    stored = storage.save(path, ContentFile(rendered.content))
    pdf, _created = EditionPDF.objects.update_or_create(
        edition=edition,
        language=language,
        defaults={
            "path": stored,
            "size": len(rendered.content),
            "pages": rendered.pages,
            "sha256": hashlib.sha256(rendered.content).hexdigest(),
            "rendered_at": timezone.now(),
            "render_seconds": round(seconds, 3),
        },
    )
    logger.info("Rendered %s (%s) in %.2f s", edition, language, seconds)
    return pdf


def render_edition_pdfs(edition: Edition) -> list[EditionPDF]:
    """Every PDF edition of the version not stored yet (or whose file is gone)."""
    stored = {pdf.language: pdf for pdf in edition.pdfs.all()}
    pdfs = []
    for language in edition_languages(edition):
        pdf = stored.get(language)
        if pdf is None or not pdf_storage().exists(pdf.path):
            pdf = render_edition_pdf(edition, language)
        pdfs.append(pdf)
    return pdfs


def reader_pdf(edition: Edition, language: str) -> EditionPDF | None:
    """The newest stored PDF in ``language`` of this issue's versions readers have seen, up
    to ``edition`` (the current one)."""
    return (
        EditionPDF.objects.filter(
            edition__bulletin_id=edition.bulletin_id,
            edition__version__lte=edition.version,
            edition__published_at__lte=timezone.now(),
            language=language,
        )
        .select_related("edition")
        .defer("edition__content")
        .order_by("-edition__version")
        .first()
    )


def delete_files(pdfs) -> None:
    storage = pdf_storage()
    for pdf in pdfs:
        storage.delete(pdf.path)


def prune_files() -> list[str]:
    """Delete the files of the PDF storage that no stored PDF refers to; return their paths."""
    storage = pdf_storage()
    known = set(EditionPDF.objects.values_list("path", flat=True))
    pruned = [path for path in storage_files(storage) if path not in known]
    for path in pruned:
        storage.delete(path)
    return pruned


@dataclass
class ExportSource:
    """What staff export of an issue: the edition published, or the records as they are."""

    content: dict
    edition: Edition | None  # None: a draft
    year: int
    number: int

    @property
    def draft(self) -> bool:
        return self.edition is None

    def file_name(self, language: str, suffix: str = "pdf") -> str:
        version = self.edition.version if self.edition else None
        return document.file_name(
            self.year, self.number, language, version=version, draft=self.draft, suffix=suffix
        )


def export_source(bulletin: Bulletin, language: str) -> ExportSource:
    """An issue that is published and unchanged since exports its edition; any other (a
    draft, one in review or withdrawn, one with pending changes) its records as they are
    now, frozen as a draft."""
    from publishing.services import publication_state

    tree = snapshot.issue_queryset(Bulletin.objects.filter(pk=bulletin.pk)).get()
    state = publication_state(tree, fingerprint=snapshot.fingerprint(tree))
    edition = state.latest if tree.status == Bulletin.Status.PUBLISHED else None
    if edition is not None and not state.pending and language in edition_languages(edition):
        edition = Edition.objects.get(pk=edition.pk)
        return ExportSource(edition.content, edition, edition.year, edition.number)
    content = snapshot.freeze(tree, snapshot.written_languages(tree))
    return ExportSource(content, None, tree.year, tree.number)


def export_archival_pdf(bulletin: Bulletin, language: str, *, wait=None) -> ExportedFile:
    """The archival PDF/A-3u copy of what ``export_pdf`` gives, rendered from the same
    content (never stored: it is printed again from the edition whenever needed)."""
    source = export_source(bulletin, language)
    version = source.edition.version if source.edition else None
    rendered = render_content(
        source.content, language, draft=source.draft, version=version, archival=True, wait=wait
    )
    name = source.file_name(language).removesuffix(".pdf") + "-PDFA.pdf"
    return ExportedFile(rendered.content, name, draft=source.draft)


def export_pdf(bulletin: Bulletin, language: str, *, wait: float | None = 10) -> ExportedFile:
    """The PDF staff download from the admin (``export_source`` says which).

    A published issue's stored PDF (rendered and stored now if the pipeline has not yet);
    a draft is rendered as it is now and marked as a draft on every page, never stored.
    If another render holds the lock for more than ``wait`` seconds (None: no limit),
    RenderBusy is raised: a web worker must answer before gunicorn's timeout.
    """
    source = export_source(bulletin, language)
    if source.edition is not None:
        pdf = source.edition.pdfs.filter(language=language).first()
        if pdf is None or not pdf_storage().exists(pdf.path):
            pdf = render_edition_pdf(source.edition, language, wait=wait)
        with pdf_storage().open(pdf.path, "rb") as file:
            content = file.read()
        return ExportedFile(content, source.file_name(language), draft=False)
    rendered = render_content(source.content, language, draft=True, wait=wait)
    return ExportedFile(rendered.content, source.file_name(language), draft=True)
