from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core import signing
from django.core.files.storage import storages
from django.db import models
from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from events.models import Event
from lmec import renditions
from lmec.localized import has_language
from lmec.richtext import RichTextField
from lmec.slugs import unique_slug
from lmec.validators import validate_image_upload
from partners.models import Organization, Person


class ContactBlock(models.Model):
    """The center's contact details as printed at the end of an issue.

    A version is kept for ever: issue 2020-2 shows the chinaaseanenv.org addresses and
    issue 2020-5 the fecomee.org.cn ones. A version published with an issue is not edited
    in place; changes are saved as a new version.
    """

    label = models.CharField(
        _("label"),
        max_length=100,
        help_text=_("For editors only, e.g. “2020-08, new fecomee.org.cn e-mail addresses”."),
    )
    valid_from = models.DateField(_("in use from"))
    organization_names = models.TextField(
        _("organization names"),
        help_text=_("One name per line, as printed at the top of the block."),
    )
    address = models.CharField(_("address"), max_length=255)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    fax = models.CharField(_("fax"), max_length=100, blank=True)
    emails = models.TextField(_("e-mail addresses"), blank=True, help_text=_("One per line."))
    website = models.URLField(_("website"), blank=True)
    wechat = models.CharField(_("WeChat official account"), max_length=100, blank=True)

    class Meta:
        ordering = ["-valid_from", "-pk"]
        get_latest_by = ["valid_from", "pk"]
        verbose_name = _("contact block")
        verbose_name_plural = _("contact blocks")

    def __str__(self):
        return self.label

    def organization_name_list(self):
        return [line.strip() for line in self.organization_names.splitlines() if line.strip()]

    def email_list(self):
        return [line.strip() for line in self.emails.splitlines() if line.strip()]


class AboutBlock(models.Model):
    """The paragraph about the center printed at the end of an issue, versioned like the contact block."""

    label = models.CharField(_("label"), max_length=100, help_text=_("For editors only."))
    valid_from = models.DateField(_("in use from"))
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["-valid_from", "-pk"]
        get_latest_by = ["valid_from", "pk"]
        verbose_name = _("about block")
        verbose_name_plural = _("about blocks")

    def __str__(self):
        return self.label


def published_condition(prefix: str = "") -> Q:
    """The one rule for what the public may see, for a query on Bulletin or through a relation.

    An issue is public when it is published and its publication time has come (or it has
    none). Since this is evaluated when a page is read, a scheduled issue appears by
    itself at its time, with no job to run. ``prefix`` reaches the issue from another
    model: ``"bulletin__"`` from Article, ``"article__bulletin__"`` from Viewpoint.
    """
    return Q(**{f"{prefix}status": Bulletin.Status.PUBLISHED}) & (
        Q(**{f"{prefix}published_at__isnull": True})
        | Q(**{f"{prefix}published_at__lte": timezone.now()})
    )


class BulletinQuerySet(models.QuerySet):
    def published(self):
        """Issues the public may see.

        Every reader-facing path (pages, PDFs, feeds, sitemap, search, partner, event,
        topic and home pages) goes through this method or its siblings on Article and
        Viewpoint, all built on ``published_condition``.
        """
        return self.filter(published_condition())

    def scheduled(self):
        """Published with a publication time still to come: they appear by themselves."""
        return self.filter(status=Bulletin.Status.PUBLISHED, published_at__gt=timezone.now())

    def next_number(self, year: int) -> int:
        """The number the next issue of ``year`` should get."""
        return (self.filter(year=year).aggregate(Max("number"))["number__max"] or 0) + 1


class Bulletin(models.Model):
    """One numbered issue of the briefing (简报), e.g. 2020年第2期."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # Changed only by the workflow actions (bulletins/services.py): never by the change
    # form, and kept as they are when an earlier version of the content is restored.
    WORKFLOW_FIELDS = ("status", "published_at")

    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(
        _("number"), help_text=_("The issue's number within its year (第…期).")
    )
    publication_date = models.DateField(
        _("publication date"), help_text=_("The date printed on the issue.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_(
            "When a published issue becomes visible to readers. "
            "A time in the future schedules it; it appears by itself at that time."
        ),
    )
    title = models.CharField(
        _("title"),
        max_length=255,
        blank=True,
        help_text=_("Optional; the lead article's headline is used when empty."),
    )
    summary = models.TextField(_("summary"), blank=True)
    cover_image = renditions.ImageField(
        _("cover image"),
        upload_to="bulletins/covers/",
        blank=True,
        validators=[validate_image_upload],
    )
    cover_image_alt = models.CharField(
        _("cover image description"),
        max_length=255,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    source_language = models.CharField(
        _("source language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="zh-hans",
        help_text=_("The language the issue was written in; shown where a translation is missing."),
    )
    contact_block = models.ForeignKey(
        ContactBlock,
        verbose_name=_("contact block"),
        on_delete=models.PROTECT,
        related_name="bulletins",
    )
    about_block = models.ForeignKey(
        AboutBlock,
        verbose_name=_("about block"),
        on_delete=models.PROTECT,
        related_name="bulletins",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = BulletinQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-number"]
        get_latest_by = ["year", "number"]
        verbose_name = _("bulletin issue")
        verbose_name_plural = _("bulletin issues")
        permissions = [
            ("publish_bulletin", _("Can publish, schedule and withdraw issues")),
            ("submit_bulletin", _("Can submit issues for review")),
            (
                "edit_source_text",
                _("Can edit source-language text and untranslated fields, not only translations"),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "number"],
                name="unique_bulletin_number_per_year",
                violation_error_message=_("An issue with this number already exists in this year."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="bulletin_number_positive",
                violation_error_message=_("Issue numbers start at 1."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2999),
                name="bulletin_year_plausible",
                violation_error_message=_("Enter a four-digit year."),
            ),
        ]

    def __str__(self):
        return str(self.label)

    def get_absolute_url(self):
        return reverse("bulletins:detail", kwargs={"year": self.year, "number": self.number})

    @property
    def label(self):
        """The issue label, "2020年第2期" / "No. 2, 2020", in the active language."""
        return _("No. %(number)s, %(year)s") % {"number": self.number, "year": self.year}

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and (
            self.published_at is None or self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and not self.is_public

    def content_languages(self, articles=None) -> list[str]:
        """The languages the issue is written in, in the order of settings.LANGUAGES: its
        source language, and every language each article has its headline in.

        The reading pages offer these languages; the PDFs are printed in them.
        ``articles`` are the issue's articles when the caller has them already.
        """
        articles = list(self.articles.all() if articles is None else articles)
        return [
            code
            for code, _name in settings.LANGUAGES
            if code == self.source_language
            or (articles and all(has_language(article, "headline", code) for article in articles))
        ]

    @property
    def display_title(self):
        """The title, or the lead article's headline when the issue has no title of its own."""
        if self.title:
            return self.title
        lead = self.articles.all()[:1]
        return lead[0].headline if lead else ""


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles of issues the public may see."""
        return self.filter(published_condition("bulletin__"))


class Article(models.Model):
    """An article of an issue: a report on an event, with the experts' viewpoints."""

    bulletin = models.ForeignKey(
        Bulletin, verbose_name=_("issue"), on_delete=models.CASCADE, related_name="articles"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kicker = models.CharField(
        _("kicker"),
        max_length=255,
        blank=True,
        help_text=_("The line above the headline, e.g. “2020年“澜湄周”系列活动：”."),
    )
    headline = models.CharField(_("headline"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        blank=True,
        help_text=_(
            "Part of the article's address, unique within the issue. "
            "Made from the headline when left empty; keep it once published."
        ),
    )
    body = RichTextField(_("body"), blank=True)
    viewpoints_heading = models.CharField(
        _("viewpoints heading"),
        max_length=255,
        blank=True,
        help_text=_("Printed above the viewpoints, e.g. “部分专家观点”."),
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        help_text=_("The event this article reports on."),
    )
    topics = models.ManyToManyField(
        "topics.Topic", verbose_name=_("topics"), blank=True, related_name="articles"
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["bulletin", "position", "pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.UniqueConstraint(
                fields=["bulletin", "slug"],
                name="unique_article_slug_per_bulletin",
                violation_error_message=_("Another article of this issue has this slug."),
            ),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.make_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "bulletins:article",
            kwargs={"year": self.bulletin.year, "number": self.bulletin.number, "slug": self.slug},
        )

    def clean(self):
        super().clean()
        if not self.slug and self.bulletin_id:
            self.slug = self.make_slug()

    def make_slug(self):
        """A slug from the English headline, else the romanized Chinese one."""
        siblings = Article.objects.filter(bulletin_id=self.bulletin_id).exclude(pk=self.pk)
        return unique_slug(
            [self.headline_en, self.headline_zh_hans, self.headline],
            siblings,
            fallback=f"article-{self.position or 1}",
            max_length=60,
        )


class ArticleImage(models.Model):
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="images"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    image = renditions.ImageField(
        _("image"),
        upload_to="bulletins/images/%Y/",
        validators=[validate_image_upload],
        help_text=_("JPEG, PNG, GIF or WebP."),
    )
    alt_text = models.CharField(
        _("description"),
        max_length=255,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    credit = models.CharField(_("credit"), max_length=255, blank=True)
    # As shown (after the camera's rotation); they say which renditions exist (lmec.renditions).
    width = models.PositiveIntegerField(_("width"), null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["article", "position", "pk"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self):
        return self.caption or self.alt_text

    def save(self, *args, **kwargs):
        if self.image and not self.image._committed:
            self.image.save(self.image.name, self.image.file, save=False)  # master, renditions
            self.width, self.height = self.image.width, self.image.height
        super().save(*args, **kwargs)

    @property
    def sources(self) -> "renditions.Sources":
        return renditions.sources(self.image, self.width, self.height)


class ViewpointQuerySet(models.QuerySet):
    def published(self):
        """Viewpoints in articles of issues the public may see."""
        return self.filter(published_condition("article__bulletin__"))


class Viewpoint(models.Model):
    """What a speaker said, attributed to a partner organization.

    The speaker may be anonymous ("世界自然基金会代表") or a named person; the title is
    the one the speaker held at that moment, so it is kept here, not only on the person.
    """

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="viewpoints"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="viewpoints",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="viewpoints",
        help_text=_("Leave empty when the speaker is not named."),
    )
    speaker_label = models.CharField(
        _("speaker"),
        max_length=255,
        blank=True,
        help_text=_("For an unnamed speaker, e.g. “世界自然基金会代表” / “WWF representative”."),
    )
    speaker_title = models.CharField(
        _("title at the time"),
        max_length=255,
        blank=True,
        help_text=_("The speaker's title when speaking, e.g. “技术顾问” / “Technical Adviser”."),
    )
    statement = models.TextField(_("statement"))

    objects = ViewpointQuerySet.as_manager()

    class Meta:
        ordering = ["article", "position", "pk"]
        verbose_name = _("viewpoint")
        verbose_name_plural = _("viewpoints")

    def __str__(self):
        return f"{self.speaker}: {self.statement[:40]}"

    @property
    def speaker(self):
        """Who spoke, as one line in the active language.

        "技术顾问Kerstin Brauneder" / "Kerstin Brauneder, Technical Adviser" for a named
        speaker, the speaker label ("世界自然基金会代表") for an unnamed one.
        """
        if self.person_id:
            if not self.speaker_title:
                return self.person.name
            return _("%(name)s, %(title)s") % {
                "name": self.person.name,
                "title": self.speaker_title,
            }
        return self.speaker_label or self.organization.name


class SearchEntry(models.Model):
    """One item in one language as full-text search sees it (kept current by publishing/search.py).

    Whether the item's issue is public is checked when searching, never stored here.
    """

    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article")
        VIEWPOINT = "viewpoint", _("Viewpoint")
        EVENT = "event", _("Event")
        ORGANIZATION = "organization", _("Partner")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("object"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    bulletin = models.ForeignKey(
        Bulletin,
        verbose_name=_("issue"),
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
                fields=["kind", "object_id", "language"], name="unique_search_entry"
            ),
        ]
        indexes = [GinIndex(fields=["vector"], name="search_entry_vector")]

    def __str__(self):
        return f"{self.kind} {self.object_id} ({self.language})"

    def get_absolute_url(self):
        url = reverse(self.url_name, kwargs=self.url_kwargs)
        return f"{url}#{self.url_fragment}" if self.url_fragment else url


class BulletinPDF(models.Model):
    """One rendered edition of an issue, stored in the "pdfs" storage.

    The fingerprint is that of the HTML it was printed from (publishing.pdf.document): a
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


PREVIEW_TOKEN_SALT = "bulletins.preview-link"


class PreviewLink(models.Model):
    """A revocable, expiring link to one unpublished issue, for a reviewer without an account."""

    class State(models.TextChoices):
        ACTIVE = "active", _("active")
        EXPIRED = "expired", _("expired")
        REVOKED = "revoked", _("revoked")

    bulletin = models.ForeignKey(
        "bulletins.Bulletin",
        verbose_name=_("issue"),
        on_delete=models.CASCADE,
        related_name="preview_links",
    )
    note = models.CharField(
        _("for"),
        max_length=200,
        help_text=_("Who the link is for and why, e.g. “WWF, to check its quote”."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="zh-hans",
        help_text=_("The language the reviewer reads the issue in."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")),
                name="preview_link_expires_after_creation",
                violation_error_message=_("A preview link must expire after it is created."),
            ),
        ]

    def __str__(self):
        return f"{self.bulletin} – {self.note}"

    def get_absolute_url(self):
        with translation.override(self.language):
            return reverse("bulletins:preview", kwargs={"token": self.token})

    @property
    def token(self) -> str:
        """The signed token in the link's address; only this server can make one."""
        return signing.Signer(salt=PREVIEW_TOKEN_SALT).sign_object({"link": self.pk})

    @property
    def state(self) -> str:
        if self.revoked_at is not None:
            return self.State.REVOKED
        if self.expires_at <= timezone.now():
            return self.State.EXPIRED
        return self.State.ACTIVE

    def get_state_display(self):
        return self.State(self.state).label
