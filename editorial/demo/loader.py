"""Load the demo content: both seed briefings with their partners, events and topics,
published as readers would have seen them (version 1 of each issue, in Chinese and
English, at its original time).

Loading is idempotent: every record is looked up by its natural key (slug, year and
number, …) and created only when missing, so a second run duplicates nothing and leaves
an editor's changes to demo records alone.
"""

from django.db import transaction
from modeltranslation.utils import build_localized_fieldname

from bulletins.models import AboutBlock, Article, Bulletin, ContactBlock, Viewpoint
from editorial.demo.events import EVENTS
from editorial.demo.issues import ABOUT_BLOCKS, CONTACT_BLOCKS, ISSUES
from editorial.demo.organizations import ORGANIZATIONS, PEOPLE, TOPICS
from events.models import Event, EventOrganizer
from lmec.richtext import paragraphs_html
from partners.models import Organization, OrganizationAlias, Person
from publishing import snapshot
from publishing.services import edition_publish
from topics.models import Topic


def translated(field: str, values: dict) -> dict:
    """{"zh-hans": "…", "en": "…"} → {"field_zh_hans": "…", "field_en": "…"}."""
    return {build_localized_fieldname(field, code): text for code, text in values.items()}


def translated_fields(data: dict, *fields: str) -> dict:
    kwargs = {}
    for field in fields:
        if field in data:
            kwargs |= translated(field, data[field])
    return kwargs


@transaction.atomic
def load_demo() -> dict[str, int]:
    """Create whatever demo records are missing; return how many of each were created.

    The issues are published through the workflow's own service: their PDFs and search
    entries are made by the background workers (``manage.py run_worker``)."""
    created = dict.fromkeys(["topics", "organizations", "people", "events", "issues"], 0)

    topics = {}
    for data in TOPICS:
        topics[data["slug"]], new = Topic.objects.get_or_create(
            slug=data["slug"], defaults=translated("name", data["name"])
        )
        created["topics"] += new

    organizations = {}
    for data in ORGANIZATIONS:
        organization = Organization.objects.filter(slug=data["slug"]).first()
        if organization is None:
            organization = Organization(
                slug=data["slug"],
                kind=data["kind"],
                country=data.get("country", ""),
                website=data.get("website", ""),
                parent=organizations.get(data.get("parent")),
                **translated_fields(data, "name", "short_name", "description"),
            )
            organization.full_clean()
            organization.save()
            for alias in data["aliases"]:
                OrganizationAlias.objects.create(organization=organization, name=alias)
            created["organizations"] += 1
        organizations[data["slug"]] = organization

    people = {}
    for data in PEOPLE:
        people[data["slug"]], new = Person.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "organization": organizations[data["organization"]],
                **translated("name", data["name"]),
            },
        )
        created["people"] += new

    events = {}
    for data in EVENTS:
        event = Event.objects.filter(slug=data["slug"]).first()
        if event is None:
            event = Event(
                slug=data["slug"],
                kind=data["kind"],
                format=data["format"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                parent=events.get(data.get("parent")),
                **translated_fields(data, "title", "place", "summary"),
            )
            event.full_clean()
            event.save()
            event.topics.set(topics[slug] for slug in data["topics"])
            for position, (organization, role) in enumerate(data["organizers"], start=1):
                EventOrganizer.objects.create(
                    event=event,
                    organization=organizations[organization],
                    role=role,
                    position=position,
                )
            created["events"] += 1
        events[data["slug"]] = event

    contact_blocks = {}
    for data in CONTACT_BLOCKS:
        contact_blocks[data["key"]], _new = ContactBlock.objects.get_or_create(
            label=data["label"],
            defaults={
                "valid_from": data["valid_from"],
                "postcode": data["postcode"],
                "phone": data["phone"],
                "fax": data["fax"],
                "emails": data["emails"],
                "website": data["website"],
                **translated_fields(data, "organization_names", "address", "wechat"),
            },
        )
    about_blocks = {}
    for data in ABOUT_BLOCKS:
        about_blocks[data["key"]], _new = AboutBlock.objects.get_or_create(
            label=data["label"],
            defaults={"valid_from": data["valid_from"], **translated("text", data["text"])},
        )

    for data in ISSUES:
        if Bulletin.objects.filter(year=data["year"], number=data["number"]).exists():
            continue
        bulletin = Bulletin(
            year=data["year"],
            number=data["number"],
            publication_date=data["publication_date"],
            status=Bulletin.Status.IN_REVIEW,
            contact_block=contact_blocks[data["contact_block"]],
            about_block=about_blocks[data["about_block"]],
        )
        bulletin.full_clean()
        bulletin.save()
        for position, article_data in enumerate(data["articles"], start=1):
            body = {
                code: paragraphs_html(texts) for code, texts in article_data.get("body", {}).items()
            }
            article = Article(
                bulletin=bulletin,
                position=position,
                slug=article_data["slug"],
                event=events.get(article_data.get("event")),
                **translated_fields(article_data, "kicker", "headline", "viewpoints_heading"),
                **translated("body", body),
            )
            article.full_clean()
            article.save()
            article.topics.set(topics[slug] for slug in article_data["topics"])
            for vp_position, viewpoint_data in enumerate(article_data.get("viewpoints", []), 1):
                viewpoint = Viewpoint(
                    article=article,
                    position=vp_position,
                    organization=organizations[viewpoint_data["organization"]],
                    person=people.get(viewpoint_data.get("person")),
                    **translated_fields(
                        viewpoint_data, "speaker_label", "speaker_title", "statement"
                    ),
                )
                viewpoint.full_clean()
                viewpoint.save()
                viewpoint.topics.set(topics[slug] for slug in viewpoint_data["topics"])
        edition_publish(
            bulletin=bulletin,
            user=None,
            at=data["published_at"],
            languages=snapshot.written_languages(
                snapshot.issue_queryset(Bulletin.objects.filter(pk=bulletin.pk)).get()
            ),
        )
        created["issues"] += 1
    return created
