"""/sitemap.xml: every public page in every language, with its hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from bulletins.models import Article, Bulletin
from events.models import Event
from partners.models import Organization
from topics.models import Topic


class ReadingSitemap(Sitemap):
    """Each item is listed once per language, with links to its other languages and an
    x-default (the address without a language, which redirects by the browser's)."""

    i18n = True
    alternates = True
    x_default = True


class SectionSitemap(ReadingSitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "home",
            "bulletins:archive",
            "partners:list",
            "events:list",
            "bulletins:topic-list",
        ]

    def location(self, name):
        return reverse(name)


class IssueSitemap(ReadingSitemap):
    def items(self):
        return Bulletin.objects.published().order_by("-year", "-number")

    def lastmod(self, bulletin):
        return bulletin.updated_at


class ArticleSitemap(ReadingSitemap):
    def items(self):
        return Article.objects.published().select_related("bulletin").order_by("pk")

    def lastmod(self, article):
        return article.bulletin.updated_at


class PartnerSitemap(ReadingSitemap):
    def items(self):
        return Organization.objects.order_by("pk")


class EventSitemap(ReadingSitemap):
    def items(self):
        return Event.objects.order_by("pk")


class TopicSitemap(ReadingSitemap):
    def items(self):
        return Topic.objects.order_by("pk")


SITEMAPS = {
    "sections": SectionSitemap,
    "issues": IssueSitemap,
    "articles": ArticleSitemap,
    "partners": PartnerSitemap,
    "events": EventSitemap,
    "topics": TopicSitemap,
}
