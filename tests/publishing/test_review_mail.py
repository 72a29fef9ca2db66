"""Publishers are told by e-mail when an issue awaits their review (issue 17, item 7)."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from publishing import pipeline
from publishing.models import Job
from tests.factories import (
    ArticleFactory,
    BulletinFactory,
    UserFactory,
    publish,
    run_background_work,
)
from tests.mail import free_port

pytestmark = pytest.mark.django_db


def submit(client, bulletin, message=""):
    url = f"/admin/bulletins/bulletin/{bulletin.pk}/workflow/submit/"
    return client.post(url, {"message": message})


@pytest.fixture
def mail_readers(db):
    return [
        UserFactory(username="li", email="li@lmec.example", role="Publisher"),
        UserFactory(username="wang", email="wang@lmec.example", role="Administrator"),
    ]


def test_submitting_an_issue_mails_every_publisher_but_not_the_editors(
    editor_client, mail_readers, mailbox
):
    UserFactory(username="other-editor", email="zhao@lmec.example", role="Editor")
    bulletin = BulletinFactory(year=2021, number=3)
    ArticleFactory(bulletin=bulletin)

    submit(editor_client, bulletin, "Please check the WWF quote.")
    assert mailbox.messages == []  # not in the editor's request
    run_background_work()

    assert sorted(m["To"] for m in mailbox.messages) == ["li@lmec.example", "wang@lmec.example"]
    mail = mailbox.messages[0]
    body = mail.get_content()
    assert "Awaiting review: No. 3, 2021" in mail["Subject"]
    assert "2021年第3期" in mail["Subject"]
    assert "editor submitted No. 3, 2021 for review." in body
    assert "Please check the WWF quote." in body
    assert f"/admin/bulletins/bulletin/{bulletin.pk}/change/" in body


def test_submitting_pending_changes_says_so(editor_client, mail_readers, mailbox):
    bulletin = BulletinFactory(year=2021, number=4)
    article = ArticleFactory(bulletin=bulletin)
    publish(bulletin)
    article.headline_en = "Corrected"
    article.save()

    submit(editor_client, bulletin)
    run_background_work()

    assert "submitted changes to No. 4, 2021 for review" in mailbox.messages[0].get_content()


def test_a_mail_server_that_is_down_delays_the_mail_and_staff_see_why(
    editor_client, publisher_client, mail_readers, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens
    bulletin = BulletinFactory()
    ArticleFactory(bulletin=bulletin)

    response = submit(editor_client, bulletin)
    now = timezone.now()
    with time_machine.travel(now, tick=False) as clock:
        run_background_work()
        for delay in (30, 120, 480, 1920):
            clock.shift(datetime.timedelta(seconds=delay))
            run_background_work()

    assert response.status_code == 302  # the submission itself went through
    job = Job.objects.get(task=pipeline.REVIEW_MAIL)
    assert (job.state, job.attempts, job.failure) == ("failed", 5, "mail")
    dashboard = publisher_client.get("/admin/").content.decode()
    assert "The mail server could not be reached" in dashboard


def test_a_publisher_whose_address_is_refused_does_not_keep_the_others_from_their_mail(
    editor_client, mail_readers, mailbox
):
    mailbox.refused.add("li@lmec.example")
    bulletin = BulletinFactory(year=2021, number=5)
    ArticleFactory(bulletin=bulletin)

    submit(editor_client, bulletin)
    run_background_work()

    assert [m["To"] for m in mailbox.messages] == ["wang@lmec.example"]
    job = Job.objects.get(task=pipeline.REVIEW_MAIL)
    assert (job.state, job.attempts) == ("done", 1)
