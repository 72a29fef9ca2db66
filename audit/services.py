"""Recording to the audit log. Any app may call ``audit_record``; it imports none of them."""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from audit.models import AuditEntry


def audit_record(
    *, user, action: str, obj: models.Model | None = None, detail: str = ""
) -> AuditEntry:
    """Record that ``user`` did ``action`` (an ``AuditEntry.Action``) to ``obj``.

    ``user`` may be None or anonymous for work done by the system (a management command);
    ``detail`` says what else is worth knowing: the publication time, the exported format.
    """
    if user is not None and not user.is_authenticated:
        user = None
    entry = AuditEntry(
        user=user,
        username=user.get_username() if user else "",
        action=action,
        detail=detail,
    )
    if obj is not None:
        entry.content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        entry.object_id = str(obj.pk)
        entry.object_repr = str(obj)[:255]
    entry.full_clean()
    entry.save()
    return entry
