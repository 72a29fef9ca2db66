"""What the import tests share: the seeds, importing a text, and an issue's structure."""

import html
import re
from pathlib import Path

from bulletins.importing import bulletin_import, parse_source, plan_import, read_source
from bulletins.models import AboutBlock, Article, Bulletin, ContactBlock, Viewpoint
from events.models import Event, EventOrganizer
from partners.models import Organization, OrganizationAlias, Person
from topics.models import Topic

SEEDS = Path(__file__).resolve().parents[3] / "editorial" / "demo" / "seeds"
SEED_2 = SEEDS / "2020-2.txt"
SEED_5 = SEEDS / "2020-5.txt"


def seed_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def plan_text(text: str, name: str = "issue.txt", **options):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return plan_import(parse_source(read_source(name, data)), **options)


def import_text(text, name: str = "issue.txt", *, replace: bool = False, **options) -> Bulletin:
    return bulletin_import(plan=plan_text(text, name, **options), replace=replace)


def model_counts() -> dict[str, int]:
    models = [
        Bulletin,
        Article,
        Viewpoint,
        Organization,
        OrganizationAlias,
        Person,
        Event,
        EventOrganizer,
        ContactBlock,
        AboutBlock,
        Topic,
    ]
    return {model.__name__: model.objects.count() for model in models}


def empty_the_database():
    """Remove every record the demo or an import makes, in an order PROTECT allows."""
    Bulletin.objects.all().delete()
    EventOrganizer.objects.all().delete()
    Event.objects.all().delete()
    Person.objects.all().delete()
    Organization.objects.all().delete()
    ContactBlock.objects.all().delete()
    AboutBlock.objects.all().delete()
    Topic.objects.all().delete()


def paragraphs(body_html: str) -> list[str]:
    return [html.unescape(text) for text in re.findall(r"<p>(.*?)</p>", body_html, re.S)]


def organization_names(organization: Organization) -> frozenset[str]:
    """Every name the organization goes by in Chinese: name, short name, aliases."""
    names = {organization.name_zh_hans, organization.short_name_zh_hans}
    names |= set(organization.aliases.values_list("name", flat=True))
    return frozenset(name for name in names if name)


def event_structure(event: Event | None, organization) -> dict | None:
    if event is None:
        return None
    return {
        "title": event.title_zh_hans,
        "start_date": event.start_date,
        "end_date": event.end_date,
        "format": event.format,
        "place": event.place_zh_hans or "",
        "parent": event_structure(event.parent, organization),
        "organizers": [
            (organization(role.organization), role.role) for role in event.organizer_roles.all()
        ],
    }


def issue_structure(bulletin: Bulletin, organization=organization_names) -> dict:
    """What an issue says, in Chinese, with organizations shown by ``organization(…)``.

    Left out: slugs, topics, summaries, English, labels and dates of contact versions,
    none of which the printed text gives.
    """
    contact, about = bulletin.contact_block, bulletin.about_block
    return {
        "year": bulletin.year,
        "number": bulletin.number,
        "publication_date": bulletin.publication_date,
        "contact": {
            "organization_names": contact.organization_names_zh_hans,
            "address": contact.address_zh_hans,
            "postcode": contact.postcode,
            "phone": contact.phone,
            "fax": contact.fax,
            "emails": contact.emails,
            "website": contact.website,
            "wechat": contact.wechat_zh_hans,
        },
        "about": about.text_zh_hans,
        "articles": [
            {
                "kicker": article.kicker_zh_hans or "",
                "headline": article.headline_zh_hans,
                "paragraphs": paragraphs(article.body_zh_hans or ""),
                "viewpoints_heading": article.viewpoints_heading_zh_hans or "",
                "event": event_structure(article.event, organization),
                "viewpoints": [
                    {
                        "organization": organization(viewpoint.organization),
                        "person": viewpoint.person.name_zh_hans if viewpoint.person else None,
                        "speaker_label": viewpoint.speaker_label_zh_hans or "",
                        "speaker_title": viewpoint.speaker_title_zh_hans or "",
                        "statement": viewpoint.statement_zh_hans,
                    }
                    for viewpoint in article.viewpoints.all()
                ],
            }
            for article in bulletin.articles.all()
        ],
    }
