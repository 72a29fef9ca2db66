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
    regex = "[0-9]{1,3}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(int(value))


register_converter(YearConverter, "year")
register_converter(NumberConverter, "number")

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
