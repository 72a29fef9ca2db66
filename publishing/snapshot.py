"""Freezing an issue: its records as a plain, self-contained document (an edition's content).

``freeze(bulletin, languages)`` reads the issue with everything it prints (a fixed number
of queries, ``issue_queryset()``) and returns a JSON-ready dict: the issue's fields, its
articles in order with their viewpoints and images, the contact and about blocks, each
translated text as ``{language: text}`` in the given languages only, and, under
``"registry"``, the names of the partners, people, events and topics it mentions, as they
are at that moment. Every reader output of an edition (pages, PDFs, search, feeds) is
built from this document, never from the records again.

``fingerprint(bulletin)`` hashes the issue's own texts and links in every language (not
the registry's names): while the records give another fingerprint than the published
edition's, the issue has pending changes.

It reads attributes only, no model methods, so that a data migration can freeze issues
with historical models too.
"""

import hashlib
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from modeltranslation.utils import build_localized_fieldname

ALL_LANGUAGES = [code for code, _name in settings.LANGUAGES]

ISSUE_TEXTS = ("title", "summary")
ARTICLE_TEXTS = ("kicker", "headline", "body", "viewpoints_heading")
VIEWPOINT_TEXTS = ("speaker_label", "speaker_title", "statement")
IMAGE_TEXTS = ("alt_text", "caption", "credit")
CONTACT_TEXTS = ("organization_names", "address", "wechat")


def issue_queryset(bulletins):
    """``bulletins`` (a queryset of issues) with everything ``freeze`` reads, prefetched."""
    models = bulletins.model._meta.apps
    article = models.get_model("bulletins", "Article")
    viewpoint = models.get_model("bulletins", "Viewpoint")
    image = models.get_model("bulletins", "ArticleImage")
    viewpoints = viewpoint.objects.select_related("organization", "person").prefetch_related(
        "organization__aliases"
    )
    if _has_topics(viewpoint):
        viewpoints = viewpoints.prefetch_related("topics")
    return bulletins.select_related("contact_block", "about_block").prefetch_related(
        Prefetch(
            "articles",
            queryset=article.objects.select_related("event")
            .prefetch_related(
                "topics",
                Prefetch("images", queryset=image.objects.order_by("position", "pk")),
                Prefetch("viewpoints", queryset=viewpoints.order_by("position", "pk")),
            )
            .order_by("position", "pk"),
        )
    )


def _has_topics(viewpoint_model) -> bool:
    """Whether viewpoints have topics of their own (not yet in an older migration's models)."""
    return any(field.name == "topics" for field in viewpoint_model._meta.get_fields())


def texts(obj, name: str, languages) -> dict:
    """``{language: text}`` of a translated field, the empty ones left out."""
    found = {}
    for code in languages:
        value = getattr(obj, build_localized_fieldname(name, code), None) or ""
        if value.strip():
            found[code] = value
    return found


def _file(field_file):
    return field_file.name if field_file else ""


class _Registry:
    """The registry records an issue mentions, collected while freezing it."""

    def __init__(self):
        self.organizations, self.people, self.events, self.topics = {}, {}, {}, {}

    def organization(self, organization):
        self.organizations.setdefault(
            str(organization.pk),
            {
                "slug": organization.slug,
                "name": texts(organization, "name", ALL_LANGUAGES),
                "short_name": texts(organization, "short_name", ALL_LANGUAGES),
                # Other names it goes by, so that a speaker's label naming it by one
                # ("保护国际基金代表") is known to name it (publishing/frozen.py).
                "aliases": sorted(alias.name for alias in organization.aliases.all()),
                "logo": _file(organization.logo),
            },
        )
        return organization.pk

    def person(self, person):
        if person is None:
            return None
        self.people.setdefault(str(person.pk), {"name": texts(person, "name", ALL_LANGUAGES)})
        return person.pk

    def event(self, event):
        if event is None:
            return None
        self.events.setdefault(
            str(event.pk),
            {
                "slug": event.slug,
                "title": texts(event, "title", ALL_LANGUAGES),
                "start_date": event.start_date,
                "end_date": event.end_date,
                "parent": event.parent_id,
            },
        )
        return event.pk

    def topic(self, topic):
        self.topics.setdefault(
            str(topic.pk), {"slug": topic.slug, "name": texts(topic, "name", ALL_LANGUAGES)}
        )
        return topic.pk

    def as_dict(self):
        return {
            "organizations": self.organizations,
            "people": self.people,
            "events": self.events,
            "topics": self.topics,
        }


def _topics(record, registry: _Registry) -> list[int]:
    return sorted(registry.topic(topic) for topic in record.topics.all())


def viewpoint_topics(viewpoint: dict, article: dict) -> list[int]:
    """A frozen viewpoint's topics; those of its article in editions frozen before
    viewpoints had topics of their own."""
    return viewpoint.get("topics", article["topics"])


def _issue(bulletin, languages, registry: _Registry) -> dict:
    contact, about = bulletin.contact_block, bulletin.about_block
    articles = []
    for article in bulletin.articles.all():
        article_topics = _topics(article, registry)
        articles.append(
            {
                "id": article.pk,
                "position": article.position,
                "slug": article.slug,
                **{name: texts(article, name, languages) for name in ARTICLE_TEXTS},
                "event": registry.event(article.event),
                "topics": article_topics,
                "images": [
                    {
                        "id": image.pk,
                        "position": image.position,
                        "name": _file(image.image),
                        "width": image.width,
                        "height": image.height,
                        **{name: texts(image, name, languages) for name in IMAGE_TEXTS},
                    }
                    for image in article.images.all()
                ],
                "viewpoints": [
                    {
                        "id": viewpoint.pk,
                        "position": viewpoint.position,
                        "organization": registry.organization(viewpoint.organization),
                        "person": registry.person(viewpoint.person),
                        **{name: texts(viewpoint, name, languages) for name in VIEWPOINT_TEXTS},
                        "topics": _topics(viewpoint, registry)
                        if _has_topics(type(viewpoint))
                        else article_topics,
                    }
                    for viewpoint in article.viewpoints.all()
                ],
            }
        )
    return {
        "year": bulletin.year,
        "number": bulletin.number,
        "publication_date": bulletin.publication_date,
        "source_language": bulletin.source_language,
        **{name: texts(bulletin, name, languages) for name in ISSUE_TEXTS},
        "cover_image": {
            "name": _file(bulletin.cover_image),
            "alt": texts(bulletin, "cover_image_alt", languages),
        }
        if bulletin.cover_image
        else None,
        "contact": {
            "id": contact.pk,
            **{name: texts(contact, name, languages) for name in CONTACT_TEXTS},
            "postcode": contact.postcode,
            "phone": contact.phone,
            "fax": contact.fax,
            "emails": [line.strip() for line in contact.emails.splitlines() if line.strip()],
            "website": contact.website,
            # Only when there is one: the issues published before it existed keep their
            # fingerprint (no pending changes appear after an upgrade).
            **(
                {"wechat_qr": _file(contact.wechat_qr)}
                if getattr(contact, "wechat_qr", None)
                else {}
            ),
        },
        "about": {"id": about.pk, "text": texts(about, "text", languages)},
        "articles": articles,
    }


def freeze(bulletin, languages) -> dict:
    """The issue as an edition in ``languages`` would print it (see the module's docstring)."""
    languages = [code for code in ALL_LANGUAGES if code in languages]
    registry = _Registry()
    content = _issue(bulletin, languages, registry)
    return content | {"languages": languages, "registry": registry.as_dict()}


def fingerprint(bulletin) -> str:
    """A hash of the issue's own texts (every language) and links, as they are now."""
    issue = _issue(bulletin, ALL_LANGUAGES, _Registry())
    # A viewpoint on its article's topics is hashed as before viewpoints had topics of
    # their own, so the issues published then kept their fingerprint (bulletins/0012 gave
    # each viewpoint its article's topics): they have no pending changes for it.
    for article in issue["articles"]:
        for viewpoint in article["viewpoints"]:
            if viewpoint["topics"] == article["topics"]:
                del viewpoint["topics"]
    data = json.dumps(issue, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


def written_languages(bulletin) -> list[str]:
    """The languages the issue has text in: its source language, and every language in
    which each article has its headline (what an editor can publish or export)."""
    articles = list(bulletin.articles.all())
    return [
        code
        for code in ALL_LANGUAGES
        if code == bulletin.source_language
        or (articles and all(texts(article, "headline", [code]) for article in articles))
    ]
