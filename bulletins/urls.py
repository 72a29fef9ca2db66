from django.urls import include, path, register_converter

from bulletins import event_views, feeds, partner_views, preview_views, views
from bulletins.search_views import search
from events import views as events_views
from lmec.page_cache import cacheable_page
from partners import views as partners_views


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

app_name = "bulletins"

urlpatterns = [
    path("bulletins/", views.ArchiveView.as_view(), name="archive"),
    path("bulletins/<year:year>/", views.ArchiveView.as_view(), name="archive-year"),
    path(
        "bulletins/<year:year>/<number:number>/", views.BulletinDetailView.as_view(), name="detail"
    ),
    # An issue's other pages (its PDFs, ".../pdf/") go before the article pattern,
    # whose slug would match them.
    path("", include("bulletins.pdf.urls")),
    path(
        "bulletins/<year:year>/<number:number>/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="article",
    ),
    path("topics/", views.TopicListView.as_view(), name="topic-list"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic-detail"),
    path("search/", search, name="search"),
    path("feeds/rss/", cacheable_page(feeds.LatestIssuesFeed()), name="feed-rss"),
    path("feeds/atom/", cacheable_page(feeds.LatestIssuesAtomFeed()), name="feed-atom"),
    # Preview links for reviewers without an account (bulletins/preview.py).
    path("preview/<str:token>/", preview_views.BulletinPreviewView.as_view(), name="preview"),
    path(
        "preview/<str:token>/<slug:slug>/",
        preview_views.ArticlePreviewView.as_view(),
        name="preview-article",
    ),
]

# The partner and event pages show viewpoints and articles, so their detail views live
# here; lmec/urls.py mounts these lists under /<lang>/partners/ and /<lang>/events/ with
# the namespaces "partners" and "events".
partner_patterns = (
    [
        path("", partners_views.OrganizationListView.as_view(), name="list"),
        path("<slug:slug>/", partner_views.OrganizationDetailView.as_view(), name="detail"),
    ],
    "partners",
)
event_patterns = (
    [
        path("", events_views.EventListView.as_view(), name="list"),
        path("calendar.ics", events_views.calendar, name="calendar"),
        path("<slug:slug>/", event_views.EventDetailView.as_view(), name="detail"),
    ],
    "events",
)
