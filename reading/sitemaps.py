"""/sitemap.xml: an index of the sections' sitemaps (/sitemap-issues.xml, …, in pages of
500 addresses), which list every public page in every language it is published in, with
its hreflang alternates. An issue and its articles are listed in the languages their current version
is published in, exactly those their pages offer; other pages in every language."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from events.models import Event
from partners.models import Organization
from publishing.models import EditionArticle, current_condition
from publishing.selectors import current_editions, public_copies
from topics.models import Topic


class ReadingSitemap(Sitemap):
    """Each item is listed once per language, with links to its other languages and an
    x-default (the address without a language, which redirects by the browser's)."""

    i18n = True
    alternates = True
    x_default = True
    limit = 500  # addresses (an item in one language) per page of a section's sitemap

    def items(self):
        # Read once: the index asks each section for its pages and its latest change.
        if not hasattr(self, "_items_listed"):
            self._items_listed = list(self.listed())
        return self._items_listed


class SectionSitemap(ReadingSitemap):
    changefreq = "weekly"

    def listed(self):
        return [
            "home",
            "bulletins:archive",
            "partners:list",
            "events:list",
            "bulletins:topic-list",
        ]

    def location(self, name):
        return reverse(name)


class ArchiveYearSitemap(ReadingSitemap):
    """The archive's years: stable addresses of its pages (the archive itself pages on
    as issues are added)."""

    changefreq = "monthly"

    def listed(self):
        return list(current_editions().order_by("-year").values_list("year", flat=True).distinct())

    def location(self, year):
        return reverse("bulletins:archive-year", kwargs={"year": year})


class IssueSitemap(ReadingSitemap):
    def listed(self):
        return current_editions().order_by("-year", "-number")

    def get_languages_for_item(self, edition):
        return edition.languages

    def lastmod(self, edition):
        return edition.published_at


class ArticleSitemap(ReadingSitemap):
    def listed(self):
        return (
            EditionArticle.objects.filter(current_condition("edition__"))
            .select_related("edition")
            .defer("edition__content")
            .order_by("pk")
        )

    def get_languages_for_item(self, article):
        return article.edition.languages

    def lastmod(self, article):
        return article.edition.published_at


class RecordSitemap(ReadingSitemap):
    model = None

    def listed(self):
        return public_copies(self.model).only("slug", "published_at").order_by("pk")

    def location(self, copy):
        return reverse(self.url_name, kwargs={"slug": copy.slug})

    def lastmod(self, copy):
        return copy.published_at


class PartnerSitemap(RecordSitemap):
    model = Organization
    url_name = "partners:detail"


class EventSitemap(RecordSitemap):
    model = Event
    url_name = "events:detail"


class TopicSitemap(RecordSitemap):
    model = Topic
    url_name = "bulletins:topic-detail"


SITEMAPS = {
    "sections": SectionSitemap,
    "years": ArchiveYearSitemap,
    "issues": IssueSitemap,
    "articles": ArticleSitemap,
    "partners": PartnerSitemap,
    "events": EventSitemap,
    "topics": TopicSitemap,
}
