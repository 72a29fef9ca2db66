"""An edition's content ready to show in one language: the one way from a frozen document
(publishing/snapshot.py) to what a page, a PDF, a feed or the search index shows.

``FrozenIssue(content, language)`` gives the issue with its articles, viewpoints, images
and closing blocks; each text is a ``LocalizedText`` found by the fallback chain
(``lmec.localized.language_chain``) among the edition's languages, so it knows the
language it is really in. The speaker line (who spoke, with which title, for whom) is
composed here once for every output.
"""

import datetime
from dataclasses import dataclass
from functools import cached_property

from babel.lists import format_list
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from lmec import headlines, renditions
from lmec.dates import format_year
from lmec.languages import babel_locale
from lmec.localized import LocalizedText, text_in
from lmec.seo import describe, first_sentence
from partners.naming import display_name, monogram

COVER_TONES = 4


def cover_tone(number: int) -> int:
    """Which colour the generated cover of an issue without a cover image gets: they
    follow each other through a year's issues."""
    return (number - 1) % COVER_TONES + 1


def _date(value):
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


class _Texts:
    """Attribute access to the texts of one record: ``article.text.headline``."""

    def __init__(self, record: dict, names, language: str, source_language: str):
        for name in names:
            setattr(self, name, text_in(record.get(name) or {}, language, source_language))


class FrozenRegistry:
    """The partners, people, events and topics an edition mentions, as they were."""

    def __init__(self, data: dict, language: str):
        self.data = data
        self.language = language

    def _text(self, kind: str, pk, name: str) -> LocalizedText:
        record = self.data.get(kind, {}).get(str(pk), {})
        # Registry records are written in Chinese first.
        return text_in(record.get(name) or {}, self.language, "zh-hans")

    def slug(self, kind: str, pk) -> str:
        return self.data.get(kind, {}).get(str(pk), {}).get("slug", "")

    def organization(self, pk):
        record = self.data.get("organizations", {}).get(str(pk), {})
        return FrozenOrganization(
            pk=pk,
            slug=record.get("slug", ""),
            name=self._text("organizations", pk, "name"),
            short_names=record.get("short_name") or {},
            all_names=[
                *(record.get("name") or {}).values(),
                *(record.get("short_name") or {}).values(),
            ],
            logo=record.get("logo", ""),
        )

    def person_name(self, pk) -> LocalizedText:
        return self._text("people", pk, "name")

    def event(self, pk):
        if pk is None:
            return None
        return FrozenLink(
            pk, self.slug("events", pk), self._text("events", pk, "title"), "events:detail"
        )

    def topic(self, pk):
        return FrozenLink(
            pk, self.slug("topics", pk), self._text("topics", pk, "name"), "bulletins:topic-detail"
        )


class FrozenLink:
    """An event or a topic as an edition names it, with the address of its page."""

    def __init__(self, pk, slug, name, url_name):
        self.pk, self.slug, self.name, self.url_name = pk, slug, name, url_name

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(self.url_name, kwargs={"slug": self.slug})


class FrozenOrganization:
    def __init__(self, pk, slug, name, short_names, all_names=(), logo=""):
        self.pk, self.slug = pk, slug
        self.name = display_name(name, short_names)  # partners/naming.py: one rule
        self.all_names = list(all_names)
        self.monogram = monogram(name, short_names)
        self.logo = StoredFile(logo) if logo else None

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:detail", kwargs={"slug": self.slug})


class FrozenImage:
    def __init__(self, record: dict, language: str, source_language: str):
        self.pk = record["id"]
        self.name = record["name"]
        self.width, self.height = record.get("width"), record.get("height")
        self.text = _Texts(record, ("alt_text", "caption", "credit"), language, source_language)
        self.text.alt = self.text.alt_text

    @cached_property
    def sources(self) -> "renditions.Sources":
        return renditions.sources(StoredFile(self.name), self.width, self.height)


class StoredFile:
    """What lmec.renditions and templates need of a stored image: its name, storage, URL."""

    storage = default_storage

    def __init__(self, name):
        self.name = name

    def __bool__(self):
        return bool(self.name)

    @property
    def url(self):
        return self.storage.url(self.name)

    @property
    def shown_url(self):
        """The largest rendition: what a reader gets where one file is linked."""
        return self.storage.url(renditions.rendition_name(self.name, renditions.WIDTHS[-1]))

    @property
    def small_url(self):
        """The smallest rendition: for a logo or a cover shown small."""
        return self.storage.url(renditions.rendition_name(self.name, renditions.WIDTHS[0]))


@dataclass(frozen=True)
class Attribution:
    """Who said a viewpoint: the speaker (a person's name, or the label of an unnamed
    speaker), the title they spoke with, the organization unless the speaker's label
    already names it, and all of it as one line (for feeds, search results, PDFs)."""

    speaker: str
    title: str
    organization: str
    line: str


def names_organization(label: str, organization_names) -> bool:
    """Whether an unnamed speaker's label ("世界自然基金会代表", "WWF representative")
    names the organization already, in any of its names."""
    label = label.casefold()
    return any(name and name.casefold() in label for name in organization_names)


def attribution(*, speaker, title, organization, organization_names, named) -> Attribution:
    """The one rule for signing a viewpoint, used by pages, PDFs, feeds and search:
    a named speaker with the title and the organization ("Kerstin Brauneder, Technical
    Adviser, Wildlife Conservation Society (WCS)" / "野生生物保护学会技术顾问Kerstin
    Brauneder"); an unnamed one by the label, naming the organization once
    ("世界自然基金会代表"); no speaker, the organization alone."""
    if not named:
        title = ""
        if speaker and names_organization(speaker, organization_names):
            return Attribution(speaker, "", "", str(speaker))
    if not speaker:
        return Attribution("", "", organization, str(organization))
    language = getattr(title or speaker, "lang", None) or translation.get_language()
    with translation.override(language):
        if title:
            line = _("%(name)s, %(title)s, %(organization)s") % {
                "name": speaker,
                "title": title,
                "organization": organization,
            }
        else:
            line = _("%(name)s, %(organization)s") % {"name": speaker, "organization": organization}
    return Attribution(speaker, title, organization, line)


class FrozenViewpoint:
    def __init__(self, record: dict, article, registry: FrozenRegistry, language, source_language):
        self.pk = record["id"]
        self.article = article
        self.organization = registry.organization(record["organization"])
        self.person_id = record.get("person")
        texts = _Texts(
            record, ("speaker_label", "speaker_title", "statement"), language, source_language
        )
        speaker = registry.person_name(self.person_id) if self.person_id else texts.speaker_label
        self.text = _Texts({}, (), language, source_language)
        self.text.statement = texts.statement
        self.text.speaker = speaker
        self.text.title = texts.speaker_title
        self.text.organization = self.organization.name

    @cached_property
    def attribution(self) -> Attribution:
        return attribution(
            speaker=self.text.speaker,
            title=self.text.title,
            organization=self.organization.name,
            organization_names=self.organization.all_names,
            named=bool(self.person_id),
        )

    def speaker_line(self) -> str:
        """Who spoke, for whom, as one line (``attribution``)."""
        return self.attribution.line


def with_headline_lines(texts) -> None:
    """``texts.headline`` as one line (titles, feeds, search, meta), and the lines the editor
    marked with "|" as ``headline_lines`` and ``headline_html`` (pages and PDFs; see
    lmec/headlines.py)."""
    marked = texts.headline
    texts.headline = marked.replaced(headlines.plain(marked))
    texts.headline_lines = [marked.replaced(line) for line in headlines.lines(marked)]
    texts.headline_html = headlines.as_html(marked)


class FrozenArticle:
    def __init__(self, record: dict, issue: "FrozenIssue"):
        language, source = issue.language, issue.source_language
        self.issue = issue
        self.bulletin = issue  # templates written for records say article.bulletin
        self.pk = record["id"]
        self.slug = record["slug"]
        self.position = record["position"]
        self.text = _Texts(
            record, ("kicker", "headline", "body", "viewpoints_heading"), language, source
        )
        with_headline_lines(self.text)
        self.event = issue.registry.event(record.get("event"))
        self.topics = [issue.registry.topic(pk) for pk in record.get("topics", [])]
        self.topic_ids = record.get("topics", [])
        self.images = [FrozenImage(image, language, source) for image in record.get("images", [])]
        self.viewpoints = [
            FrozenViewpoint(viewpoint, self, issue.registry, language, source)
            for viewpoint in record.get("viewpoints", [])
        ]

    def __str__(self):
        return self.text.headline

    def get_absolute_url(self):
        return self.issue.article_url(self)

    @cached_property
    def description(self) -> LocalizedText:
        """What the article is about, for cards and sharing: its first sentence, or, for
        an article of viewpoints only, whose they are."""
        language = self.issue.language
        if body := self.text.body:
            return LocalizedText(describe(first_sentence(body)), body.lang, language)
        names = list(dict.fromkeys(str(said.organization.name) for said in self.viewpoints))
        if not names:
            return LocalizedText("", language, language)
        with translation.override(language):
            line = _("Viewpoints of %(organizations)s") % {
                "organizations": format_list(names, locale=babel_locale(language))
            }
        return LocalizedText(describe(line), language, language)


class FrozenContact:
    def __init__(self, record: dict, language: str, source_language: str):
        names = text_in(record.get("organization_names") or {}, language, source_language)
        self.organization_names = names
        self.organization_name_list = [
            LocalizedText(line.strip(), names.lang, language)
            for line in names.splitlines()
            if line.strip()
        ]
        self.address = text_in(record.get("address") or {}, language, source_language)
        self.wechat = text_in(record.get("wechat") or {}, language, source_language)
        self.postcode = record.get("postcode", "")
        self.phone = record.get("phone", "")
        self.fax = record.get("fax", "")
        self.emails = record.get("emails", [])
        self.website = record.get("website", "")
        self.wechat_qr = record.get("wechat_qr", "")


class FrozenIssue:
    """An edition's content in one reader's language (see the module's docstring)."""

    def __init__(self, content: dict, language: str, *, article_url=None, page_view=None):
        self.content = content
        self.language = language
        self.source_language = content["source_language"]
        self.languages = content["languages"]
        self.year = content["year"]
        self.number = content["number"]
        self.publication_date = _date(content["publication_date"])
        self.registry = FrozenRegistry(content.get("registry", {}), language)
        self._article_url = article_url
        self._page_view = page_view
        source = self.source_language
        self.title = text_in(content.get("title") or {}, language, source)
        self.summary = text_in(content.get("summary") or {}, language, source)
        cover = content.get("cover_image")
        self.cover_image = StoredFile(cover["name"]) if cover else None
        self.cover_image_alt = text_in(cover["alt"], language, source) if cover else ""
        self.contact = FrozenContact(content["contact"], language, source)
        self.about = text_in(content["about"].get("text") or {}, language, source)
        self.articles = [FrozenArticle(article, self) for article in content["articles"]]

    @property
    def cover(self):
        return self.cover_image

    @property
    def cover_tone(self) -> int:
        return cover_tone(self.number)

    @property
    def label(self):
        return _("No. %(number)s, %(year)s") % {
            "number": self.number,
            "year": format_year(self.year),
        }

    @property
    def display_title(self) -> LocalizedText:
        """The issue's own title, else its lead article's headline."""
        if self.title or not self.articles:
            return self.title
        return self.articles[0].text.headline

    def get_absolute_url(self):
        return reverse("bulletins:detail", kwargs={"year": self.year, "number": self.number})

    def article_url(self, article) -> str:
        if self._article_url is not None:
            return self._article_url(article)
        return reverse(
            "bulletins:article",
            kwargs={"year": self.year, "number": self.number, "slug": article.slug},
        )

    def page_view(self, article=None):
        """(URL name, arguments) of the issue's page or one of its articles' (for the link
        to the same page in another language); a preview link's pages set their own."""
        if self._page_view is not None:
            return self._page_view(article)
        kwargs = {"year": self.year, "number": self.number}
        if article is None:
            return "bulletins:detail", kwargs
        return "bulletins:article", kwargs | {"slug": article.slug}

    def article(self, slug: str):
        return next((article for article in self.articles if article.slug == slug), None)
