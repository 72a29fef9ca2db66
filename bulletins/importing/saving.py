"""Saving an import plan: one transaction, all or nothing."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from modeltranslation.utils import build_localized_fieldname

from audit import revisions
from audit.models import AuditEntry
from audit.services import audit_record
from bulletins.importing.errors import ImportFailed
from bulletins.importing.matching import (
    ImportPlan,
    PlannedEvent,
    ProposedOrganization,
    ProposedPerson,
)
from bulletins.models import AboutBlock, Article, Bulletin, ContactBlock, Viewpoint
from events.models import Event, EventOrganizer
from lmec.richtext import paragraphs_html
from partners.models import Organization, Person


def already_exists_message(plan: ImportPlan) -> str:
    return _(
        "Issue %(issue)s already exists. Import it with “replace” to update that issue "
        "in place, or correct the year and number."
    ) % {"issue": plan.label}


class _Saver:
    def __init__(self, plan: ImportPlan):
        self.plan = plan
        self.language = plan.language
        self.created: dict[int, object] = {}  # id(proposal) → saved record

    def field(self, name: str) -> str:
        return build_localized_fieldname(name, self.language)

    def translated(self, **values) -> dict:
        return {self.field(name): value for name, value in values.items()}

    def record(self, target):
        """The saved record for an existing record or a proposal."""
        if isinstance(target, ProposedOrganization | ProposedPerson | PlannedEvent):
            return self.created[id(target)]
        return target

    @staticmethod
    def save(instance):
        instance.full_clean()
        instance.save()
        return instance

    def organizations(self):
        for proposal in self.plan.organizations_new:
            organization = Organization(
                kind=proposal.kind,
                **self.translated(name=proposal.name, short_name=proposal.short_name),
            )
            self.created[id(proposal)] = self.save(organization)

    def people(self):
        for proposal in self.plan.people_new:
            person = Person(
                organization=self.record(proposal.organization),
                **self.translated(name=proposal.name),
            )
            self.created[id(proposal)] = self.save(person)

    def events(self):
        # plan.events lists an event after the one it is part of.
        for planned in self.plan.events:
            if not planned.is_new:
                self.created[id(planned)] = planned.existing
                continue
            event = Event(
                kind=planned.kind,
                format=planned.format,
                start_date=planned.start_date,
                end_date=planned.end_date,
                parent=self.record(planned.parent) if planned.parent else None,
                **self.translated(title=planned.title, place=planned.place),
            )
            self.created[id(planned)] = self.save(event)
            for position, (organization, role) in enumerate(planned.roles, start=1):
                self.save(
                    EventOrganizer(
                        event=event,
                        organization=self.record(organization),
                        role=role,
                        position=position,
                    )
                )

    def contact_block(self) -> ContactBlock:
        if self.plan.contact_block:
            return self.plan.contact_block
        contact = self.plan.issue.contact
        return self.save(
            ContactBlock(
                label=_("%(issue)s, imported") % {"issue": self.plan.label},
                valid_from=self.plan.issue.publication_date,
                postcode=contact.postcode,
                phone=contact.phone,
                fax=contact.fax,
                emails="\n".join(contact.emails),
                website=contact.website,
                **self.translated(
                    organization_names="\n".join(contact.organization_names),
                    address=contact.address,
                    wechat=contact.wechat,
                ),
            )
        )

    def about_block(self) -> AboutBlock:
        if self.plan.about_block:
            return self.plan.about_block
        return self.save(
            AboutBlock(
                label=_("%(issue)s, imported") % {"issue": self.plan.label},
                valid_from=self.plan.issue.publication_date,
                **self.translated(text=self.plan.issue.about),
            )
        )

    def bulletin(self, bulletin: Bulletin | None) -> Bulletin:
        if bulletin is None:
            bulletin = Bulletin(
                year=self.plan.year,
                number=self.plan.number,
                status=Bulletin.Status.DRAFT,
                source_language=self.language,
            )
        bulletin.publication_date = self.plan.issue.publication_date
        bulletin.contact_block = self.contact_block()
        bulletin.about_block = self.about_block()
        return self.save(bulletin)

    def articles(self, bulletin: Bulletin):
        """Write the articles and viewpoints, reusing the issue's records by position.

        On a replace, the article at each position keeps its row, slug, images, topics and
        other languages; only the imported language's text and the links change.
        """
        kept = list(bulletin.articles.all())
        for position, planned in enumerate(self.plan.articles, start=1):
            article = kept[position - 1] if position <= len(kept) else Article(bulletin=bulletin)
            article.position = position
            for name, value in [
                ("kicker", planned.parsed.kicker),
                ("headline", planned.parsed.headline),
                ("body", paragraphs_html(planned.parsed.paragraphs)),
                ("viewpoints_heading", planned.parsed.viewpoints_heading),
            ]:
                setattr(article, self.field(name), value)
            if planned.event:
                article.event = self.record(planned.event)
            if not article.slug:
                article.slug = article.make_slug()
            self.save(article)
            self.viewpoints(article, planned.viewpoints)
        for article in kept[len(self.plan.articles) :]:
            article.delete()

    def viewpoints(self, article: Article, planned_viewpoints):
        kept = list(article.viewpoints.all()) if article.pk else []
        for position, planned in enumerate(planned_viewpoints, start=1):
            viewpoint = kept[position - 1] if position <= len(kept) else Viewpoint(article=article)
            viewpoint.position = position
            viewpoint.organization = self.record(planned.organization)
            viewpoint.person = self.record(planned.person) if planned.person else None
            for name, value in [
                ("speaker_label", planned.speaker_label),
                ("speaker_title", planned.speaker_title),
                ("statement", planned.statement),
            ]:
                setattr(viewpoint, self.field(name), value)
            self.save(viewpoint)
        for viewpoint in kept[len(planned_viewpoints) :]:
            viewpoint.delete()


def bulletin_import(*, plan: ImportPlan, replace: bool = False, user=None) -> Bulletin:
    """Save an import plan as a draft issue, in one transaction: all of it or nothing.

    New organizations, people, events, contact and about versions are created as the plan
    proposes. An issue with the same year and number is refused, unless ``replace``: then
    that issue (the same row, its status and its other languages) gets the imported
    content. This is the single write path of every import, the admin's and the command's.

    The import is recorded in the issue's history and the audit log; a replaced issue's
    previous state is recorded first, so the replace can be undone by a restore. Replacing
    a published issue changes its records only: readers see the change once a publisher
    publishes it, like any other change. The partners, people and events it creates are
    not public until an issue that mentions them is published.
    ``user`` is who imported (None from the command line).
    """
    try:
        with transaction.atomic():
            existing = (
                Bulletin.objects.select_for_update()
                .filter(year=plan.year, number=plan.number)
                .first()
            )
            if existing and not replace:
                raise ImportFailed(already_exists_message(plan))
            if existing:
                revisions.ensure_recorded(
                    existing,
                    user=user,
                    why=revisions.comment(gettext_noop("State before the import replaced it")),
                )
            saver = _Saver(plan)
            saver.organizations()
            saver.people()
            saver.events()
            bulletin = saver.bulletin(existing)
            saver.articles(bulletin)
            detail = plan.issue.source.name + (" (replace)" if existing else "")
            revisions.record_revision(
                bulletin,
                user=user,
                comment=revisions.comment(action=AuditEntry.Action.IMPORTED, detail=detail),
            )
            audit_record(user=user, action=AuditEntry.Action.IMPORTED, obj=bulletin, detail=detail)
    except ValidationError as error:
        raise ImportFailed(" ".join(error.messages)) from None
    except IntegrityError:
        # Someone else saved the same issue between our check and our insert.
        if Bulletin.objects.filter(year=plan.year, number=plan.number).exists():
            raise ImportFailed(already_exists_message(plan)) from None
        raise
    return bulletin
