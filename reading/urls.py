"""Every public page, mounted under a language prefix by lmec/urls.py.

The names are those of PRODUCT.md's sections: ``home``, ``bulletins:…`` (the archive,
issues, articles, their PDFs, topics, search, feeds, preview links), ``partners:…``,
``events:…`` and ``subscriptions:…`` (mail).
"""

from django.urls import include, path, register_converter

from lmec.page_cache import cacheable_page
from reading import feeds
from reading.views import (
    events,
    home,
    issues,
    partners,
    pdfs,
    previews,
    search,
    subscriptions,
    topics,
)


class YearConverter:
    """Four digits: a longer number would overflow the database column (a 500, not a 404)."""

    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):04d}"


class NumberConverter:
    """An issue's number as written in its address: "2", never "02"."""

    regex = "[1-9][0-9]{0,2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(int(value))


class PaddedNumberConverter(NumberConverter):
    """A number with leading zeros ("02", "002"): the same issue, at another address, which
    redirects to its own (reading/views/issues.py ``to_canonical_address``)."""

    regex = "0+[1-9][0-9]{0,2}"


register_converter(YearConverter, "year")
register_converter(NumberConverter, "number")
register_converter(PaddedNumberConverter, "padded")

bulletin_patterns = (
    [
        path("bulletins/", issues.archive, name="archive"),
        path("bulletins/<year:year>/", issues.archive, name="archive-year"),
        path(
            "bulletins/<year:year>/<number:number>/",
            issues.issue,
            name="detail",
        ),
        # An issue's PDFs go before the article pattern, whose slug would match "pdf".
        path("bulletins/<year:year>/<number:number>/pdf/", pdfs.bulletin_pdf, name="pdf"),
        path(
            "bulletins/<year:year>/<number:number>/pdf/bilingual/",
            pdfs.bulletin_pdf,
            {"bilingual": True},
            name="pdf-bilingual",
        ),
        path(
            "bulletins/<year:year>/<number:number>/<slug:slug>/",
            issues.article,
            name="article",
        ),
        # /2020/02/ and /2020/002/…: moved for good to /2020/2/… (one address per page).
        path(
            "bulletins/<year:year>/<padded:number>/",
            issues.to_canonical_address,
            {"view": "bulletins:detail"},
        ),
        path(
            "bulletins/<year:year>/<padded:number>/pdf/",
            issues.to_canonical_address,
            {"view": "bulletins:pdf"},
        ),
        path(
            "bulletins/<year:year>/<padded:number>/pdf/bilingual/",
            issues.to_canonical_address,
            {"view": "bulletins:pdf-bilingual"},
        ),
        path(
            "bulletins/<year:year>/<padded:number>/<slug:slug>/",
            issues.to_canonical_address,
            {"view": "bulletins:article"},
        ),
        path("topics/", topics.TopicListView.as_view(), name="topic-list"),
        path("topics/<slug:slug>/", topics.TopicDetailView.as_view(), name="topic-detail"),
        path(
            "topics/<slug:slug>/feeds/rss/",
            cacheable_page(feeds.TopicArticlesFeed()),
            name="topic-feed-rss",
        ),
        path(
            "topics/<slug:slug>/feeds/atom/",
            cacheable_page(feeds.TopicArticlesAtomFeed()),
            name="topic-feed-atom",
        ),
        path("search/", search.search, name="search"),
        path("feeds/rss/", cacheable_page(feeds.LatestIssuesFeed()), name="feed-rss"),
        path("feeds/atom/", cacheable_page(feeds.LatestIssuesAtomFeed()), name="feed-atom"),
        # Preview links for reviewers without an account (publishing/previews.py).
        path("preview/<str:token>/", previews.issue_preview, name="preview"),
        path(
            "preview/<str:token>/<slug:slug>/",
            previews.article_preview,
            name="preview-article",
        ),
    ],
    "bulletins",
)
partner_patterns = (
    [
        path("", partners.OrganizationListView.as_view(), name="list"),
        path("<slug:slug>/", partners.OrganizationDetailView.as_view(), name="detail"),
        path(
            "<slug:slug>/feeds/rss/",
            cacheable_page(feeds.PartnerViewpointsFeed()),
            name="feed-rss",
        ),
        path(
            "<slug:slug>/feeds/atom/",
            cacheable_page(feeds.PartnerViewpointsAtomFeed()),
            name="feed-atom",
        ),
    ],
    "partners",
)
event_patterns = (
    [
        path("", events.EventListView.as_view(), name="list"),
        path("calendar.ics", events.calendar, name="calendar"),
        path("<slug:slug>/", events.EventDetailView.as_view(), name="detail"),
        path("<slug:slug>/calendar.ics", events.event_calendar, name="event-calendar"),
    ],
    "events",
)

# New issues by e-mail; <key> is a subscriber's secret (publishing/mail/subscriptions.py).
subscription_patterns = (
    [
        path("", subscriptions.subscribe, name="subscribe"),
        path("sent/", subscriptions.sent, name="sent"),
        path("confirm/<str:token>/", subscriptions.confirm, name="confirm"),
        path("<str:key>/", subscriptions.manage, name="manage"),
        path("<str:key>/unsubscribe/", subscriptions.unsubscribe, name="unsubscribe"),
    ],
    "subscriptions",
)

urlpatterns = [
    path("", home.home, name="home"),
    path("", include(bulletin_patterns)),
    path("subscribe/", include(subscription_patterns)),
    path("partners/", include(partner_patterns)),
    path("events/", include(event_patterns)),
]
