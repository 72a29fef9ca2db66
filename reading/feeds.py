"""RSS 2.0 and Atom feeds of new issues, one per language (/<lang>/feeds/rss/, …/atom/),
and of a topic's articles and a partner's viewpoints (/<lang>/topics/<slug>/feeds/rss/,
/<lang>/partners/<slug>/feeds/rss/, …/atom/).

Texts missing in the feed's language come by lmec.localized's fallback chain (English
before Chinese for the Mekong languages), marked with their ``lang``.

One item per issue, its current version: a corrected version is the same item, updated.
"""

from django.contrib.syndication.views import Feed
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lmec.headlines import plain_texts
from lmec.localized import localized, text_in
from partners.models import Organization
from partners.naming import organization_name
from publishing.models import Edition, EditionArticle
from publishing.selectors import (
    current_editions,
    public_copies,
    published_articles,
    published_viewpoints,
    with_first_publication,
)
from reading.pages import issue_label
from reading.presenters import article_with_texts, viewpoint_with_texts
from reading.registry import public_records
from reading.templatetags.reading import lang_attr
from topics.models import Topic

ITEMS = 20


class LatestIssuesFeed(Feed):
    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("Bulletin of the Lancang-Mekong Environmental Cooperation Center")

    def link(self):
        return reverse("bulletins:archive")

    def feed_url(self):
        return self.request.path

    def description(self):
        return _("New issues of the bulletin, with their articles.")

    def author_name(self):
        return _("Lancang-Mekong Environmental Cooperation Center")

    def feed_copyright(self):
        return _("Lancang-Mekong Environmental Cooperation Center")

    def items(self):
        editions = list(
            with_first_publication(current_editions()).order_by("-year", "-number")[:ITEMS]
        )
        headlines = {}
        for article in EditionArticle.objects.filter(edition__in=editions).order_by("position"):
            headlines.setdefault(article.edition_id, []).append(
                plain_texts(article.texts["headline"])
            )
        for edition in editions:
            edition.headlines = headlines.get(edition.pk, [])
        return editions

    def _text(self, edition, values):
        return text_in(values, get_language(), edition.source_language)

    def item_title(self, edition):
        title = self._text(edition, edition.title)
        label = issue_label(edition)
        return f"{label} · {title}" if title else label

    def item_description(self, edition):
        summary = self._text(edition, edition.summary)
        headlines = [self._text(edition, headline) for headline in edition.headlines]
        items = format_html_join(
            "", "<li{}>{}</li>", ((lang_attr(headline), headline) for headline in headlines)
        )
        return format_html(
            "{}<ul>{}</ul>",
            format_html("<p{}>{}</p>", lang_attr(summary), summary) if summary else "",
            items,
        )

    def item_link(self, edition):
        return edition.get_absolute_url()

    def item_guid(self, edition):
        return self.request.build_absolute_uri(edition.get_absolute_url())

    item_guid_is_permalink = True

    def item_pubdate(self, edition):
        return edition.first_published_at

    def item_updateddate(self, edition):
        return edition.published_at


class LatestIssuesAtomFeed(LatestIssuesFeed):
    feed_type = Atom1Feed
    subtitle = LatestIssuesFeed.description


# Feeds of one topic's articles and of one partner's viewpoints, per language, from the
# current editions' read rows (publishing/selectors.py), announced on those pages.


def alternate_links(title: str, rss_url: str, atom_url: str) -> list[dict]:
    """The ``<link rel="alternate">`` of a page's own feeds (base.html ``feeds``)."""
    return [
        {"type": "application/rss+xml", "title": f"{title} (RSS)", "url": rss_url},
        {"type": "application/atom+xml", "title": f"{title} (Atom)", "url": atom_url},
    ]


def _first_published(rows):
    """Rows of current editions with ``first_published_at``: their issue's first version."""
    first = Edition.objects.filter(bulletin=OuterRef("edition__bulletin")).order_by("version")
    return rows.annotate(first_published_at=Subquery(first.values("published_at")[:1]))


class TopicArticlesFeed(LatestIssuesFeed):
    """The newest articles about a topic: /<lang>/topics/<slug>/feeds/rss/ (…/atom/)."""

    def get_object(self, request, slug):
        copy = get_object_or_404(public_copies(Topic), slug=slug)
        topic = public_records([copy])[0]
        topic.name_text = localized(topic, "name")
        return topic

    def title(self, topic):
        return topic_feed_title(topic.name_text)

    def link(self, topic):
        return topic.get_absolute_url()

    def description(self, topic):
        return _("Articles, viewpoints and events about %(topic)s.") % {"topic": topic.name_text}

    def items(self, topic):
        articles = _first_published(published_articles().filter(topic_ids__contains=[topic.pk]))
        return [article_with_texts(article) for article in articles[:ITEMS]]

    def item_title(self, article):
        return f"{article.text.headline} · {issue_label(article.edition)}"

    def item_description(self, article):
        return format_html(
            "<p{}>{}</p>", lang_attr(article.text.description), article.text.description
        )

    def item_link(self, article):
        return article.get_absolute_url()

    def item_guid(self, article):
        return self.request.build_absolute_uri(article.get_absolute_url())

    def item_pubdate(self, row):
        return row.first_published_at

    def item_updateddate(self, row):
        return row.edition.published_at


class TopicArticlesAtomFeed(TopicArticlesFeed):
    feed_type = Atom1Feed
    subtitle = TopicArticlesFeed.description


class PartnerViewpointsFeed(TopicArticlesFeed):
    """The newest viewpoints of a partner: /<lang>/partners/<slug>/feeds/rss/ (…/atom/)."""

    def get_object(self, request, slug):
        copy = get_object_or_404(public_copies(Organization), slug=slug)
        organization = public_records([copy])[0]
        # Named as on its page: full name, acronym in brackets (partners/naming.py).
        organization.name_text = organization_name(organization)
        return organization

    def title(self, organization):
        return partner_feed_title(organization.name_text)

    def link(self, organization):
        return organization.get_absolute_url()

    def description(self, organization):
        return _("Viewpoints and events of %(name)s.") % {"name": organization.name_text}

    def items(self, organization):
        viewpoints = _first_published(
            published_viewpoints().filter(organization_id=organization.pk)
        )
        return [viewpoint_with_texts(viewpoint) for viewpoint in viewpoints[:ITEMS]]

    def item_title(self, viewpoint):
        return f"{viewpoint.article.text.headline} · {issue_label(viewpoint.edition)}"

    def item_description(self, viewpoint):
        text = viewpoint.text
        source = " · ".join(str(part) for part in (text.speaker, text.title) if part)
        return format_html(
            "<blockquote{}><p>{}</p></blockquote>{}",
            lang_attr(text.statement),
            text.statement,
            format_html("<p{}>{}</p>", lang_attr(text.speaker), source) if source else "",
        )

    def item_link(self, viewpoint):
        return f"{viewpoint.article.get_absolute_url()}#viewpoint-{viewpoint.pk}"

    def item_guid(self, viewpoint):
        return self.request.build_absolute_uri(self.item_link(viewpoint))


class PartnerViewpointsAtomFeed(PartnerViewpointsFeed):
    feed_type = Atom1Feed
    subtitle = PartnerViewpointsFeed.description


def topic_feed_title(name) -> str:
    return _("%(topic)s: new articles") % {"topic": name}


def partner_feed_title(name) -> str:
    return _("%(partner)s: new viewpoints") % {"partner": name}
