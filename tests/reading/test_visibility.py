"""Nothing unpublished reaches the public, on any public path; staff see it as a preview."""

import datetime

import pytest
from django.utils import timezone

from bulletins.models import Bulletin
from tests.factories import (
    ArticleFactory,
    BulletinFactory,
    EventFactory,
    OrganizationFactory,
    TopicFactory,
    UserFactory,
    ViewpointFactory,
)

Status = Bulletin.Status
UNPUBLISHED = ["draft", "in_review", "withdrawn", "scheduled"]


def make_issue(state, marker="SECRET"):
    """An issue in ``state`` whose every text carries ``marker``, with its partner,
    event and topic, which themselves are public."""
    now = timezone.now()
    status, published_at = {
        "draft": (Status.DRAFT, None),
        "in_review": (Status.IN_REVIEW, None),
        "withdrawn": (Status.WITHDRAWN, now - datetime.timedelta(days=3)),
        "scheduled": (Status.PUBLISHED, now + datetime.timedelta(hours=2)),
        "published": (Status.PUBLISHED, now - datetime.timedelta(hours=2)),
    }[state]
    bulletin = BulletinFactory(
        year=2026, status=status, published_at=published_at, title_en=f"{marker} issue title"
    )
    event = EventFactory()
    topic = TopicFactory()
    organization = OrganizationFactory()
    article = ArticleFactory(
        bulletin=bulletin, event=event, headline_en=f"{marker} headline", slug="the-article"
    )
    article.topics.add(topic)
    ViewpointFactory(article=article, organization=organization, statement_en=f"{marker} statement")
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
    }


@pytest.mark.django_db
@pytest.mark.parametrize("state", UNPUBLISHED)
def test_no_public_path_shows_an_unpublished_issue(client, state):
    paths = public_paths(*make_issue(state))

    BulletinFactory(year=2025, number=1, status=Status.PUBLISHED, published_at=timezone.now())
    for name, path in paths.items():
        response = client.get(path)
        if name in ISSUE_PATHS:
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
    assert "/bulletins/2026/" in client.get(paths["sitemap"]).content.decode()
    assert "PUBLIC" in client.get(paths["rss"]).content.decode()
    # The PDF is public too: rendered in the background, "being prepared" until then.
    assert client.get(paths["pdf"]).status_code == 503


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
