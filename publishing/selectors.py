"""Reads of what is published, shared by the reading site, the pipeline and the services.

Everything here goes through ``current_condition`` (editions) or the published copies of
the registry: no function returns an editor's working record.
"""

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce
from django.utils import timezone

from events.models import Event
from partners.models import Organization
from publishing.models import (
    Edition,
    EditionArticle,
    EditionViewpoint,
    PublicEvent,
    PublicOrganization,
    PublicTopic,
    current_condition,
)
from topics.models import Topic


def current_editions():
    """The edition of each issue that readers see now, without its frozen texts (but the
    name of its cover image, ``cover_name``, for the pages that show covers)."""
    return (
        Edition.objects.current()
        .without_content()
        .annotate(cover_name=KT("content__cover_image__name"))
    )


def with_first_publication(editions):
    """``editions`` with ``first_published_at``: when their issue's first version went out."""
    first = Edition.objects.filter(bulletin=OuterRef("bulletin")).order_by("version")
    return editions.annotate(first_published_at=Subquery(first.values("published_at")[:1]))


def current_edition(year: int, number: int, *, with_content: bool = False) -> Edition | None:
    editions = Edition.objects.current().filter(year=year, number=number)
    if not with_content:
        editions = editions.without_content()
    return editions.first()


def published_articles():
    """Articles of the current editions, newest issue first, for pages listing several issues."""
    return (
        EditionArticle.objects.filter(current_condition("edition__"))
        .select_related("edition")
        .defer("edition__content")
        .order_by("-edition__year", "-edition__number", "position")
    )


def published_viewpoints():
    """Viewpoints of the current editions, newest issue first, with their article."""
    return (
        EditionViewpoint.objects.filter(current_condition("edition__"))
        .select_related("article", "edition")
        .defer("edition__content")
        .order_by("-edition__year", "-edition__number", "article__position", "position")
    )


def next_scheduled_publication(now):
    """When the next scheduled version goes live (and the one it replaces goes), or None."""
    return (
        Edition.objects.filter(published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )


PUBLIC_COPIES = {Organization: PublicOrganization, Event: PublicEvent, Topic: PublicTopic}


def public_copies(model):
    """The published copies of a registry model's records."""
    return PUBLIC_COPIES[model].objects.all()


def editions_mentioning(obj) -> list[Edition]:
    """The current or scheduled editions that mention a partner, event or topic."""
    now = timezone.now()
    shown = Q(superseded_at__isnull=True) | Q(superseded_at__gt=now)
    editions = Edition.objects.without_content().filter(shown)
    if isinstance(obj, Organization):
        editions = editions.filter(viewpoints__organization_id=obj.pk)
    elif isinstance(obj, Event):
        editions = editions.filter(articles__event_id=obj.pk)
    elif isinstance(obj, Topic):
        editions = editions.filter(
            Q(articles__topic_ids__contains=[obj.pk]) | Q(viewpoints__topic_ids__contains=[obj.pk])
        )
    else:
        return []
    return list(editions.distinct().order_by("year", "number"))


RELATED_ARTICLES = 3


def related_articles(edition_id: int, slug: str, *, limit: int = RELATED_ARTICLES):
    """Articles of other issues that readers see now, most related first: sharing the
    article's topics (2 each), its event (3) or the organizations of its viewpoints (1
    each). Two queries, whatever the number of issues."""
    article = (
        EditionArticle.objects.filter(edition_id=edition_id, slug=slug)
        .annotate(
            organization_ids=ArrayAgg(
                "viewpoints__organization_id", distinct=True, default=Value([])
            )
        )
        .values("edition__bulletin_id", "topic_ids", "event_id", "organization_ids")
        .first()
    )
    if article is None:
        return EditionArticle.objects.none()
    organizations = [pk for pk in article["organization_ids"] if pk is not None]
    shared_topics = RawSQL(
        "cardinality(ARRAY(SELECT unnest(publishing_editionarticle.topic_ids)"
        " INTERSECT SELECT unnest(%s::bigint[])))",
        (article["topic_ids"],),
        output_field=IntegerField(),
    )
    shared_organizations = Subquery(
        EditionViewpoint.objects.filter(article=OuterRef("pk"), organization_id__in=organizations)
        .order_by()
        .values("article")
        .annotate(count=Count("organization_id", distinct=True))
        .values("count")[:1],
        output_field=IntegerField(),
    )
    same_event = (
        Case(
            When(event_id=article["event_id"], then=Value(3)),
            default=Value(0),
            output_field=IntegerField(),
        )
        if article["event_id"]
        else Value(0, output_field=IntegerField())
    )
    return (
        published_articles()
        .exclude(edition__bulletin_id=article["edition__bulletin_id"])
        .annotate(
            shared_topics=shared_topics,
            shared_organizations=Coalesce(shared_organizations, 0),
            same_event=same_event,
        )
        .filter(Q(shared_topics__gt=0) | Q(shared_organizations__gt=0) | Q(same_event__gt=0))
        .annotate(relatedness=2 * F("shared_topics") + F("same_event") + F("shared_organizations"))
        .order_by("-relatedness", "-edition__year", "-edition__number", "position")[:limit]
    )
