"""What editors and publishers do to an issue as a whole: the workflow, and preview links.

Every function takes keyword arguments only, checks that ``user`` may do it (raising
``PermissionDenied``) and that the issue is in a state that allows it (raising
``ValidationError`` with a message for the editor), locks the issue's row, and records
an audit entry.

Publishing freezes the issue into a numbered edition (publishing/snapshot.py): readers
read that edition until a publisher publishes again. Changes saved meanwhile are the
issue's *pending changes*: they may be submitted for review, published as the next
version, or discarded (the records go back to the published edition).

=======================  ===========================================  ===================
action                   from                                         who (permission)
=======================  ===========================================  ===================
submit for review        draft; published with pending changes        submit_bulletin
publish / schedule       in review; published with pending changes    publish_bulletin
                         or scheduled
discard changes          published with pending changes               submit or publish
return the changes       published with changes in review             publish_bulletin
withdraw                 published (live or scheduled)                publish_bulletin
return to draft          in review                                    submit or publish
return to draft          published, withdrawn                         publish_bulletin
=======================  ===========================================  ===================
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from audit import revisions
from audit.models import AuditEntry
from audit.services import audit_record
from bulletins.models import Bulletin
from events.models import Event
from lmec import headlines, page_cache
from publishing import pipeline, registry, snapshot
from publishing.frozen import FrozenIssue
from publishing.mail import sending
from publishing.models import Edition, EditionArticle, EditionViewpoint, PreviewLink
from publishing.selectors import editions_mentioning

Status = Bulletin.Status

PUBLISH = "bulletins.publish_bulletin"
SUBMIT = "bulletins.submit_bulletin"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    description: str


TRANSITIONS = {
    "submit": Transition(
        "submit",
        gettext_lazy("Submit for review"),
        gettext_lazy("A publisher will review the issue (or its changes) and publish it."),
    ),
    "publish": Transition(
        "publish",
        gettext_lazy("Publish or schedule"),
        gettext_lazy(
            "The issue becomes visible to every reader in the languages you choose, now or at "
            "the time you choose: its pages, PDFs, feeds, the sitemap, search results, partner "
            "and event pages. Published again, it becomes its next version."
        ),
    ),
    "discard": Transition(
        "discard",
        gettext_lazy("Discard changes"),
        gettext_lazy(
            "The issue's texts go back to the published version; the changes saved since are "
            "undone (they stay in the history and can be restored from there)."
        ),
    ),
    "return_changes": Transition(
        "return_changes",
        gettext_lazy("Return the changes to the editors"),
        gettext_lazy(
            "The changes are no longer waiting for review. Readers keep seeing the published "
            "version."
        ),
    ),
    "withdraw": Transition(
        "withdraw",
        gettext_lazy("Withdraw"),
        gettext_lazy(
            "Readers can no longer see the issue anywhere, and its preview links close. It is "
            "kept, with its versions and history, and can be returned to draft and published "
            "again."
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


# Where an issue stands.


@dataclass
class PublicationState:
    """An issue's editions as readers and the workflow see them."""

    live: Edition | None
    scheduled: Edition | None
    latest: Edition | None
    pending: bool  # its records differ from its latest edition
    submitted: bool  # its pending changes wait for review

    @property
    def is_public(self) -> bool:
        return self.live is not None

    @property
    def is_scheduled(self) -> bool:
        return self.scheduled is not None


def publication_state(
    bulletin: Bulletin, *, fingerprint: str | None = None, editions=None
) -> PublicationState:
    """Where the issue stands. ``fingerprint``: the issue's current one, and ``editions``:
    its editions not superseded yet (``unsuperseded_editions``), when the caller has them."""
    if editions is None:
        editions = unsuperseded_editions(Edition.objects.filter(bulletin=bulletin))
    live, scheduled = _live_and_scheduled(editions)
    latest = scheduled or live
    pending = False
    if latest is not None and bulletin.status == Status.PUBLISHED:
        if fingerprint is None:
            fingerprint = snapshot.fingerprint(_tree(bulletin))
        pending = fingerprint != latest.fingerprint
    return PublicationState(
        live=live,
        scheduled=scheduled,
        latest=latest,
        pending=pending,
        submitted=pending and bulletin.submitted_at is not None,
    )


def _live_and_scheduled(editions):
    live = next((edition for edition in editions if edition.is_live), None)
    scheduled = next((edition for edition in editions if edition.is_scheduled), None)
    return live, scheduled


def latest_edition(bulletin: Bulletin) -> Edition | None:
    """The version readers see now, or the one scheduled to replace it: without comparing
    the issue to it, as ``publication_state`` does."""
    live, scheduled = _live_and_scheduled(
        unsuperseded_editions(Edition.objects.filter(bulletin=bulletin))
    )
    return scheduled or live


def unsuperseded_editions(editions):
    """The editions (of a queryset) readers see now or will see: live or scheduled."""
    return list(
        editions.without_content().filter(
            Q(superseded_at__isnull=True) | Q(superseded_at__gt=timezone.now())
        )
    )


def status_text(bulletin: Bulletin, state: PublicationState | None = None) -> str:
    """The issue's status in words: "draft", "published · changes pending", …"""
    if bulletin.status != Status.PUBLISHED:
        return str(bulletin.get_status_display()).lower()
    state = state or publication_state(bulletin)
    if state.is_scheduled and not state.is_public:
        text = _("scheduled")
    elif state.is_scheduled:
        text = _("published · version %(version)s scheduled") % {"version": state.scheduled.version}
    else:
        text = _("published")
    if state.submitted:
        return _("%(status)s · changes in review") % {"status": text}
    if state.pending:
        return _("%(status)s · changes pending") % {"status": text}
    return text


def _tree(bulletin: Bulletin) -> Bulletin:
    """The issue with everything an edition prints, loaded in a fixed number of queries."""
    return snapshot.issue_queryset(Bulletin.objects.filter(pk=bulletin.pk)).get()


# The transitions.


def _permissions_for(name: str, bulletin: Bulletin, state: PublicationState):
    """The permissions (any one suffices) allowing ``name`` from the issue's state, or None."""
    status = bulletin.status
    published = status == Status.PUBLISHED
    if name == "submit":
        if status == Status.DRAFT or (published and state.pending and not state.submitted):
            return (SUBMIT,)
    elif name == "publish":
        if status == Status.IN_REVIEW or (published and (state.pending or state.is_scheduled)):
            return (PUBLISH,)
    elif name == "discard":
        if published and state.pending:
            return (SUBMIT, PUBLISH)
    elif name == "return_changes":
        if published and state.submitted:
            return (PUBLISH,)
    elif name == "withdraw":
        if published:
            return (PUBLISH,)
    elif name == "return_to_draft":
        if status == Status.IN_REVIEW:
            return (SUBMIT, PUBLISH)
        if status in (Status.PUBLISHED, Status.WITHDRAWN):
            return (PUBLISH,)
    return None


def _has_any(user, permissions) -> bool:
    return any(user.has_perm(permission) for permission in permissions)


def bulletin_transitions(*, bulletin: Bulletin, user, state=None) -> list[Transition]:
    """The workflow actions ``user`` may take on the issue now (the buttons to show)."""
    state = state or publication_state(bulletin)
    allowed = []
    for name, transition in TRANSITIONS.items():
        permissions = _permissions_for(name, bulletin, state)
        if permissions and _has_any(user, permissions):
            allowed.append(transition)
    return allowed


def _check_transition(name: str, bulletin: Bulletin, user, state) -> None:
    permissions = _permissions_for(name, bulletin, state)
    if permissions is None:
        raise ValidationError(
            _("“%(action)s” is not possible for an issue that is %(status)s.")
            % {"action": TRANSITIONS[name].label, "status": status_text(bulletin, state)},
            code="invalid_transition",
        )
    if not _has_any(user, permissions):
        raise PermissionDenied(
            _("You may not “%(action)s” this issue.") % {"action": TRANSITIONS[name].label}
        )


def _locked(bulletin: Bulletin, name: str, user):
    """The issue's row, locked for the transaction, with its state, after the checks."""
    locked = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    state = publication_state(locked)
    _check_transition(name, locked, user, state)
    return locked, state


def _record(bulletin: Bulletin, *, user, action: str, detail: str = "") -> None:
    """A workflow step in the issue's history and in the audit log."""
    revisions.ensure_baseline(bulletin, user=user)
    revisions.record_revision(
        bulletin, user=user, comment=revisions.comment(action=action, detail=detail)
    )
    audit_record(user=user, action=action, obj=bulletin, detail=detail)


def _set_status(bulletin: Bulletin, status: str, *, submitted: bool = False) -> None:
    bulletin.status = status
    bulletin.submitted_at = timezone.now() if submitted else None
    bulletin.save(update_fields=["status", "submitted_at", "updated_at"])


def bulletin_submit_for_review(*, bulletin: Bulletin, user, message: str = "") -> Bulletin:
    """Submit a draft, or a published issue's pending changes, for review."""
    with transaction.atomic():
        locked, _state = _locked(bulletin, "submit", user)
        if locked.status == Status.DRAFT:
            _set_status(locked, Status.IN_REVIEW)
        else:
            _set_status(locked, Status.PUBLISHED, submitted=True)
        _record(locked, user=user, action=AuditEntry.Action.SUBMITTED, detail=message)
        pipeline.after_submission(locked, user=user, message=message)
    return locked


def _publication_time(at, now):
    if at is None:
        return now
    if timezone.is_naive(at):
        raise ValidationError(_("Give the publication time with its time zone."))
    if at <= now:
        raise ValidationError(
            _("The publication time has passed: choose a time in the future, or publish now."),
            code="past",
        )
    return at


def _clean_languages(languages, bulletin: Bulletin, previous: Edition | None) -> list[str]:
    if languages is None:
        languages = previous.languages if previous else [bulletin.source_language]
    unknown = set(languages) - set(LANGUAGE_CODES)
    if unknown:
        raise ValidationError(_("Unknown languages: %(codes)s.") % {"codes": ", ".join(unknown)})
    if bulletin.source_language not in languages:
        raise ValidationError(
            _("An issue is always published in the language it was written in (%(language)s).")
            % {"language": bulletin.source_language}
        )
    return [code for code in LANGUAGE_CODES if code in languages]


def bulletin_publish(
    *,
    bulletin: Bulletin,
    user,
    at: datetime.datetime | None = None,
    languages: list[str] | None = None,
    note: dict | None = None,
    mail_correction: bool = False,
    message: str = "",
) -> Edition:
    """Publish the issue (or its pending changes) as its next version, now or at ``at``.

    ``languages``: the languages to publish it in (the source language always; by default
    those of the version before, or the source language alone). ``note``: a correction
    notice per language, shown to readers of this version. Subscribers get the issue's
    first version by mail; ``mail_correction``: a later one too, as a corrected issue
    (publishing/mail/sending.py). A scheduled version is
    published with a future time: readers see it, and stop seeing the version it replaces,
    at that time, since what is public is decided when a page is read.
    """
    with transaction.atomic():
        locked, _state = _locked(bulletin, "publish", user)
        when = _publication_time(at, timezone.now())
        return edition_publish(
            bulletin=locked,
            user=user,
            at=when,
            languages=languages,
            note=note,
            mail_correction=mail_correction,
            message=message,
        )


def edition_publish(
    *,
    bulletin: Bulletin,
    user,
    at: datetime.datetime,
    languages=None,
    note=None,
    mail_correction=False,
    message="",
) -> Edition:
    """Freeze the issue into its next version, readers seeing it from ``at``.

    No permission check: for the workflow above and for commands an operator runs (the
    demo content, a migration of existing issues). Call it in a transaction, the issue's
    row locked.
    """
    now = timezone.now()
    tree = _tree(bulletin)
    if not tree.articles.all():
        raise ValidationError(
            _("An issue needs at least one article to be published."), code="empty"
        )
    editions = unsuperseded_editions(Edition.objects.filter(bulletin=bulletin))
    # A version that never went live is replaced, not kept: no reader saw it.
    never_live = [edition for edition in editions if edition.published_at > now]
    live = next((edition for edition in editions if edition.published_at <= now), None)
    languages = _clean_languages(languages, tree, never_live[0] if never_live else live)
    for edition in never_live:
        pipeline.forget_edition(edition)
        edition.delete()
    version = (
        Edition.objects.filter(bulletin=bulletin)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
        or 0
    ) + 1
    revision = revisions.record_revision(
        tree,
        user=user,
        comment=revisions.comment(
            gettext_noop("Published as version %(version)s"), version=version
        ),
    )
    content = snapshot.freeze(tree, languages)
    edition = Edition.objects.create(
        bulletin=bulletin,
        version=version,
        year=tree.year,
        number=tree.number,
        publication_date=tree.publication_date,
        languages=languages,
        source_language=tree.source_language,
        title=content["title"] or headlines.plain_texts(content["articles"][0]["headline"]),
        summary=content["summary"],
        content=content,
        fingerprint=snapshot.fingerprint(tree),
        source_revision=revision,
        note={code: text.strip() for code, text in (note or {}).items() if text and text.strip()},
        published_at=at,
        published_by=user,
    )
    store_read_rows(edition)
    sending.mailing_plan(edition=edition, user=user, correction=mail_correction)
    if live is not None:
        Edition.objects.filter(pk=live.pk).update(superseded_at=at)
    _set_status(bulletin, Status.PUBLISHED)
    if at <= now:
        for record in registry.publish_records_of(edition.content, user=user, now=now):
            pipeline.after_record_publication(record)
    scheduled = at > now
    audit_record(
        user=user,
        action=AuditEntry.Action.SCHEDULED if scheduled else AuditEntry.Action.PUBLISHED,
        obj=bulletin,
        detail=" — ".join(
            filter(
                None,
                [
                    _("version %(version)s in %(languages)s, from %(time)s")
                    % {
                        "version": version,
                        "languages": ", ".join(languages),
                        "time": formats.localize(timezone.localtime(at)),
                    },
                    message,
                ],
            )
        ),
    )
    page_cache.content_changed()
    pipeline.after_publication(edition)
    return edition


def store_read_rows(edition: Edition, *, models=None) -> None:
    """The edition's articles and viewpoints as the pages listing several issues read them,
    each text in the languages it was published in. ``models``: the historical
    (EditionArticle, EditionViewpoint) in a data migration."""
    article_model, viewpoint_model = models or (EditionArticle, EditionViewpoint)
    has_topics = any(field.name == "topic_ids" for field in viewpoint_model._meta.get_fields())
    registry = edition.content["registry"]
    descriptions = article_descriptions(edition)
    for record in edition.content["articles"]:
        article = article_model.objects.create(
            edition=edition,
            article_id=record["id"],
            position=record["position"],
            slug=record["slug"],
            event_id=record["event"],
            topic_ids=record["topics"],
            texts={
                "kicker": record["kicker"],
                "headline": record["headline"],
                "description": descriptions.get(record["id"], {}),
            },
        )
        viewpoints = []
        for said in record["viewpoints"]:
            organization = registry["organizations"][str(said["organization"])]
            viewpoint = viewpoint_model(
                edition=edition,
                article=article,
                viewpoint_id=said["id"],
                position=said["position"],
                organization_id=said["organization"],
                organization_slug=organization["slug"],
                person_id=said["person"],
                texts={
                    "statement": said["statement"],
                    "speaker": registry["people"][str(said["person"])]["name"]
                    if said["person"]
                    else said["speaker_label"],
                    "title": said["speaker_title"],
                    "organization": organization["name"],
                    "organization_short_name": organization.get("short_name", {}),
                    "organization_aliases": organization.get("aliases", []),
                },
            )
            if has_topics:
                viewpoint.topic_ids = snapshot.viewpoint_topics(said, record)
                viewpoint.organization_logo = organization.get("logo", "")
            viewpoints.append(viewpoint)
        viewpoint_model.objects.bulk_create(viewpoints)


def article_descriptions(edition: Edition) -> dict:
    """{article id: {language: description}} of the edition's articles, in each of its
    languages that has one of its own (publishing/frozen.py ``FrozenArticle.description``)."""
    found = {}
    for code in edition.languages:
        for article in FrozenIssue(edition.content, code).articles:
            if (description := article.description) and description.lang == code:
                found.setdefault(article.pk, {})[code] = str(description)
    return found


def bulletin_discard_changes(*, bulletin: Bulletin, user, message: str = "") -> Bulletin:
    """Bring the issue's records back to its latest published version."""
    with transaction.atomic():
        locked, state = _locked(bulletin, "discard", user)
        edition = state.latest
        if edition.source_revision is None:
            raise ValidationError(
                _("The records of version %(version)s are no longer in the history.")
                % {"version": edition.version}
            )
        version = edition.source_revision.version_set.get(
            content_type__app_label="bulletins",
            content_type__model="bulletin",
            object_id=str(locked.pk),
        )
        revisions.ensure_recorded(
            locked,
            user=user,
            why=revisions.comment(gettext_noop("State before discarding changes")),
        )
        restored = revisions.revert_tree(version)
        # The records come back as published; the workflow state is today's.
        _set_status(restored, Status.PUBLISHED)
        revisions.record_revision(
            restored,
            user=user,
            comment=revisions.comment(
                gettext_noop("Discarded the changes: back to version %(version)s"),
                version=edition.version,
            ),
        )
        audit_record(
            user=user,
            action=AuditEntry.Action.DISCARDED,
            obj=restored,
            detail=message or _("back to version %(version)s") % {"version": edition.version},
        )
    return restored


def bulletin_return_changes(*, bulletin: Bulletin, user, message: str = "") -> Bulletin:
    with transaction.atomic():
        locked, _state = _locked(bulletin, "return_changes", user)
        _set_status(locked, Status.PUBLISHED)
        _record(locked, user=user, action=AuditEntry.Action.RETURNED_TO_DRAFT, detail=message)
    return locked


def _take_off(bulletin: Bulletin, user) -> None:
    """Readers stop seeing the issue now; versions that never went live are deleted."""
    now = timezone.now()
    for edition in Edition.objects.without_content().filter(
        bulletin=bulletin, published_at__gt=now
    ):
        pipeline.forget_edition(edition)
        edition.delete()
    Edition.objects.filter(bulletin=bulletin).filter(superseded_at__isnull=True).update(
        superseded_at=now
    )
    Edition.objects.filter(bulletin=bulletin, superseded_at__gt=now).update(superseded_at=now)
    # Its preview links close too: a withdrawn issue is not shown to anyone outside.
    PreviewLink.objects.filter(bulletin=bulletin, revoked_at__isnull=True).update(
        revoked_at=now, revoked_by=user
    )
    page_cache.content_changed()


def bulletin_withdraw(*, bulletin: Bulletin, user, message: str = "") -> Bulletin:
    with transaction.atomic():
        locked, _state = _locked(bulletin, "withdraw", user)
        _take_off(locked, user)
        _set_status(locked, Status.WITHDRAWN)
        _record(locked, user=user, action=AuditEntry.Action.WITHDRAWN, detail=message)
    return locked


def bulletin_return_to_draft(*, bulletin: Bulletin, user, message: str = "") -> Bulletin:
    with transaction.atomic():
        locked, _state = _locked(bulletin, "return_to_draft", user)
        if locked.status == Status.PUBLISHED:
            _take_off(locked, user)
        _set_status(locked, Status.DRAFT)
        _record(locked, user=user, action=AuditEntry.Action.RETURNED_TO_DRAFT, detail=message)
    return locked


TRANSITION_FUNCTIONS = {
    "submit": bulletin_submit_for_review,
    "publish": bulletin_publish,
    "discard": bulletin_discard_changes,
    "return_changes": bulletin_return_changes,
    "withdraw": bulletin_withdraw,
    "return_to_draft": bulletin_return_to_draft,
}


# Partners, events and topics on their own.


def record_publish(*, obj, user):
    """Publish a partner, event or topic (or its pending changes) on its own."""
    if not user.has_perm(PUBLISH):
        raise PermissionDenied(_("Only a publisher may publish this."))
    with transaction.atomic():
        obj = type(obj).objects.select_for_update().get(pk=obj.pk)
        now = timezone.now()
        registry.store_copy(obj, user=user, now=now)
        if isinstance(obj, Event):
            registry.publish_with_event(obj, user=user, now=now)
        audit_record(user=user, action=AuditEntry.Action.PUBLISHED, obj=obj)
        page_cache.content_changed()
        pipeline.after_record_publication(obj)
    return obj


def record_unpublish(*, obj, user):
    """Take a partner, event or topic off the public site, unless a published issue needs it."""
    if not user.has_perm(PUBLISH):
        raise PermissionDenied(_("Only a publisher may unpublish this."))
    issues = editions_mentioning(obj)
    if issues:
        raise ValidationError(
            _("Published issues mention it: %(issues)s. Withdraw them first.")
            % {"issues": ", ".join(str(edition.label) for edition in issues)}
        )
    with transaction.atomic():
        registry.delete_copy(obj)
        audit_record(user=user, action=AuditEntry.Action.WITHDRAWN, obj=obj)
        page_cache.content_changed()
        pipeline.after_record_publication(obj)


# Preview links.


def preview_link_create(
    *, bulletin: Bulletin, user, note: str, language: str, days: int
) -> PreviewLink:
    if not user.has_perm("publishing.add_previewlink"):
        raise PermissionDenied
    if not 1 <= days <= 30:
        raise ValidationError(_("A preview link is valid for 1 to 30 days."))
    if bulletin.status == Status.WITHDRAWN:
        raise ValidationError(_("A withdrawn issue has no preview links."))
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
    if not user.has_perm("publishing.change_previewlink"):
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
