from django.conf import settings
from django.db import models
from django.db.models import Max, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from events.models import Event
from lmec import headlines, renditions
from lmec.dates import format_year
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
    wechat_qr = renditions.ImageField(
        _("WeChat QR code"),
        upload_to="bulletins/contact/",
        blank=True,
        validators=[validate_image_upload],
        help_text=_(
            "The QR code of the WeChat official account, as WeChat gives it: printed beside "
            "the account's name at the end of the issue's PDFs."
        ),
    )

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


class BulletinQuerySet(models.QuerySet):
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

    # Changed only by the workflow actions (publishing/services.py): never by the change
    # form, and kept as they are when an earlier version of the content is restored.
    WORKFLOW_FIELDS = ("status", "submitted_at")

    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(
        _("number"), help_text=_("The issue's number within its year (第…期).")
    )
    publication_date = models.DateField(
        _("publication date"), help_text=_("The date printed on the issue.")
    )
    # Published: readers see one of its editions (publishing/), now or from a chosen time.
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(
        _("submitted for review"),
        null=True,
        blank=True,
        help_text=_("When a published issue's pending changes were submitted for review."),
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
        return _("No. %(number)s, %(year)s") % {
            "number": self.number,
            "year": format_year(self.year),
        }

    @property
    def display_title(self):
        """The title, or the lead article's headline when the issue has no title of its own."""
        if self.title:
            return self.title
        lead = self.articles.all()[:1]
        return headlines.plain(lead[0].headline) if lead else ""


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
    headline = models.CharField(
        _("headline"),
        max_length=255,
        help_text=_(
            "Type | where a long headline should break its line on the issue's page and in "
            "its PDF, e.g. “澜湄流域绿色经济发展带：|生物多样性与可持续基础设施圆桌对话”; "
            "titles, feeds and search show it as one line."
        ),
    )
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
        return headlines.plain(self.headline)

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
            [
                headlines.plain(text)
                for text in (self.headline_en, self.headline_zh_hans, self.headline)
            ],
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
    # A viewpoint's own topics, not its article's: a forum on mangroves may hear a speaker
    # on industrial policy, who belongs on no mangroves page. New viewpoints are proposed
    # their article's topics in the admin (editorial/admin/bulletins.py).
    topics = models.ManyToManyField(
        "topics.Topic",
        verbose_name=_("topics"),
        blank=True,
        related_name="viewpoints",
        help_text=_(
            "What this speaker talked about; the viewpoint appears on these topics' pages. "
            "Proposed from the article's topics."
        ),
    )

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
