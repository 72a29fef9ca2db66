"""The home page and robots.txt."""

from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from bulletins.models import Bulletin, published_condition
from events.models import Event
from lmec.page_cache import cacheable_page
from lmec.seo import PageMeta, site_description
from partners.models import Organization
from reading.presenters import article_texts
from reading.views.issues import headlines_prefetch, issue_title, published_articles
from topics.models import Topic

HOME_ARTICLES = 6
HOME_EVENTS = 4
HOME_PARTNERS = 12


@cacheable_page
def home(request):
    """The latest issue and its contents, recent articles, events, partners and topics."""
    latest = Bulletin.objects.published().prefetch_related(headlines_prefetch()).first()
    latest_articles = (
        [article_texts(a, latest.source_language) for a in latest.articles.all()] if latest else []
    )
    recent_articles = published_articles()
    if latest is not None:
        recent_articles = recent_articles.exclude(bulletin=latest)
    today = timezone.localdate()
    context = {
        "latest": latest,
        "latest_articles": latest_articles,
        "latest_title": issue_title(latest, []) if latest else "",
        "recent_articles": [article_texts(article) for article in recent_articles[:HOME_ARTICLES]],
        "upcoming_events": Event.objects.filter(end_date__gte=today).order_by("start_date")[
            :HOME_EVENTS
        ],
        "recent_events": Event.objects.filter(end_date__lt=today).order_by("-start_date")[
            :HOME_EVENTS
        ],
        "partners": Organization.objects.annotate(
            viewpoint_count=Count(
                "viewpoints", filter=published_condition("viewpoints__article__bulletin__")
            )
        )
        .filter(viewpoint_count__gt=0)
        .order_by("-viewpoint_count", "slug")[:HOME_PARTNERS],
        "topics": Topic.objects.all(),
        "meta": PageMeta(title="", description=site_description()),
    }
    return render(request, "home.html", context)


@cacheable_page
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("django.contrib.sitemaps.views.sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/search/",
        f"Sitemap: {sitemap_url}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
