"""What is made from an edition after it is published: its PDFs and its search entries."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EditionPDF(models.Model):
    """The PDF of one edition in one language (or "bilingual"), stored in the "pdfs" storage.

    A PDF prints one version and is kept as long as its issue exists: a PDF sent to a
    ministry in August stays retrievable after a correction in September. Nobody edits or
    deletes it from the admin.
    """

    edition = models.ForeignKey(
        "publishing.Edition",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="pdfs",
    )
    language = models.CharField(
        _("language"), max_length=10, help_text=_("A language code, or “bilingual”.")
    )
    path = models.CharField(_("file"), max_length=255, unique=True)
    size = models.PositiveIntegerField(_("size in bytes"))
    pages = models.PositiveSmallIntegerField(_("pages"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    rendered_at = models.DateTimeField(_("rendered"), default=timezone.now)
    render_seconds = models.FloatField(_("render time in seconds"))

    class Meta:
        ordering = ["edition", "language"]
        verbose_name = _("issue PDF")
        verbose_name_plural = _("issue PDFs")
        constraints = [
            models.UniqueConstraint(fields=["edition", "language"], name="unique_pdf_per_edition")
        ]

    def __str__(self):
        return self.path

    @property
    def storage(self):
        return storages["pdfs"]

    @property
    def etag(self):
        return f'"{self.sha256}"'


class SearchEntry(models.Model):
    """One item in one language as full-text search sees it (publishing/search/).

    Articles and viewpoints are indexed per edition: a search finds those of the editions
    readers see now (``current_condition``). Partners and events are indexed as published.
    """

    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article")
        VIEWPOINT = "viewpoint", _("Viewpoint")
        EVENT = "event", _("Event")
        ORGANIZATION = "organization", _("Partner")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("object"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    edition = models.ForeignKey(
        "publishing.Edition",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    title = models.TextField(_("title"))
    context = models.TextField(_("context"), blank=True)
    keywords = models.TextField(_("keywords"), blank=True)
    body = models.TextField(_("text"), blank=True)
    url_name = models.CharField(_("URL name"), max_length=50)
    url_kwargs = models.JSONField(_("URL arguments"), default=dict)
    url_fragment = models.CharField(_("URL fragment"), max_length=50, blank=True)
    vector = SearchVectorField(_("text-search vector"))

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "language", "edition"],
                condition=Q(edition__isnull=False),
                name="unique_search_entry_per_edition",
            ),
            models.UniqueConstraint(
                fields=["kind", "object_id", "language"],
                condition=Q(edition__isnull=True),
                name="unique_search_entry_of_record",
            ),
        ]
        indexes = [GinIndex(fields=["vector"], name="search_entry_words")]

    def __str__(self):
        return f"{self.kind} {self.object_id} ({self.language})"

    def get_absolute_url(self):
        url = reverse(self.url_name, kwargs=self.url_kwargs)
        return f"{url}#{self.url_fragment}" if self.url_fragment else url
