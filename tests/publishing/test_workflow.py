"""The workflow: draft → in review → published (now or scheduled) → withdrawn → draft, and
a published issue's pending changes: submitted, published as the next version, discarded."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from audit.models import AuditEntry
from bulletins.models import Bulletin
from publishing import services
from publishing.models import Edition
from tests.factories import ArticleFactory, BulletinFactory, UserFactory, publish

Status = Bulletin.Status
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
NOW = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=SHANGHAI)
LATER = NOW + datetime.timedelta(days=1)


def issue(status):
    """An issue with one article, in ``status``: "scheduled" is published for tomorrow,
    "changed" is published with a change saved since."""
    start = Status.IN_REVIEW if status == Status.IN_REVIEW else Status.DRAFT
    bulletin = BulletinFactory(status=start)
    article = ArticleFactory(bulletin=bulletin)
    day = datetime.timedelta(days=1)
    if status == "scheduled":
        publish(bulletin, at=timezone.now() + day, work=False)
    elif status in (Status.PUBLISHED, Status.WITHDRAWN, "changed"):
        publish(bulletin, at=timezone.now() - day, work=False)
    if status == Status.WITHDRAWN:
        Edition.objects.filter(bulletin=bulletin).update(superseded_at=timezone.now())
        Bulletin.objects.filter(pk=bulletin.pk).update(status=Status.WITHDRAWN)
    if status == "changed":
        article.headline_en = "A corrected headline"
        article.save()
    bulletin.refresh_from_db()
    return bulletin


def act(action, bulletin, user):
    return services.TRANSITION_FUNCTIONS[action](bulletin=bulletin, user=user)


ALLOWED = [
    # action, from, role, status after
    ("submit", Status.DRAFT, "Editor", Status.IN_REVIEW),
    ("submit", Status.DRAFT, "Publisher", Status.IN_REVIEW),
    ("submit", Status.DRAFT, "Administrator", Status.IN_REVIEW),
    ("publish", Status.IN_REVIEW, "Publisher", Status.PUBLISHED),
    ("publish", Status.IN_REVIEW, "Administrator", Status.PUBLISHED),
    ("publish", "scheduled", "Publisher", Status.PUBLISHED),
    ("withdraw", Status.PUBLISHED, "Publisher", Status.WITHDRAWN),
    ("withdraw", "scheduled", "Publisher", Status.WITHDRAWN),
    ("return_to_draft", Status.IN_REVIEW, "Editor", Status.DRAFT),
    ("return_to_draft", Status.IN_REVIEW, "Publisher", Status.DRAFT),
    ("return_to_draft", Status.PUBLISHED, "Publisher", Status.DRAFT),
    ("return_to_draft", Status.WITHDRAWN, "Publisher", Status.DRAFT),
    ("submit", "changed", "Editor", Status.PUBLISHED),
    ("publish", "changed", "Publisher", Status.PUBLISHED),
    ("discard", "changed", "Editor", Status.PUBLISHED),
    ("discard", "changed", "Publisher", Status.PUBLISHED),
]

REFUSED_ROLE = [
    ("submit", Status.DRAFT, "Translator"),
    ("publish", Status.IN_REVIEW, "Editor"),
    ("publish", Status.IN_REVIEW, "Translator"),
    ("publish", "scheduled", "Editor"),
    ("withdraw", Status.PUBLISHED, "Editor"),
    ("withdraw", Status.PUBLISHED, "Translator"),
    ("return_to_draft", Status.PUBLISHED, "Editor"),
    ("return_to_draft", Status.WITHDRAWN, "Editor"),
    ("return_to_draft", Status.IN_REVIEW, "Translator"),
    ("publish", "changed", "Editor"),
    ("discard", "changed", "Translator"),
]

REFUSED_STATE = [
    ("submit", Status.IN_REVIEW),
    ("submit", Status.PUBLISHED),
    ("publish", Status.DRAFT),
    ("publish", Status.PUBLISHED),
    ("publish", Status.WITHDRAWN),
    ("withdraw", Status.DRAFT),
    ("withdraw", Status.IN_REVIEW),
    ("return_to_draft", Status.DRAFT),
    ("discard", Status.PUBLISHED),
    ("discard", Status.DRAFT),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "start", "role", "after"), ALLOWED)
def test_each_transition_is_allowed_to_its_roles(action, start, role, after):
    user = UserFactory(role=role)
    bulletin = issue(start)

    act(action, bulletin, user)

    bulletin.refresh_from_db()
    assert bulletin.status == after
    assert AuditEntry.objects.filter(user=user, object_id=str(bulletin.pk)).exists()
    if start == "changed":
        state = services.publication_state(bulletin)
        pending = {"submit": True, "publish": False, "discard": False}[action]
        assert state.pending == pending
        assert state.submitted == (action == "submit")


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "start", "role"), REFUSED_ROLE)
def test_each_transition_is_refused_to_other_roles(action, start, role):
    user = UserFactory(role=role)
    bulletin = issue(start)
    before = (bulletin.status, bulletin.submitted_at, list(Edition.objects.values_list("pk")))

    with pytest.raises(PermissionDenied):
        act(action, bulletin, user)

    bulletin.refresh_from_db()
    assert (
        bulletin.status,
        bulletin.submitted_at,
        list(Edition.objects.values_list("pk")),
    ) == before
    assert not AuditEntry.objects.filter(user=user).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "start"), REFUSED_STATE)
def test_a_transition_from_the_wrong_status_is_refused_with_a_message(action, start):
    bulletin = issue(start)

    with pytest.raises(ValidationError, match="is not possible for an issue that is"):
        act(action, bulletin, UserFactory(role="Administrator"))

    bulletin.refresh_from_db()
    assert bulletin.status == start


@pytest.mark.django_db
def test_an_issue_without_articles_cannot_be_published(publisher):
    bulletin = BulletinFactory(status=Status.IN_REVIEW)

    with pytest.raises(ValidationError, match="at least one article"):
        services.bulletin_publish(bulletin=bulletin, user=publisher)


@pytest.mark.django_db
def test_scheduled_publication_appears_by_itself_at_its_time(client, publisher):
    with time_machine.travel(NOW, tick=False):
        bulletin = issue(Status.IN_REVIEW)
        services.bulletin_publish(bulletin=bulletin, user=publisher, at=LATER)
        url = f"/en/bulletins/{bulletin.year}/{bulletin.number}/"

        assert client.get(url).status_code == 404
        assert str(bulletin.label) not in client.get("/en/").content.decode()
        assert AuditEntry.objects.get(user=publisher).action == AuditEntry.Action.SCHEDULED

    with time_machine.travel(LATER - datetime.timedelta(seconds=1), tick=False):
        assert client.get(url).status_code == 404

    with time_machine.travel(LATER, tick=False):
        assert client.get(url).status_code == 200
        assert str(bulletin.label) in client.get("/en/").content.decode()


@pytest.mark.django_db
def test_a_publication_time_in_the_past_is_refused(publisher):
    bulletin = issue(Status.IN_REVIEW)

    with time_machine.travel(NOW, tick=False), pytest.raises(ValidationError, match="has passed"):
        services.bulletin_publish(
            bulletin=bulletin, user=publisher, at=NOW - datetime.timedelta(minutes=1)
        )


@pytest.mark.django_db
def test_a_scheduled_issue_can_be_published_at_once(publisher):
    bulletin = issue("scheduled")

    with time_machine.travel(NOW, tick=False):
        edition = services.bulletin_publish(bulletin=bulletin, user=publisher)
        state = services.publication_state(bulletin)

    assert edition.published_at == NOW
    assert state.live == edition
    assert edition.version == 1  # the scheduled version never went live: it is replaced
    assert Edition.objects.filter(bulletin=bulletin).count() == 1


# Through the admin, as editors and publishers click.


def change_page(client, bulletin):
    return client.get(f"/admin/bulletins/bulletin/{bulletin.pk}/change/").content.decode()


@pytest.mark.django_db
def test_the_issue_page_offers_an_editor_only_what_an_editor_may_do(editor_client):
    bulletin = issue(Status.DRAFT)

    page = change_page(editor_client, bulletin)

    assert "Submit for review" in page
    assert "Publish or schedule" not in page
    assert f"/admin/bulletins/bulletin/{bulletin.pk}/workflow/submit/" in page


@pytest.mark.django_db
def test_an_editor_submits_with_a_confirmation(editor_client, editor):
    bulletin = issue(Status.DRAFT)
    url = f"/admin/bulletins/bulletin/{bulletin.pk}/workflow/submit/"

    confirmation = editor_client.get(url)

    assert "A publisher will review the issue" in confirmation.content.decode()
    bulletin.refresh_from_db()
    assert bulletin.status == Status.DRAFT  # nothing happens before the confirmation

    response = editor_client.post(url, follow=True)

    bulletin.refresh_from_db()
    assert bulletin.status == Status.IN_REVIEW
    assert "It is now in review." in response.content.decode()


@pytest.mark.django_db
def test_an_editor_who_posts_the_publish_form_is_refused(editor_client):
    bulletin = issue(Status.IN_REVIEW)
    url = f"/admin/bulletins/bulletin/{bulletin.pk}/workflow/publish/"

    assert "This action is not open to you" in editor_client.get(url).content.decode()
    response = editor_client.post(url, {"when": "now"}, follow=True)

    bulletin.refresh_from_db()
    assert bulletin.status == Status.IN_REVIEW
    assert "You may not “Publish or schedule” this issue." in response.content.decode()


@pytest.mark.django_db
def test_a_publisher_schedules_from_the_issue_page(publisher_client, publisher):
    bulletin = issue(Status.IN_REVIEW)
    url = f"/admin/bulletins/bulletin/{bulletin.pk}/workflow/publish/"

    with time_machine.travel(NOW, tick=False):
        assert "Publish or schedule" in change_page(publisher_client, bulletin)
        response = publisher_client.post(
            url, {"when": "later", "at": "2026-03-02T10:00", "languages": ["zh-hans", "en"]}
        )

    assert response.status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.status == Status.PUBLISHED
    assert Edition.objects.get(bulletin=bulletin).published_at == LATER.replace(hour=10)
    entry = AuditEntry.objects.get(user=publisher)
    assert entry.action == AuditEntry.Action.SCHEDULED


@pytest.mark.django_db
def test_scheduling_without_a_time_asks_for_one(publisher_client):
    bulletin = issue(Status.IN_REVIEW)

    response = publisher_client.post(
        f"/admin/bulletins/bulletin/{bulletin.pk}/workflow/publish/", {"when": "later"}
    )

    assert "Choose the publication time." in response.content.decode()
    bulletin.refresh_from_db()
    assert bulletin.status == Status.IN_REVIEW


@pytest.mark.django_db
def test_the_status_cannot_be_set_through_the_form(publisher_client):
    bulletin = issue(Status.DRAFT)

    response = publisher_client.get(f"/admin/bulletins/bulletin/{bulletin.pk}/change/")

    assert "status" not in response.context["adminform"].form.fields
    assert "submitted_at" not in response.context["adminform"].form.fields
