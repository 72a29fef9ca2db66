import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.models import Count
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from bulletins.models import Bulletin, published_condition
from bulletins.presenters import article_texts
from bulletins.views import headlines_prefetch, issue_title, published_articles
from events.models import Event
from lmec.page_cache import cacheable_page
from lmec.postgresql.base import connecting_without_wait
from lmec.seo import PageMeta, site_description
from partners.models import Organization
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


@never_cache
def healthz(request):
    """Liveness: the process answers."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def readyz(request):
    """Readiness: the database answers too (at once: a probe does not wait for it)."""
    try:
        with connecting_without_wait(), connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # any failure means "not ready", never a 500 page
        return JsonResponse({"database": "unavailable", "error": type(error).__name__}, status=503)
    return JsonResponse({"database": "ok"})


# Seconds after which a reader may try again when the database was briefly unreachable.
DATABASE_RETRY_AFTER = 5


def server_error(request):
    """The 500 page; a 503 saying "try again in a moment" when the database was unreachable.

    A database restarting or failing over is brief: the reader (or a proxy, with
    Retry-After) should try again, and monitoring can tell it from a bug.
    """
    error = sys.exc_info()[1]
    # psycopg2 reports a connection the server closed as a plain DatabaseError at times.
    if isinstance(error, OperationalError | InterfaceError) or type(error) is DatabaseError:
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())
