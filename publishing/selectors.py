"""Reads of what is published, shared by the reading site, the pipeline and the services.

Everything here goes through ``current_condition`` (editions) or the published copies of
the registry: no function returns an editor's working record.
"""

from django.db.models import OuterRef, Q, Subquery
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
    """The edition of each issue that readers see now, without its frozen texts."""
    return Edition.objects.current().without_content()


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
        editions = editions.filter(articles__topic_ids__contains=[obj.pk])
    else:
        return []
    return list(editions.distinct().order_by("year", "number"))
