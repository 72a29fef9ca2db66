"""Stored PDFs of issues and the queue of issues waiting for a render.

Both tables live in the bulletins app (imported at the end of bulletins/models.py).
"""

from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BulletinPDF(models.Model):
    """One rendered edition of an issue, stored in the "pdfs" storage.

    The fingerprint is that of the HTML it was printed from (bulletins.pdf.document): a
    PDF is served only while the issue still produces the same fingerprint, so a stale
    file is never sent. The file's name holds the fingerprint and never changes content.
    """

    bulletin = models.ForeignKey(
        "bulletins.Bulletin",
        verbose_name=_("issue"),
        on_delete=models.CASCADE,
        related_name="pdfs",
    )
    edition = models.CharField(
        _("edition"), max_length=10, help_text=_("A language code, or “bilingual”.")
    )
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    path = models.CharField(_("file"), max_length=255, unique=True)
    size = models.PositiveIntegerField(_("size in bytes"))
    pages = models.PositiveSmallIntegerField(_("pages"))
    rendered_at = models.DateTimeField(_("rendered"), default=timezone.now)
    render_seconds = models.FloatField(_("render time in seconds"))

    class Meta:
        ordering = ["bulletin", "edition", "-rendered_at"]
        verbose_name = _("issue PDF")
        verbose_name_plural = _("issue PDFs")
        constraints = [
            models.UniqueConstraint(
                fields=["bulletin", "edition", "fingerprint"], name="unique_pdf_per_content"
            ),
        ]

    def __str__(self):
        return self.path

    @property
    def storage(self):
        return storages["pdfs"]

    @property
    def etag(self):
        return f'"{self.fingerprint}"'


class PDFRenderRequest(models.Model):
    """An issue whose PDFs must be (re)rendered; `manage.py render_pdfs` works through them.

    An attempt counts as failed from its start (``failure`` "unfinished") until it ends:
    a renderer that is killed (out of memory, a restart) leaves that mark, and is not
    started on the same issue more than MAX_ATTEMPTS times in a row.
    """

    class Failure(models.TextChoices):
        UNFINISHED = "unfinished", _("did not finish")
        STORAGE_FULL = "storage-full", _("disk full")
        STORAGE = "storage", _("storage error")
        MEMORY = "memory", _("out of memory")
        RENDER = "render", _("rendering error")
        NOT_STARTED = "not-started", _("renderer not started")

    bulletin = models.OneToOneField(
        "bulletins.Bulletin",
        verbose_name=_("issue"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("failed attempts"), default=0)
    attempted_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    failure = models.CharField(_("failure"), max_length=20, choices=Failure, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["requested_at"]
        verbose_name = _("PDF render request")
        verbose_name_plural = _("PDF render requests")

    def __str__(self):
        return str(self.bulletin)
