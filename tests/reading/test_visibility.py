"""Readers see only what a publisher published, on every public path: nothing of an
unpublished issue, and nothing of a published issue's pending changes; staff see both as
previews."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from bulletins.models import Article, Bulletin, Viewpoint
from publishing import services
from publishing.models import Edition
from tests.factories import (
    ArticleFactory,
    BulletinFactory,
    EventFactory,
    OrganizationFactory,
    TopicFactory,
    UserFactory,
    ViewpointFactory,
    make_public,
    publish,
)
from tests.reading.sitemaps import sitemap_pages

Status = Bulletin.Status
UNPUBLISHED = ["draft", "in_review", "withdrawn", "scheduled"]


def make_issue(state, marker="SECRET"):
    """An issue in ``state`` whose every text carries ``marker``, with its partner,
    event and topic."""
    bulletin = BulletinFactory(year=2026, title_en=f"{marker} issue title")
    event = EventFactory()
    topic = TopicFactory()
    organization = OrganizationFactory()
    article = ArticleFactory(
        bulletin=bulletin, event=event, headline_en=f"{marker} headline", slug="the-article"
    )
    article.topics.add(topic)
    ViewpointFactory(article=article, organization=organization, statement_en=f"{marker} statement")
    now = timezone.now()
    if state == "in_review":
        Bulletin.objects.filter(pk=bulletin.pk).update(status=Status.IN_REVIEW)
    elif state == "scheduled":
        publish(bulletin, at=now + datetime.timedelta(hours=2))
    elif state in ("published", "withdrawn"):
        publish(
            bulletin,
            at=now - datetime.timedelta(hours=2),
            languages=["zh-hans", "en"],
            pdfs=state == "published",
        )
    if state == "withdrawn":
        services.bulletin_withdraw(bulletin=bulletin, user=UserFactory(role="Publisher"))
    bulletin.refresh_from_db()
    return bulletin, article, organization, event, topic


ISSUE_PATHS = ["issue", "article", "pdf", "pdf-bilingual"]  # 404 unless the issue is public


def public_paths(bulletin, article, organization, event, topic):
    issue = f"/en/bulletins/{bulletin.year}/{bulletin.number}/"
    return {
        "home": "/en/",
        "issue": issue,
        "article": f"{issue}{article.slug}/",
        "pdf": f"{issue}pdf/",
        "pdf-bilingual": f"{issue}pdf/bilingual/",
        "archive": "/en/bulletins/",
        "archive-year": f"/en/bulletins/{bulletin.year - 1}/",
        "partner": f"/en/partners/{organization.slug}/",
        "partners": "/en/partners/",
        "event": f"/en/events/{event.slug}/",
        "events": "/en/events/",
        "calendar": "/en/events/calendar.ics",
        "topic": f"/en/topics/{topic.slug}/",
        "topics": "/en/topics/",
        "search": "/en/search/?q=headline",
        "search-statements": "/en/search/?q=statement&type=viewpoint",
        "rss": "/en/feeds/rss/",
        "atom": "/en/feeds/atom/",
        "sitemap": "/sitemap.xml",
        "sitemap-issues": "/sitemap-issues.xml",
        "sitemap-articles": "/sitemap-articles.xml",
        "sitemap-years": "/sitemap-years.xml",
    }


REGISTRY_PATHS = ["partner", "event", "topic"]


@pytest.mark.django_db
@pytest.mark.parametrize("state", UNPUBLISHED)
def test_no_public_path_shows_an_unpublished_issue(client, state):
    paths = public_paths(*make_issue(state))

    other = BulletinFactory(year=2025, number=1)
    ArticleFactory(bulletin=other)
    publish(other)
    for name, path in paths.items():
        response = client.get(path)
        if name in ISSUE_PATHS or (name in REGISTRY_PATHS and state != "withdrawn"):
            # Its new partner, event and topic are not public either (a withdrawn issue's
            # were published with it, and stay).
            assert response.status_code == 404, name
        else:
            assert response.status_code == 200, name
            content = response.content.decode()
            assert "SECRET" not in content, name
            assert "/bulletins/2026/" not in content, name


@pytest.mark.django_db
def test_the_same_paths_show_a_published_issue(client):
    paths = public_paths(*make_issue("published", marker="PUBLIC"))

    assert "PUBLIC statement" in client.get(paths["issue"]).content.decode()
    assert "PUBLIC headline" in client.get(paths["article"]).content.decode()
    assert "PUBLIC headline" in client.get(paths["home"]).content.decode()
    assert "PUBLIC</mark> headline" in client.get("/en/search/?q=PUBLIC").content.decode()
    assert "/bulletins/2026/" in client.get(paths["sitemap-issues"]).content.decode()
    assert "PUBLIC" in client.get(paths["rss"]).content.decode()
    assert "PUBLIC statement" in client.get(paths["partner"]).content.decode()
    assert "PUBLIC headline" in client.get(paths["event"]).content.decode()
    assert "PUBLIC headline" in client.get(paths["topic"]).content.decode()
    assert client.get(paths["pdf"])["Content-Type"] == "application/pdf"


def change_everything(bulletin, article, marker="PENDING"):
    """What editors and translators do to a published issue: every kind of change."""
    article.headline_en = f"{marker} headline"
    article.save()
    Viewpoint.objects.filter(article=article).update(statement_en=f"{marker} statement")
    added = ArticleFactory(bulletin=bulletin, headline_en=f"{marker} added article", slug="added")
    ViewpointFactory(article=added, statement_en=f"{marker} added viewpoint")
    Bulletin.objects.filter(pk=bulletin.pk).update(title_en=f"{marker} title", title_th="ไทย")


@pytest.mark.django_db
def test_no_public_path_shows_pending_changes(client):
    bulletin, article, organization, event, topic = make_issue("published", marker="PUBLIC")
    paths = public_paths(bulletin, article, organization, event, topic)

    change_everything(bulletin, article)

    for name, path in paths.items():
        response = client.get(path)
        assert response.status_code == (404 if name == "archive-year" else 200), name
        if name not in ("pdf", "pdf-bilingual"):  # the PDFs are version 1's, rendered before
            assert "PENDING" not in response.content.decode(), name
    assert client.get(paths["issue"] + "added/").status_code == 404
    assert "PUBLIC headline" in client.get(paths["issue"]).content.decode()
    assert "PUBLIC statement" in client.get(paths["partner"]).content.decode()


@pytest.mark.django_db
def test_pending_changes_reach_readers_when_a_publisher_publishes_them(client, publisher):
    bulletin, article, *_ = make_issue("published", marker="PUBLIC")
    change_everything(bulletin, article)

    services.bulletin_publish(bulletin=bulletin, user=publisher)

    page = client.get(f"/en/bulletins/{bulletin.year}/{bulletin.number}/").content.decode()
    assert "PENDING headline" in page
    assert "PENDING added article" in page
    assert "PUBLIC headline" not in page


@pytest.mark.django_db
def test_moving_an_article_into_a_published_issue_publishes_nothing(client):
    published, article, organization, *_ = make_issue("published", marker="PUBLIC")
    draft = BulletinFactory(year=2027)
    moved = ArticleFactory(bulletin=draft, headline_en="MOVED headline", slug="moved")
    partner = OrganizationFactory(slug="moved-partner")
    ViewpointFactory(article=moved, organization=partner, statement_en="MOVED statement")

    Article.objects.filter(pk=moved.pk).update(bulletin=published)

    issue = f"/en/bulletins/{published.year}/{published.number}/"
    assert "MOVED" not in client.get(issue).content.decode()
    assert client.get(f"{issue}moved/").status_code == 404
    assert client.get("/en/partners/moved-partner/").status_code == 404
    assert "MOVED</mark>" not in client.get("/en/search/?q=MOVED").content.decode()


@pytest.mark.django_db
def test_a_translation_creates_no_language_edition(client):
    bulletin, article, *_ = make_issue("published", marker="PUBLIC")
    article.headline_th = "หัวข้อข่าวภาษาไทย"
    article.save()

    th_page = client.get(f"/th/bulletins/{bulletin.year}/{bulletin.number}/").content.decode()
    sitemap = "".join(sitemap_pages(client))

    assert "หัวข้อข่าวภาษาไทย" not in th_page
    assert '<link rel="alternate" hreflang="th"' not in th_page
    assert f"/th/bulletins/{bulletin.year}/{bulletin.number}/" not in sitemap
    assert client.get(f"/th/bulletins/{bulletin.year}/{bulletin.number}/pdf/").status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("state", UNPUBLISHED)
def test_staff_see_an_unpublished_issue_at_its_address_as_a_preview(editor_client, state):
    paths = public_paths(*make_issue(state))

    for name in ("issue", "article"):
        response = editor_client.get(paths[name])
        page = response.content.decode()
        assert response.status_code == 200, name
        assert "SECRET headline" in page
        assert 'class="preview-banner"' in page
        assert '<meta name="robots" content="noindex, nofollow">' in page
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex, nofollow, noarchive"


@pytest.mark.django_db
def test_staff_see_pending_changes_as_a_preview_and_readers_the_edition(editor_client):
    bulletin, article, *_ = make_issue("published", marker="PUBLIC")
    change_everything(bulletin, article)
    url = f"/en/bulletins/{bulletin.year}/{bulletin.number}/"

    staff_page = editor_client.get(url).content.decode()

    assert "PENDING headline" in staff_page
    assert "readers still see version 1 until a publisher publishes them" in staff_page
    assert "PENDING" not in Client().get(url).content.decode()


@pytest.mark.django_db
def test_the_banner_of_a_scheduled_issue_gives_its_time(editor_client):
    bulletin, *_ = make_issue("scheduled")

    page = editor_client.get(f"/en/bulletins/{bulletin.year}/{bulletin.number}/").content.decode()

    assert "This issue is scheduled: readers will see it from" in page


@pytest.mark.django_db
def test_staff_see_a_published_issue_without_a_banner(editor_client):
    bulletin, *_ = make_issue("published")

    response = editor_client.get(f"/en/bulletins/{bulletin.year}/{bulletin.number}/")

    assert "preview-banner" not in response.content.decode()
    assert "X-Robots-Tag" not in response


@pytest.mark.django_db
def test_staff_without_the_change_permission_see_no_draft(client):
    client.force_login(UserFactory(is_staff=True))
    bulletin, *_ = make_issue("draft")

    response = client.get(f"/en/bulletins/{bulletin.year}/{bulletin.number}/")

    assert response.status_code == 404


@pytest.mark.django_db
def test_a_published_version_never_changes(client):
    bulletin, *_ = make_issue("published")
    edition = Edition.objects.get(bulletin=bulletin)
    edition.content["articles"][0]["headline"]["en"] = "Rewritten"

    with pytest.raises(Exception, match="A published version of an issue never changes"):
        Edition.objects.filter(pk=edition.pk).update(content=edition.content)


@pytest.mark.django_db
def test_a_partner_published_on_its_own_appears_without_an_issue(client, publisher):
    organization = OrganizationFactory(slug="new-partner", name_en="New partner")
    assert client.get("/en/partners/new-partner/").status_code == 404

    services.record_publish(obj=organization, user=publisher)

    assert "New partner" in client.get("/en/partners/new-partner/").content.decode()
    organization.name_en = "Renamed partner"
    organization.save()
    assert "Renamed" not in client.get("/en/partners/new-partner/").content.decode()
    make_public(organization)
    assert "Renamed partner" in client.get("/en/partners/new-partner/").content.decode()
