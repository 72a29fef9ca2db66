"""A published issue is an edition: what editors, translators and imports do reaches readers
only when a publisher publishes it, as a numbered version, in the languages chosen."""

import pytest
from django.test import Client
from django.utils import translation

from bulletins.models import Bulletin
from editorial.admin.publication import public_state
from events.models import Event
from publishing import registry, services
from publishing.models import Edition, PublicEvent
from tests.admin_pages import form_data
from tests.bulletins.importing.helpers import SEED_2, import_text, seed_text
from tests.factories import (
    ArticleFactory,
    BulletinFactory,
    UserFactory,
    ViewpointFactory,
    publish,
    run_background_work,
)

ISSUE = "/en/bulletins/2021/1/"


@pytest.fixture
def published(db):
    bulletin = BulletinFactory(year=2021, number=1)
    article = ArticleFactory(
        bulletin=bulletin, headline_en="Published headline", slug="published-article"
    )
    ViewpointFactory(article=article, statement_en="Published statement")
    publish(bulletin, languages=["zh-hans", "en"])
    return bulletin


def reader_sees(path=ISSUE) -> str:
    return Client().get(path).content.decode()


def test_an_editor_adding_an_article_in_the_admin_reaches_readers_only_when_published(
    editor_client, published, publisher
):
    page = editor_client.get(f"/admin/bulletins/article/add/?bulletin={published.pk}")
    data = form_data(
        page,
        bulletin=str(published.pk),
        headline_zh_hans="新增文章",
        headline_en="Added article",
        slug="added",
        position="5",
    )
    response = editor_client.post("/admin/bulletins/article/add/", data)
    assert response.status_code == 302

    assert "Added article" not in reader_sees()
    assert Client().get(f"{ISSUE}added/").status_code == 404
    assert "Added article" not in reader_sees("/en/feeds/rss/")

    services.bulletin_publish(bulletin=published, user=publisher)
    run_background_work()

    assert "Added article" in reader_sees()
    assert Client().get(f"{ISSUE}added/").status_code == 200


def test_an_editor_s_change_of_a_headline_waits_and_the_issue_page_says_so(
    editor_client, published
):
    article = published.articles.get()
    url = f"/admin/bulletins/article/{article.pk}/change/"
    form = editor_client.get(url)
    assert "readers see version 1. What you save here waits" in form.content.decode()
    response = editor_client.post(url, form_data(form, headline_en="Changed headline"), follow=True)

    assert "Readers still see version 1: your changes wait" in response.content.decode()
    assert "Changed headline" not in reader_sees()
    issue_page = editor_client.get(f"/admin/bulletins/bulletin/{published.pk}/change/")
    html = issue_page.content.decode()
    assert "published · changes pending" in html
    assert "Changed headline" in html  # in the list of what changed
    assert "Preview the pending version" in html
    issue_response = editor_client.post(
        f"/admin/bulletins/bulletin/{published.pk}/change/",
        form_data(issue_page, title_en="A new title"),
        follow=True,
    )
    assert "your changes wait until a publisher publishes them" in issue_response.content.decode()


def test_a_translator_s_thai_headline_makes_no_thai_edition_until_published(
    client, published, publisher
):
    translator = UserFactory(role="Translator")
    client.force_login(translator)
    article = published.articles.get()
    url = f"/admin/bulletins/article/{article.pk}/change/"
    client.post(url, form_data(client.get(url), headline_th="หัวข้อภาษาไทย"))
    client.logout()

    assert "หัวข้อภาษาไทย" not in reader_sees("/th/bulletins/2021/1/")
    assert '<link rel="alternate" hreflang="th"' not in reader_sees("/en/bulletins/2021/1/")
    assert "/th/bulletins/2021/1/" not in reader_sees("/sitemap.xml")

    services.bulletin_publish(bulletin=published, user=publisher, languages=["zh-hans", "en", "th"])
    assert "หัวข้อภาษาไทย" in reader_sees("/th/bulletins/2021/1/")
    assert '<link rel="alternate" hreflang="th"' in reader_sees("/en/bulletins/2021/1/")


def test_the_publisher_chooses_the_languages_and_an_incomplete_one_needs_a_choice(
    publisher_client, published
):
    article = published.articles.get()
    article.headline_th = "หัวข้อภาษาไทย"  # Thai headline, but no Thai body or statement
    article.save()
    url = f"/admin/bulletins/bulletin/{published.pk}/workflow/publish/"

    form = publisher_client.get(url).content.decode()
    refused = publisher_client.post(
        url, {"when": "now", "languages": ["zh-hans", "en", "th"]}
    ).content.decode()
    accepted = publisher_client.post(
        url, {"when": "now", "languages": ["zh-hans", "en", "th"], "publish_incomplete": "on"}
    )

    assert "Thai (" in form and "texts)" in form  # its completeness
    assert "not every text is translated" in refused
    assert accepted.status_code == 302
    thai = reader_sees("/th/bulletins/2021/1/")
    assert "หัวข้อภาษาไทย" in thai
    # Its gaps are shown in English, marked as such.
    assert '<div class="prose" lang="en">' in thai


def test_version_2_shows_its_correction_and_version_1_stays_readable_by_staff(
    publisher_client, published, publisher
):
    article = published.articles.get()
    article.headline_en = "Corrected headline"
    article.save()
    services.bulletin_publish(
        bulletin=published,
        user=publisher,
        note={"zh-hans": "更正了标题。", "en": "The headline was corrected."},
    )

    page = reader_sees()
    first = publisher_client.get(f"{ISSUE}?version=1").content.decode()

    assert "Updated on" in page and "version 2" in page
    assert "The headline was corrected." in page
    assert "Corrected headline" in page
    assert "Published headline" in first
    assert "This is version 1 of the issue" in first
    assert "Published headline" not in Client().get(f"{ISSUE}?version=1").content.decode()
    assert [e.version for e in Edition.objects.filter(bulletin=published)] == [2, 1]


def test_discarding_pending_changes_brings_back_the_published_records(
    editor_client, published, editor
):
    article = published.articles.get()
    article.headline_en = "Unwanted headline"
    article.save()
    ArticleFactory(bulletin=published, headline_en="Unwanted article", slug="unwanted")

    url = f"/admin/bulletins/bulletin/{published.pk}/workflow/discard/"
    confirmation = editor_client.get(url).content.decode()
    editor_client.post(url, {"message": "Not needed"})

    assert "Unwanted headline" in confirmation  # what would be undone
    article.refresh_from_db()
    assert article.headline_en == "Published headline"
    assert not published.articles.filter(slug="unwanted").exists()
    assert not services.publication_state(published).pending


def test_publishing_needs_the_publish_permission_whatever_the_route(editor_client, published):
    article = published.articles.get()
    article.headline_en = "Changed headline"
    article.save()

    response = editor_client.post(
        f"/admin/bulletins/bulletin/{published.pk}/workflow/publish/",
        {"when": "now", "languages": ["zh-hans", "en"]},
    )

    assert response.status_code == 302
    assert Edition.objects.filter(bulletin=published).count() == 1
    assert "Changed headline" not in reader_sees()


@pytest.mark.django_db
def test_an_event_a_draft_import_creates_stays_off_the_public_site(client):
    bulletin = import_text(seed_text(SEED_2), "2020-2.txt")
    run_background_work()
    event = Event.objects.filter(articles__bulletin=bulletin).first()

    assert bulletin.status == Bulletin.Status.DRAFT
    assert event is not None
    assert not PublicEvent.objects.filter(pk=event.pk).exists()
    assert client.get(f"/en/events/{event.slug}/").status_code == 404
    for path in ("/en/events/", "/en/", "/en/events/calendar.ics"):
        assert event.slug not in client.get(path).content.decode(), path
    assert event.slug not in client.get("/zh-hans/search/", {"q": "澜湄周"}).content.decode()

    publish(bulletin)

    assert client.get(f"/en/events/{event.slug}/").status_code == 200


def test_a_partner_an_issue_mentions_cannot_be_unpublished(publisher_client, published):
    organization = published.articles.get().viewpoints.get().organization
    url = f"/admin/partners/organization/{organization.pk}/publication/unpublish/"

    response = publisher_client.post(url, follow=True)

    assert "Published issues mention it" in response.content.decode()
    assert Client().get(organization.get_absolute_url()).status_code == 200


def test_a_partner_published_under_one_interface_language_is_not_pending_under_another(
    published,
):
    organization = published.articles.get().viewpoints.get().organization
    # Published by a publisher whose admin is in English (the fixture's publication ran in
    # the tests' English); an editor whose admin is in Chinese then opens the partner.
    with translation.override("zh-hans"):
        assert public_state(organization) == "已公开"
        assert registry.pending_changes(organization) == []
        # and republishing the issue republishes no partner
        assert registry.publish_records_of(Edition.objects.get().content, user=None) == []
