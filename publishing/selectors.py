"""Reads of what is published, used by several outputs."""

from bulletins.models import Bulletin


def next_scheduled_publication(now):
    """When the next scheduled issue goes live, or None."""
    return (
        Bulletin.objects.filter(status=Bulletin.Status.PUBLISHED, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
