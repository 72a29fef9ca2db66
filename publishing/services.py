"""What editors and publishers do to an issue as a whole: the workflow, restore, preview links.

Every function takes keyword arguments only, checks that ``user`` may do it (raising
``PermissionDenied``) and that the issue is in a state that allows it (raising
``ValidationError`` with a message for the editor), locks the issue's row, validates
with ``full_clean()`` before saving, records a revision (history) and an audit entry.

The workflow: draft → in review → published (now, or at a chosen time: scheduled) →
withdrawn, and back to draft for corrections.

=====================  ===========================  ================================
action                 from                         who (permission)
=====================  ===========================  ================================
submit for review      draft                        submit_bulletin (Editor)
publish / schedule     in review, or scheduled      publish_bulletin (Publisher)
withdraw               published or scheduled       publish_bulletin
return to draft        in review                    submit_bulletin or publish_bulletin
return to draft        published, withdrawn         publish_bulletin
=====================  ===========================  ================================
"""

import datetime
from dataclasses import dataclass

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit import revisions
from audit.models import AuditEntry
from audit.services import audit_record
from bulletins.models import Bulletin, PreviewLink
from publishing.pdf.services import schedule_render

Status = Bulletin.Status

PUBLISH = "bulletins.publish_bulletin"
SUBMIT = "bulletins.submit_bulletin"


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    description: str


TRANSITIONS = {
    "submit": Transition(
        "submit",
        gettext_lazy("Submit for review"),
        gettext_lazy("A publisher will review the issue and publish it."),
    ),
    "publish": Transition(
        "publish",
        gettext_lazy("Publish or schedule"),
        gettext_lazy(
            "The issue becomes visible to every reader, now or at the time you choose: its "
            "pages, PDF, feeds, the sitemap, search results, partner and event pages."
        ),
    ),
    "withdraw": Transition(
        "withdraw",
        gettext_lazy("Withdraw"),
        gettext_lazy(
            "Readers can no longer see the issue anywhere. It is kept, with its history, "
            "and can be returned to draft and published again."
        ),
    ),
    "return_to_draft": Transition(
        "return_to_draft",
        gettext_lazy("Return to draft"),
        gettext_lazy(
            "The issue goes back to its editors for corrections. If it was published, "
            "readers can no longer see it."
        ),
    ),
}


def _permission_for(name: str, bulletin: Bulletin) -> tuple[str, ...] | None:
    """The permissions (any one suffices) allowing ``name`` from the issue's status, or None."""
    status = bulletin.status
    if name == "submit" and status == Status.DRAFT:
        return (SUBMIT,)
    if name == "publish" and (status == Status.IN_REVIEW or bulletin.is_scheduled):
        return (PUBLISH,)
    if name == "withdraw" and status == Status.PUBLISHED:
        return (PUBLISH,)
    if name == "return_to_draft":
        if status == Status.IN_REVIEW:
            return (SUBMIT, PUBLISH)
        if status in (Status.PUBLISHED, Status.WITHDRAWN):
            return (PUBLISH,)
    return None


def _has_any(user, permissions) -> bool:
    return any(user.has_perm(permission) for permission in permissions)


def bulletin_transitions(*, bulletin: Bulletin, user) -> list[Transition]:
    """The workflow actions ``user`` may take on the issue now (the buttons to show)."""
    allowed = []
    for name, transition in TRANSITIONS.items():
        permissions = _permission_for(name, bulletin)
        if permissions and _has_any(user, permissions):
            allowed.append(transition)
    return allowed


def _check_transition(name: str, bulletin: Bulletin, user):
    permissions = _permission_for(name, bulletin)
    if permissions is None:
        raise ValidationError(
            _("“%(action)s” is not possible for an issue that is %(status)s.")
            % {"action": TRANSITIONS[name].label, "status": status_text(bulletin)},
            code="invalid_transition",
        )
    if not _has_any(user, permissions):
        raise PermissionDenied(
            _("You may not “%(action)s” this issue.") % {"action": TRANSITIONS[name].label}
        )


def status_text(bulletin: Bulletin) -> str:
    if bulletin.is_scheduled:
        return _("scheduled")
    return str(bulletin.get_status_display()).lower()


KEEP = object()


def _transition(
    name: str, *, bulletin: Bulletin, user, status: str, action: str, published_at=KEEP, detail=""
) -> Bulletin:
    with transaction.atomic():
        locked = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
        _check_transition(name, locked, user)
        if status == Status.PUBLISHED and not locked.articles.exists():
            raise ValidationError(
                _("An issue needs at least one article to be published."), code="empty"
            )
        revisions.ensure_baseline(locked, user=user)
        with reversion.create_revision():
            locked.status = status
            if published_at is not KEEP:
                locked.published_at = published_at
            locked.full_clean()
            locked.save()
            reversion.set_user(user)
            reversion.set_comment(revisions.comment(action=action, detail=detail))
        audit_record(user=user, action=action, obj=locked, detail=detail)
        # Published (or scheduled): its PDFs are rendered in the background, ready when
        # it appears. Other statuses have no public PDF.
        schedule_render(locked)
    return locked


def bulletin_submit_for_review(*, bulletin: Bulletin, user) -> Bulletin:
    return _transition(
        "submit",
        bulletin=bulletin,
        user=user,
        status=Status.IN_REVIEW,
        action=AuditEntry.Action.SUBMITTED,
    )


def bulletin_publish(*, bulletin: Bulletin, user, at: datetime.datetime | None = None) -> Bulletin:
    """Publish the issue now, or schedule it for ``at`` (a time in the future).

    A scheduled issue is published with a future publication time: it appears by itself
    at that time, since visibility is decided when a page is read.
    """
    now = timezone.now()
    if at is not None:
        if timezone.is_naive(at):
            raise ValidationError(_("Give the publication time with its time zone."))
        if at <= now:
            raise ValidationError(
                _("The publication time has passed: choose a time in the future, or publish now."),
                code="past",
            )
    when = at or now
    detail = formats.localize(timezone.localtime(when))
    return _transition(
        "publish",
        bulletin=bulletin,
        user=user,
        status=Status.PUBLISHED,
        published_at=when,
        action=AuditEntry.Action.SCHEDULED if at else AuditEntry.Action.PUBLISHED,
        detail=detail,
    )


def bulletin_withdraw(*, bulletin: Bulletin, user) -> Bulletin:
    return _transition(
        "withdraw",
        bulletin=bulletin,
        user=user,
        status=Status.WITHDRAWN,
        action=AuditEntry.Action.WITHDRAWN,
    )


def bulletin_return_to_draft(*, bulletin: Bulletin, user) -> Bulletin:
    return _transition(
        "return_to_draft",
        bulletin=bulletin,
        user=user,
        status=Status.DRAFT,
        action=AuditEntry.Action.RETURNED_TO_DRAFT,
    )


TRANSITION_FUNCTIONS = {
    "submit": bulletin_submit_for_review,
    "publish": bulletin_publish,
    "withdraw": bulletin_withdraw,
    "return_to_draft": bulletin_return_to_draft,
}


# Preview links.


def preview_link_create(
    *, bulletin: Bulletin, user, note: str, language: str, days: int
) -> PreviewLink:
    if not user.has_perm("bulletins.add_previewlink"):
        raise PermissionDenied
    if not 1 <= days <= 30:
        raise ValidationError(_("A preview link is valid for 1 to 30 days."))
    now = timezone.now()
    link = PreviewLink(
        bulletin=bulletin,
        note=note,
        language=language,
        created_by=user,
        created_at=now,
        expires_at=now + datetime.timedelta(days=days),
    )
    link.full_clean()
    link.save()
    audit_record(
        user=user,
        action=AuditEntry.Action.PREVIEW_LINK_CREATED,
        obj=bulletin,
        detail=_("for %(note)s, until %(time)s")
        % {"note": note, "time": formats.localize(timezone.localtime(link.expires_at))},
    )
    return link


def preview_link_revoke(*, link: PreviewLink, user) -> PreviewLink:
    if not user.has_perm("bulletins.change_previewlink"):
        raise PermissionDenied
    with transaction.atomic():
        link = PreviewLink.objects.select_for_update().get(pk=link.pk)
        if link.revoked_at is None:
            link.revoked_at = timezone.now()
            link.revoked_by = user
            link.full_clean()
            link.save()
            audit_record(
                user=user,
                action=AuditEntry.Action.PREVIEW_LINK_REVOKED,
                obj=link.bulletin,
                detail=_("for %(note)s") % {"note": link.note},
            )
    return link
