"""Script smuggled into any translated text never runs: not on a page, a feed, a PDF or the admin.

Every translated field of every record, in every language, holds real XSS payloads; each
reader-facing path and the editors' pages are checked for any of them left unescaped.
"""

import pytest
from django.conf import settings
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from publishing.models import Edition
from publishing.pdf import document
from tests.factories import (
    ArticleFactory,
    EventOrganizerFactory,
    PersonFactory,
    TopicFactory,
    ViewpointFactory,
    make_public,
    publish,
)

LONG = (
    'XSS<script>alert("xss")</script><img src=x onerror=alert(1)>'
    '"><svg onload=alert(1)></script><script>alert(2)</script>'
)
SHORT = "XSS<img src=x onerror=alert(1)>"  # for fields of 60 characters or fewer
DANGEROUS = ["<script>alert", "<img src=x onerror", "<svg onload", "onerror=alert(1)>"]


def poison_every_translated_field():
    for model in translator.get_registered_models():
        fields = translator.get_options_for_model(model).fields
        for record in model.objects.all():
            for field in fields:
                for code, _name in settings.LANGUAGES:
                    name = build_localized_fieldname(field, code)
                    max_length = model._meta.get_field(name).max_length
                    payload = SHORT if max_length and max_length < len(LONG) else LONG
                    setattr(record, name, payload)
            record.save()


@pytest.fixture
def poisoned(db):
    topic = TopicFactory(slug="poisoned-topic")
    viewpoint = ViewpointFactory(
        person=PersonFactory(slug="poisoned-person"),
        article=ArticleFactory(slug="poisoned-article", bulletin__year=2026, bulletin__number=1),
    )
    article = viewpoint.article
    article.topics.add(topic)
    organizer = EventOrganizerFactory(organization=viewpoint.organization)
    article.event = organizer.event
    article.save()
    poison_every_translated_field()
    # Published in every language, the poisoned partner, event and topic with it.
    publish(article.bulletin, languages=[code for code, _name in settings.LANGUAGES])
    make_public(organizer.organization)
    return article


def assert_harmless(text, where):
    for dangerous in DANGEROUS:
        assert dangerous not in text, f"{where}: {dangerous!r}"


@pytest.mark.parametrize("language", ["zh-hans", "en", "th"])
def test_reader_pages_and_feeds_show_the_payloads_as_text(client, poisoned, language):
    article = poisoned
    organization = article.viewpoints.get().organization
    paths = [
        f"/{language}/",
        f"/{language}/bulletins/",
        f"/{language}/bulletins/2026/1/",
        f"/{language}/bulletins/2026/1/{article.slug}/",
        f"/{language}/partners/",
        f"/{language}/partners/{organization.slug}/",
        f"/{language}/events/",
        f"/{language}/events/{article.event.slug}/",
        f"/{language}/topics/poisoned-topic/",
        f"/{language}/search/?q=XSS",
        f"/{language}/search/?q=alert",
        f"/{language}/feeds/rss/",
        f"/{language}/feeds/atom/",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_harmless(response.content.decode(), path)
    # The payload is there, as text: the pages did show the poisoned content.
    issue_page = client.get(f"/{language}/bulletins/2026/1/").content.decode()
    assert "XSS&lt;img src=x onerror=alert(1)&gt;" in issue_page


def test_the_pdf_html_shows_the_payloads_as_text(poisoned):
    edition = Edition.objects.get(bulletin=poisoned.bulletin)
    for language in document.pdf_languages(edition.languages):
        assert_harmless(document.build_html(edition.content, language), f"PDF {language}")


def test_rich_text_keeps_no_script_whatever_was_posted(poisoned):
    poisoned.refresh_from_db()
    for code, _name in settings.LANGUAGES:
        body = getattr(poisoned, build_localized_fieldname("body", code))
        assert_harmless(body, f"body_{code}")
        assert "alert(2)" not in body or "<script" not in body


def test_the_editors_pages_show_the_payloads_as_text(publisher_client, poisoned):
    article = poisoned
    pages = [
        "/admin/",
        "/admin/bulletins/bulletin/",
        f"/admin/bulletins/bulletin/{article.bulletin.pk}/change/",
        f"/admin/bulletins/article/{article.pk}/change/",
        "/admin/bulletins/viewpoint/",
        f"/admin/partners/organization/{article.viewpoints.get().organization.pk}/change/",
        f"/admin/events/event/{article.event.pk}/change/",
    ]
    for page in pages:
        response = publisher_client.get(page)
        assert response.status_code == 200, page
        assert_harmless(response.content.decode(), page)
