"""Editions: what readers read.

Publishing an issue freezes it into an ``Edition``: its texts in the languages the
publisher chose, its articles, viewpoints, images, contact and about blocks, and the names
of the partners, people, events and topics it mentions, as they were at that moment
(``content``, built by publishing/snapshot.py). Editors go on changing the issue's
records; readers keep reading the edition until a publisher publishes the changes as the
next version. A published version never changes: the database refuses any update of
its content (migration publishing/0002).

Every public page reads editions, never the editors' records, through one rule:
``Edition.objects.current()`` (``current_condition``), the version of each issue that
readers see now. It is decided when a page is read, so a scheduled version appears by
itself at its time and the one it replaces disappears at the same moment.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lmec.dates import format_year
from publishing.frozen import StoredFile, cover_tone


def current_condition(prefix: str = "", *, now=None) -> Q:
    """The one rule for what the public may see: the edition of an issue that is live now.

    An edition is live from its publication time until it is superseded (by the next
    version, or by a withdrawal). ``prefix`` reaches the edition from another model:
    ``"edition__"`` from an edition's articles, viewpoints, pages and search entries.
    """
    now = now or timezone.now()
    return Q(**{f"{prefix}published_at__lte": now}) & (
        Q(**{f"{prefix}superseded_at__isnull": True}) | Q(**{f"{prefix}superseded_at__gt": now})
    )


class EditionQuerySet(models.QuerySet):
    def current(self):
        """The editions readers see now: at most one per issue."""
        return self.filter(current_condition())

    def scheduled(self):
        """Editions whose publication time is still to come."""
        return self.filter(published_at__gt=timezone.now(), superseded_at__isnull=True)

    def without_content(self):
        """What pages need of an edition, not its frozen texts (tens of kilobytes each)."""
        return self.defer("content")


class Edition(models.Model):
    """One published version of an issue, frozen."""

    bulletin = models.ForeignKey(
        "bulletins.Bulletin",
        verbose_name=_("issue"),
        on_delete=models.CASCADE,
        related_name="editions",
    )
    version = models.PositiveSmallIntegerField(_("version"))
    # The address the edition is read at (an editor may renumber the issue later).
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("number"))
    publication_date = models.DateField(_("publication date"))
    languages = ArrayField(
        models.CharField(max_length=10, choices=settings.LANGUAGES),
        verbose_name=_("languages"),
        help_text=_("The languages the issue is published in, the source language first."),
    )
    source_language = models.CharField(_("source language"), max_length=10)
    # {language: text}: the title (its lead headline when it has none) and summary,
    # for the pages and feeds that list issues without reading their content.
    title = models.JSONField(_("title"), default=dict)
    summary = models.JSONField(_("summary"), default=dict)
    content = models.JSONField(_("content"), encoder=DjangoJSONEncoder)
    # Of the issue's own texts and links in every language when it was published: the
    # issue has pending changes while its records give another (publishing/snapshot.py).
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    # The records as they were published, in its history: what changed since is
    # compared with it, and "discard changes" restores it.
    source_revision = models.ForeignKey(
        "reversion.Revision",
        verbose_name=_("published records"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.JSONField(
        _("correction notice"),
        default=dict,
        blank=True,
        help_text=_("What was corrected, per language, shown to readers of this version."),
    )
    published_at = models.DateTimeField(_("readers see it from"))
    superseded_at = models.DateTimeField(_("readers see it until"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # Set once by the go-live task when the edition became visible (publishing/pipeline.py).
    went_live_at = models.DateTimeField(_("went live"), null=True, blank=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["bulletin", "-version"]
        get_latest_by = "version"
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [
            models.UniqueConstraint(
                fields=["bulletin", "version"], name="unique_edition_version_per_issue"
            ),
            models.CheckConstraint(
                condition=Q(superseded_at__isnull=True)
                | Q(superseded_at__gte=models.F("published_at")),
                name="edition_superseded_after_publication",
            ),
        ]
        indexes = [models.Index(fields=["year", "number"], name="edition_address")]

    def __str__(self):
        return _("%(issue)s, version %(version)s") % {
            "issue": _("No. %(number)s, %(year)s")
            % {
                "number": self.number,
                "year": format_year(self.year),
            },
            "version": self.version,
        }

    def get_absolute_url(self):
        return reverse("bulletins:detail", kwargs={"year": self.year, "number": self.number})

    @property
    def label(self):
        return _("No. %(number)s, %(year)s") % {
            "number": self.number,
            "year": format_year(self.year),
        }

    @property
    def cover(self):
        """The cover image (``cover_name``, annotated by ``current_editions()``), or None."""
        name = getattr(self, "cover_name", None)
        return StoredFile(name) if name else None

    @property
    def cover_tone(self) -> int:
        return cover_tone(self.number)

    @property
    def is_live(self) -> bool:
        now = timezone.now()
        return self.published_at <= now and (self.superseded_at is None or self.superseded_at > now)

    @property
    def is_scheduled(self) -> bool:
        return self.published_at > timezone.now() and self.superseded_at is None

    @property
    def was_public(self) -> bool:
        """Readers have seen it (an edition withdrawn before its time is deleted instead)."""
        return self.published_at <= timezone.now()


class EditionArticle(models.Model):
    """An article of an edition, for the pages that list articles of several issues."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="articles"
    )
    article_id = models.BigIntegerField(_("article"))
    position = models.PositiveSmallIntegerField(_("position"))
    slug = models.SlugField(_("slug"), max_length=100)
    event_id = models.BigIntegerField(_("event"), null=True, blank=True)
    topic_ids = ArrayField(models.BigIntegerField(), default=list, verbose_name=_("topics"))
    # {"kicker": {language: …}, "headline": {…}, "description": {…}}, as shown in each of
    # the edition's languages (publishing/services.py).
    texts = models.JSONField(_("texts"))

    class Meta:
        ordering = ["edition", "position"]
        verbose_name = _("published article")
        verbose_name_plural = _("published articles")
        indexes = [
            models.Index(fields=["event_id"], name="edition_article_event"),
            GinIndex(fields=["topic_ids"], name="edition_article_topics"),
        ]

    def __str__(self):
        return self.slug

    def get_absolute_url(self):
        return reverse(
            "bulletins:article",
            kwargs={"year": self.edition.year, "number": self.edition.number, "slug": self.slug},
        )


class EditionViewpoint(models.Model):
    """A viewpoint of an edition, for partner and topic pages."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="viewpoints"
    )
    article = models.ForeignKey(
        EditionArticle,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="viewpoints",
    )
    viewpoint_id = models.BigIntegerField(_("viewpoint"))
    position = models.PositiveSmallIntegerField(_("position"))
    organization_id = models.BigIntegerField(_("organization"))
    organization_slug = models.SlugField(_("organization's address"), max_length=100)
    organization_logo = models.CharField(_("organization's logo"), max_length=255, blank=True)
    person_id = models.BigIntegerField(_("person"), null=True, blank=True)
    topic_ids = ArrayField(models.BigIntegerField(), default=list, verbose_name=_("topics"))
    # {"statement": {language: …}, "speaker": …, "title": …, "organization": …,
    #  "organization_short_name": …, "organization_aliases": [name, …]}
    texts = models.JSONField(_("texts"))

    class Meta:
        ordering = ["edition", "article", "position"]
        verbose_name = _("published viewpoint")
        verbose_name_plural = _("published viewpoints")
        indexes = [
            models.Index(fields=["organization_id"], name="edition_viewpoint_org"),
            GinIndex(fields=["topic_ids"], name="edition_viewpoint_topics"),
        ]

    def __str__(self):
        return f"{self.article} #{self.position}"


class EditionPage(models.Model):
    """An edition's page in one reader's language, its body rendered once.

    A version never changes, so the body of its issue page and of each article page is
    built the first time a reader asks for it in a language, and stored. ``layout`` names
    the templates and translations that built it: after a deploy that changes them, the
    page is built again (reading/pages.py).
    """

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="pages"
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    # "" for the issue page, an article's slug for its page.
    slug = models.CharField(_("article"), max_length=100, blank=True)
    layout = models.CharField(_("layout"), max_length=64)
    html = models.TextField(_("HTML"))
    meta = models.JSONField(_("page metadata"), encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("prepared page")
        verbose_name_plural = _("prepared pages")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "language", "slug"], name="unique_page_per_edition"
            )
        ]

    def __str__(self):
        return f"{self.edition} {self.language} {self.slug}"
