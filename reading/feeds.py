"""RSS 2.0 and Atom feeds of new issues, one per language (/<lang>/feeds/rss/, …/atom/).

Texts missing in the feed's language come by lmec.localized's fallback chain (English
before Chinese for the Mekong languages), marked with their ``lang``.

One item per issue, its current version: a corrected version is the same item, updated.
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lmec.headlines import plain_texts
from lmec.localized import text_in
from publishing.models import EditionArticle
from publishing.selectors import current_editions, with_first_publication
from reading.pages import issue_label
from reading.templatetags.reading import lang_attr

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
