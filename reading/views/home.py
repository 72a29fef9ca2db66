"""The home page and robots.txt."""

from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from events.models import Event
from lmec.localized import text_in
from lmec.page_cache import cacheable_page
from lmec.seo import PageMeta, site_description
from partners.models import Organization
from publishing.models import EditionArticle, EditionViewpoint, current_condition
from publishing.selectors import current_editions, public_copies, published_articles
from reading.presenters import article_with_texts, partners_with_names
from reading.registry import public_records
from topics.models import Topic

HOME_ARTICLES = 6
HOME_EVENTS = 4
HOME_PARTNERS = 12


@cacheable_page
def home(request):
    """The latest issue and its contents, recent articles, events, partners and topics."""
    latest = current_editions().order_by("-year", "-number").first()
    latest_articles = []
    if latest is not None:
        latest_articles = [
            article_with_texts(article)
            for article in EditionArticle.objects.filter(edition=latest)
            .select_related("edition")
            .defer("edition__content")
            .order_by("position")
        ]
    recent_articles = published_articles()
    if latest is not None:
        recent_articles = recent_articles.exclude(edition=latest)
    today = timezone.localdate()
    events = public_copies(Event)
    context = {
        "latest": latest,
        "latest_articles": latest_articles,
        "latest_title": _own_title(latest, latest_articles),
        "recent_articles": [article_with_texts(a) for a in recent_articles[:HOME_ARTICLES]],
        "upcoming_events": public_records(
            events.filter(end_date__gte=today).order_by("start_date")[:HOME_EVENTS]
        ),
        "recent_events": public_records(
            events.filter(end_date__lt=today).order_by("-start_date")[:HOME_EVENTS]
        ),
        "partners": _quoted_partners(),
        "topics": public_records(public_copies(Topic)),
        "meta": PageMeta(title="", description=site_description()),
    }
    return render(request, "home.html", context)


def _own_title(edition, articles):
    """The issue's title, unless it is only its lead article's headline (the list of its
    articles says it already)."""
    if edition is None or (articles and edition.title == articles[0].texts["headline"]):
        return ""
    return text_in(edition.title, get_language(), edition.source_language)


def _quoted_partners():
    """The partners quoted most often in the issues readers see."""
    counts = (
        EditionViewpoint.objects.filter(current_condition("edition__"))
        .values("organization_id")
        .annotate(quoted=Count("pk"))
        .order_by("-quoted", "organization_id")[:HOME_PARTNERS]
    )
    order = [row["organization_id"] for row in counts]
    copies = {copy.pk: copy for copy in public_copies(Organization).filter(pk__in=order)}
    return partners_with_names(
        public_records([copies[pk] for pk in order if pk in copies]), sort=True
    )


@cacheable_page
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/search/",
        f"Sitemap: {sitemap_url}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
