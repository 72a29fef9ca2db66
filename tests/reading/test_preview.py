"""Preview links: signed, expiring, revocable, for reviewers without an account."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from audit.models import AuditEntry
from bulletins.models import Bulletin
from publishing import services
from publishing.models import PreviewLink
from tests.factories import ArticleFactory, BulletinFactory, ViewpointFactory, publish

NOW = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def draft(db):
    bulletin = BulletinFactory(status=Bulletin.Status.DRAFT)
    article = ArticleFactory(bulletin=bulletin, headline_en="Draft headline", slug="draft-article")
    ViewpointFactory(article=article, statement_en="WWF's quote to check")
    return bulletin


@pytest.fixture
def link(draft, editor):
    with time_machine.travel(NOW, tick=False):
        return services.preview_link_create(
            bulletin=draft, user=editor, note="WWF, to check its quote", language="en", days=7
        )


def assert_private(response):
    assert response["X-Robots-Tag"] == "noindex, nofollow, noarchive"
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"


@pytest.mark.django_db
def test_a_valid_link_shows_the_draft_to_anyone(client, link):
    with time_machine.travel(NOW + datetime.timedelta(days=6), tick=False):
        response = client.get(link.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    assert "WWF&#x27;s quote to check" in page
    assert "This preview link works until" in page
    assert_private(response)
    # Articles link to their preview, not to their public address (a 404 for the reviewer).
    article_url = f"{link.get_absolute_url()}draft-article/"
    assert f'href="{article_url}"' in page


@pytest.mark.django_db
def test_a_valid_link_opens_the_articles_of_its_issue(client, link, draft):
    with time_machine.travel(NOW, tick=False):
        response = client.get(f"{link.get_absolute_url()}draft-article/")
        other = ArticleFactory(slug="other-article")
        elsewhere = client.get(f"{link.get_absolute_url()}{other.slug}/")

    assert response.status_code == 200
    assert "Draft headline" in response.content.decode()
    assert_private(response)
    assert elsewhere.status_code == 404


@pytest.mark.django_db
def test_an_expired_link_is_refused(client, link):
    with time_machine.travel(NOW + datetime.timedelta(days=7), tick=False):
        response = client.get(link.get_absolute_url())

    assert response.status_code == 410
    assert "This preview link has expired." in response.content.decode()
    assert "Draft headline" not in response.content.decode()
    assert_private(response)


@pytest.mark.django_db
def test_a_revoked_link_is_refused(client, link, publisher):
    services.preview_link_revoke(link=link, user=publisher)

    with time_machine.travel(NOW, tick=False):
        response = client.get(link.get_absolute_url())
        article = client.get(f"{link.get_absolute_url()}draft-article/")

    assert response.status_code == 410
    assert "This preview link was withdrawn by the editors." in response.content.decode()
    assert article.status_code == 410
    assert_private(response)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # signature changed
        lambda token: "eyJsaW5rIjoyfQ" + token[token.index(":") :],  # another link's id
        lambda token: "nothing-like-a-token",
    ],
)
def test_a_tampered_link_is_not_found(client, link, tamper):
    with time_machine.travel(NOW, tick=False):
        response = client.get(f"/en/preview/{tamper(link.token)}/")

    assert response.status_code == 404
    assert "This preview link is not valid." in response.content.decode()
    assert_private(response)


@pytest.mark.django_db
def test_a_link_to_a_deleted_issue_is_not_found(client, link, draft):
    url = link.get_absolute_url()
    draft.delete()

    with time_machine.travel(NOW, tick=False):
        assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_translator_cannot_make_preview_links(draft, translator):
    with pytest.raises(PermissionDenied):
        services.preview_link_create(
            bulletin=draft, user=translator, note="x", language="en", days=1
        )


@pytest.mark.django_db
def test_an_editor_creates_and_revokes_a_link_in_the_admin(editor_client, editor, draft):
    url = f"/admin/bulletins/bulletin/{draft.pk}/preview-links/"
    assert (
        url in editor_client.get(f"/admin/bulletins/bulletin/{draft.pk}/change/").content.decode()
    )

    response = editor_client.post(
        url, {"note": "Oxfam, its quote", "language": "en", "days": "3"}, follow=True
    )

    link = PreviewLink.objects.get()
    page = response.content.decode()
    assert "Preview link created" in page
    assert f"http://testserver/en/preview/{link.token}/" in page
    assert link.created_by == editor
    assert link.expires_at - link.created_at == datetime.timedelta(days=3)

    response = editor_client.post(f"{url}{link.pk}/revoke/", follow=True)

    link.refresh_from_db()
    assert link.state == PreviewLink.State.REVOKED
    assert "was revoked" in response.content.decode()
    assert list(AuditEntry.objects.values_list("action", flat=True)) == [
        AuditEntry.Action.PREVIEW_LINK_REVOKED,
        AuditEntry.Action.PREVIEW_LINK_CREATED,
    ]


@pytest.mark.django_db
def test_a_link_to_an_issue_published_since_says_so(client, link, draft):
    with time_machine.travel(NOW, tick=False):
        publish(draft)
        response = client.get(link.get_absolute_url())

    assert "This issue is published: readers see it at its public address." in (
        response.content.decode()
    )


@pytest.mark.django_db
def test_a_link_shows_a_published_issue_s_pending_changes(client, editor, publisher):
    bulletin = BulletinFactory()
    article = ArticleFactory(bulletin=bulletin, headline_en="Published headline")
    publish(bulletin)
    article.headline_en = "Corrected headline"
    article.save()

    link = services.preview_link_create(
        bulletin=bulletin, user=editor, note="WWF", language="en", days=7
    )
    page = client.get(link.get_absolute_url()).content.decode()

    assert "Corrected headline" in page
    assert "readers still see version 1" in page
    assert "Corrected headline" not in client.get(bulletin.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_withdrawing_an_issue_closes_its_preview_links(client, editor, publisher):
    bulletin = BulletinFactory()
    ArticleFactory(bulletin=bulletin, headline_en="Published headline")
    publish(bulletin)
    link = services.preview_link_create(
        bulletin=bulletin, user=editor, note="WWF", language="en", days=7
    )
    assert client.get(link.get_absolute_url()).status_code == 200

    services.bulletin_withdraw(bulletin=bulletin, user=publisher)

    response = client.get(link.get_absolute_url())
    assert response.status_code == 410
    assert "Published headline" not in response.content.decode()
