"""What editors do to records through the desk's history: restore a version, recover a
deleted record; and who may delete an issue.

Each function takes keyword arguments only and checks that ``user`` may do it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from reversion.errors import RevertError
from reversion.models import Version

from audit.models import AuditEntry
from audit.revisions import (
    comment,
    ensure_recorded,
    model_of,
    record_revision,
    revert_tree,
    revision_time,
)
from audit.services import audit_record
from bulletins.models import Bulletin
from editorial.translators import may_edit_source

Status = Bulletin.Status
PUBLISH = "bulletins.publish_bulletin"


def _check(user, obj_or_model, action):
    opts = obj_or_model._meta
    if not user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}"):
        raise PermissionDenied


def version_restore(*, version: Version, user, after_revert=None) -> models.Model:
    """Restore a record (with the records that belong to it) to a stored version.

    ``after_revert(record)`` may adjust the restored record before the new revision is
    recorded (an issue keeps its workflow status).
    """
    model = model_of(version)
    _check(user, model, "change")
    if not may_edit_source(user):
        raise PermissionDenied
    current = model._default_manager.filter(pk=version.object_id).first()
    if current is None:
        raise RevertError(
            _("This record was deleted; recover it from the list of deleted records.")
        )
    with transaction.atomic():
        ensure_recorded(current, user=user, why=comment(gettext_noop("State before a restore")))
        restored = revert_tree(version)
        if after_revert is not None:
            after_revert(restored)
        time = revision_time(version)
        record_revision(
            restored,
            user=user,
            comment=comment(gettext_noop("Restored the version of %(time)s"), time=time),
        )
        audit_record(
            user=user,
            action=AuditEntry.Action.RESTORED,
            obj=restored,
            detail=_("Restored the version of %(time)s") % {"time": time},
        )
    return restored


def version_recover(*, version: Version, user) -> models.Model:
    """Create a deleted record again, with the records that belonged to it, from its last version."""
    model = model_of(version)
    _check(user, model, "add")
    if model._default_manager.filter(pk=version.object_id).exists():
        raise RevertError(_("This record exists: it was recovered already."))
    with transaction.atomic():
        recovered = revert_tree(version)
        record_revision(
            recovered, user=user, comment=comment(gettext_noop("Recovered after deletion"))
        )
        audit_record(user=user, action=AuditEntry.Action.RECOVERED, obj=recovered)
    return recovered


def may_delete(*, bulletin: Bulletin | None, user) -> bool:
    """Drafts may be deleted with the delete permission; anything that went further
    (in review, published, withdrawn) also needs the publish permission."""
    if not user.has_perm("bulletins.delete_bulletin"):
        return False
    return bulletin is None or bulletin.status == Status.DRAFT or user.has_perm(PUBLISH)


def bulletin_restore(*, bulletin: Bulletin, version, user) -> Bulletin:
    """Bring the issue's content back to a stored version: its fields, articles,
    viewpoints and images exactly as they were. Its workflow state stays as it is now: for
    a published issue the restored content is a pending change, which readers see only
    once a publisher publishes it."""
    if not user.has_perm("bulletins.change_bulletin") or not may_edit_source(user):
        raise PermissionDenied
    if model_of(version) is not Bulletin or version.object_id != str(bulletin.pk):
        raise ValidationError(_("This version belongs to another record."))
    with transaction.atomic():
        locked = Bulletin.objects.select_for_update().get(pk=bulletin.pk)

        def keep_workflow_state(restored):
            kept = {name: getattr(locked, name) for name in Bulletin.WORKFLOW_FIELDS}
            Bulletin.objects.filter(pk=restored.pk).update(**kept, updated_at=timezone.now())
            restored.refresh_from_db()

        return version_restore(version=version, user=user, after_revert=keep_workflow_state)


def may_recover(*, version, user) -> bool:
    """An issue that had gone beyond draft is recovered only by a publisher."""
    return version.field_dict.get("status") == Status.DRAFT or user.has_perm(PUBLISH)


def bulletin_recover(*, version, user) -> Bulletin:
    """Create a deleted issue again, with its articles and viewpoints, as it was when it
    was deleted. Its editions were deleted with it: it comes back as a draft, to be
    reviewed and published again."""
    if not may_recover(version=version, user=user):
        raise PermissionDenied(_("Only a publisher may recover an issue that was not a draft."))
    with transaction.atomic():
        recovered = version_recover(version=version, user=user)
        Bulletin.objects.filter(pk=recovered.pk).update(
            status=Status.DRAFT, submitted_at=None, updated_at=timezone.now()
        )
        recovered.refresh_from_db()
    return recovered
