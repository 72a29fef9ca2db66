"""RSS 2.0 and Atom feeds of new issues, one per language (/<lang>/feeds/rss/, …/atom/).

Texts missing in the feed's language come by lmec.localized's fallback chain (English
before Chinese for the Mekong languages), marked with their ``lang``."""

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from bulletins.models import Bulletin
from lmec.localized import localized
from reading.templatetags.reading import lang_attr
from reading.views.issues import headlines_prefetch, issue_label, issue_title

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
        return Bulletin.objects.published().prefetch_related(headlines_prefetch())[:ITEMS]

    def item_title(self, bulletin):
        title = issue_title(bulletin, list(bulletin.articles.all()))
        label = issue_label(bulletin)
        return f"{label} · {title}" if title else label

    def item_description(self, bulletin):
        summary = localized(bulletin, "summary")
        headlines = [
            localized(article, "headline", bulletin.source_language)
            for article in bulletin.articles.all()
        ]
        items = format_html_join(
            "", "<li{}>{}</li>", ((lang_attr(headline), headline) for headline in headlines)
        )
        return format_html(
            "{}<ul>{}</ul>",
            format_html("<p{}>{}</p>", lang_attr(summary), summary) if summary else "",
            items,
        )

    def item_link(self, bulletin):
        return bulletin.get_absolute_url()

    def item_guid(self, bulletin):
        return self.request.build_absolute_uri(bulletin.get_absolute_url())

    item_guid_is_permalink = True

    def item_pubdate(self, bulletin):
        if bulletin.published_at:
            return bulletin.published_at
        midnight = datetime.datetime.combine(bulletin.publication_date, datetime.time())
        return timezone.make_aware(midnight)

    def item_updateddate(self, bulletin):
        return max(bulletin.updated_at, self.item_pubdate(bulletin))


class LatestIssuesAtomFeed(LatestIssuesFeed):
    feed_type = Atom1Feed
    subtitle = LatestIssuesFeed.description
