"""Who else has a record open in the admin: "Li has been editing this since 10:42".

Each open change form keeps an ``EditingPresence`` alive: made when the page is opened,
refreshed by a small request every minute (static/js/admin-presence.js), removed when the
page is left. One that has not been refreshed for ``STALE_AFTER`` is someone who went
away without saying so (a closed laptop); it is ignored and cleared. No websocket: a
record in the database that every server sees.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from editorial.models import EditingPresence

PING_SECONDS = 60
STALE_AFTER = datetime.timedelta(seconds=3 * PING_SECONDS)


def _record(obj) -> dict:
    return {"content_type": ContentType.objects.get_for_model(obj), "object_id": str(obj.pk)}


def presence_refresh(*, user, obj) -> None:
    """``user`` has ``obj`` open now (since their first refresh that is not stale)."""
    now = timezone.now()
    presence, created = EditingPresence.objects.get_or_create(
        user=user, **_record(obj), defaults={"since": now, "seen_at": now}
    )
    if not created:
        if presence.seen_at < now - STALE_AFTER:
            presence.since = now
        presence.seen_at = now
        presence.save(update_fields=["since", "seen_at"])


def presence_end(*, user, obj) -> None:
    EditingPresence.objects.filter(user=user, **_record(obj)).delete()


def others_editing(*, user, obj) -> list[EditingPresence]:
    """The other people who have ``obj`` open, first come first."""
    fresh = timezone.now() - STALE_AFTER
    EditingPresence.objects.filter(seen_at__lt=fresh).delete()
    return list(
        EditingPresence.objects.filter(**_record(obj), seen_at__gte=fresh)
        .exclude(user=user)
        .select_related("user")
        .order_by("since")
    )


def editing_now(request, obj) -> list[EditingPresence]:
    """For a change form being shown: note its editor, and say who else is there."""
    presence_refresh(user=request.user, obj=obj)
    return others_editing(user=request.user, obj=obj)


def describe(others: list[EditingPresence]) -> str:
    """ "Li has been editing this since 10:42." in the active language, or ""."""
    from django.utils import formats
    from django.utils.translation import gettext as _

    return " ".join(
        _("%(name)s has been editing this since %(time)s.")
        % {
            "name": presence.user.get_full_name() or presence.user.get_username(),
            "time": formats.time_format(timezone.localtime(presence.since), "H:i"),
        }
        for presence in others
    )
