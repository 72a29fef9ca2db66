"""New issues reach their subscribers by mail: once per subscriber and version, in their
language, through a real SMTP server (the ``mailbox`` fixture), from the task queue."""

import datetime
import re
import zoneinfo
from urllib.parse import urlsplit

import pytest
import time_machine

from bulletins.models import Bulletin
from publishing import pipeline, services
from publishing.models import Delivery, Job, Mailing, Subscriber
from tests.factories import (
    ArticleFactory,
    BulletinFactory,
    SubscriberFactory,
    TopicFactory,
    ViewpointFactory,
    make_public,
    publish,
    run_background_work,
)

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
NOW = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def unthrottled(settings):
    settings.LMEC_MAIL_RATE = 0


def issue(**article):
    bulletin = BulletinFactory(year=2026, number=3)
    kwargs = {
        "headline_zh_hans": "红树林保护论坛顺利举行",
        "headline_en": "Mangrove forum held",
        "headline_th": "การประชุมป่าชายเลน",
        "body_th": "<p>การประชุมจัดขึ้นทางออนไลน์</p>",
    } | article
    ViewpointFactory(article=ArticleFactory(bulletin=bulletin, **kwargs))
    return bulletin


def issue_mails(mailbox, to=None):
    return [
        message
        for message in mailbox.messages
        if "List-Unsubscribe" in message and (to is None or message["To"] == to)
    ]


def html_of(message) -> str:
    return message.get_body(("html",)).get_content()


def text_of(message) -> str:
    return message.get_body(("plain",)).get_content()


def link_in(message, pattern) -> str:
    return urlsplit(re.search(pattern, text_of(message)).group(0)).path


@pytest.mark.django_db
def test_subscribe_confirm_publish_and_the_issue_comes_once_in_the_readers_language(
    client, mailbox
):
    form = client.get("/th/subscribe/")
    assert form.status_code == 200
    assert 'name="email"' in form.content.decode()

    response = client.post(
        "/th/subscribe/", {"email": "Reader@Example.org", "languages": ["th", "en"]}
    )

    assert response.status_code == 302
    assert response["Location"] == "/th/subscribe/sent/"
    [confirmation] = mailbox.messages
    assert confirmation["To"] == "Reader@Example.org"
    assert "List-Unsubscribe" not in confirmation
    confirm_path = link_in(confirmation, r"http://\S+/th/subscribe/confirm/\S+/")

    # Nothing is sent before the address is confirmed.
    publish(issue(), languages=["zh-hans", "en", "th"])
    assert issue_mails(mailbox) == []

    assert "Reader@Example.org" in client.get(confirm_path).content.decode()
    confirmed = client.post(confirm_path)
    assert confirmed.status_code == 302
    assert "คุณสมัครรับแล้ว" in client.get(confirmed["Location"]).content.decode()

    bulletin = BulletinFactory(year=2026, number=4)
    ArticleFactory(
        bulletin=bulletin,
        headline_zh_hans="绿色金融研讨会",
        headline_en="Green finance seminar",
        headline_th="สัมมนาการเงินสีเขียว",
    )
    publish(bulletin, languages=["zh-hans", "en", "th"])
    run_background_work(pdfs=False)  # a worker running again sends nothing more

    [mail] = issue_mails(mailbox)
    assert mail["To"] == "Reader@Example.org"
    # Folded onto a second line when long, as RFC 5322 allows.
    assert mail["List-Unsubscribe"].strip().startswith("<http://127.0.0.1:8000/th/subscribe/")
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "ฉบับที่ 4/2569" in mail["Subject"]
    html = html_of(mail)
    assert '<html lang="th">' in html
    assert "สัมมนาการเงินสีเขียว" in html
    assert "http://127.0.0.1:8000/th/bulletins/2026/4/pdf/" in html
    assert "สัมมนาการเงินสีเขียว" in text_of(mail)


def mailing_jobs():
    return Job.objects.filter(task=pipeline.SEND_MAILING)


@pytest.mark.django_db
def test_a_mailing_tried_again_sends_nobody_the_issue_twice(mailbox):
    readers = SubscriberFactory.create_batch(3)
    edition = publish(issue())
    assert len(issue_mails(mailbox)) == 3
    mailing = Mailing.objects.get(edition=edition)

    # Staff try the job again; a second job for the same mailing; the worker killed after
    # sending, before it recorded its job as done.
    pipeline.retry(mailing_jobs().get())
    pipeline.enqueue(pipeline.SEND_MAILING, edition=edition, mailing=mailing.pk)
    Mailing.objects.filter(pk=mailing.pk).update(state=Mailing.State.PLANNED)
    run_background_work(pdfs=False)

    assert sorted(message["To"] for message in issue_mails(mailbox)) == sorted(
        reader.email for reader in readers
    )
    assert set(Delivery.objects.values_list("state", flat=True)) == {Delivery.State.SENT}


@pytest.mark.django_db
def test_a_delivery_a_stopped_worker_left_unsure_is_not_sent_again(mailbox):
    SubscriberFactory()
    with time_machine.travel(NOW, tick=False) as clock:
        edition = publish(issue())
        mailing = Mailing.objects.get(edition=edition)
        assert len(issue_mails(mailbox)) == 1
        # As if the worker had died between the mail leaving and it being recorded.
        mailing.deliveries.update(state=Delivery.State.SENDING, claimed_at=NOW)
        Mailing.objects.filter(pk=mailing.pk).update(state=Mailing.State.SENDING)
        pipeline.enqueue(pipeline.SEND_MAILING, edition=edition, mailing=mailing.pk)
        clock.shift(datetime.timedelta(minutes=11))
        run_background_work(pdfs=False)

    assert len(issue_mails(mailbox)) == 1
    assert mailing.deliveries.get().state == Delivery.State.FAILED


@pytest.mark.django_db
def test_a_scheduled_issue_is_mailed_at_its_time_and_not_before(mailbox, publisher):
    SubscriberFactory(email="early@example.org")
    bulletin = issue()
    later = NOW + datetime.timedelta(hours=2)
    with time_machine.travel(NOW, tick=False) as clock:
        Bulletin.objects.filter(pk=bulletin.pk).update(status=Bulletin.Status.IN_REVIEW)
        services.bulletin_publish(bulletin=bulletin, user=publisher, at=later)
        run_background_work(pdfs=False)
        assert issue_mails(mailbox) == []

        clock.move_to(later - datetime.timedelta(seconds=1))
        run_background_work(pdfs=False)
        assert issue_mails(mailbox) == []

        clock.move_to(later)
        run_background_work(pdfs=False)

    [mail] = issue_mails(mailbox)
    assert mail["To"] == "early@example.org"


@pytest.mark.django_db
def test_only_confirmed_addresses_are_mailed(mailbox):
    for status in Subscriber.Status.values:
        SubscriberFactory(email=f"{status}@example.org", status=status)

    publish(issue())

    assert [message["To"] for message in issue_mails(mailbox)] == ["confirmed@example.org"]


@pytest.mark.django_db
def test_an_address_refused_for_good_is_marked_bounced_and_not_mailed_again(mailbox):
    SubscriberFactory(email="gone@example.org")
    SubscriberFactory(email="here@example.org")
    mailbox.refused.add("gone@example.org")

    publish(issue())

    gone = Subscriber.objects.get(email="gone@example.org")
    assert gone.status == Subscriber.Status.BOUNCED
    assert "550" in gone.bounce_reason
    assert gone.deliveries.get().state == Delivery.State.BOUNCED
    mailbox.refused.clear()
    bulletin = BulletinFactory(year=2026, number=9)
    ArticleFactory(bulletin=bulletin)
    publish(bulletin)
    assert [message["To"] for message in issue_mails(mailbox)] == ["here@example.org"] * 2


@pytest.mark.django_db
def test_a_full_mailbox_is_tried_again_later(mailbox):
    SubscriberFactory(email="full@example.org")
    mailbox.full.add("full@example.org")
    with time_machine.travel(NOW, tick=False) as clock:
        publish(issue())
        delivery = Delivery.objects.get()
        assert (delivery.state, delivery.attempts) == (Delivery.State.QUEUED, 1)
        assert "452" in delivery.error

        mailbox.full.clear()
        clock.shift(datetime.timedelta(minutes=10))
        run_background_work(pdfs=False)

    assert [message["To"] for message in issue_mails(mailbox)] == ["full@example.org"]
    assert Delivery.objects.get().state == Delivery.State.SENT


@pytest.mark.django_db
def test_while_the_mail_server_is_down_the_mails_wait_and_staff_see_why(
    mailbox, settings, publisher_client
):
    SubscriberFactory()
    port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 9  # nothing listens there
    with time_machine.travel(NOW, tick=False) as clock:
        edition = publish(issue())
        job = mailing_jobs().get()
        assert (job.state, job.failure) == (Job.State.QUEUED, Job.Failure.MAIL)
        assert Delivery.objects.get().state == Delivery.State.QUEUED
        page = publisher_client.get(f"/admin/bulletins/bulletin/{edition.bulletin_id}/change/")
        assert "The mail server could not be reached" in page.content.decode()

        settings.EMAIL_PORT = port
        clock.shift(pipeline.FIRST_RETRY)
        run_background_work(pdfs=False)

    assert len(issue_mails(mailbox)) == 1


@pytest.mark.django_db
def test_new_versions_are_not_mailed_unless_the_publisher_asks_for_a_correction(
    mailbox, publisher_client
):
    SubscriberFactory(language="zh-hans")
    bulletin = issue()
    publish(bulletin)
    ArticleFactory(bulletin=bulletin, headline_zh_hans="补充报道")
    publish(bulletin, note={"zh-hans": "补充了一篇报道。"})
    assert len(issue_mails(mailbox)) == 1

    ArticleFactory(bulletin=bulletin, headline_zh_hans="又一篇报道")
    url = f"/admin/bulletins/bulletin/{bulletin.pk}/workflow/publish/"
    form = publisher_client.get(url).content.decode()
    assert "Mail this version to the subscribers as a corrected issue" in form
    publisher_client.post(
        url,
        {
            "when": "now",
            "languages": ["zh-hans", "en"],
            "publish_incomplete": "on",
            "note_source": "更正了标题。",
            "mail_correction": "on",
        },
    )
    run_background_work(pdfs=False)

    first, corrected = issue_mails(mailbox)
    assert corrected["Subject"].strip().startswith("更正")
    assert "更正了标题。" in html_of(corrected)
    assert "又一篇报道" in html_of(corrected)


@pytest.mark.django_db
def test_a_version_published_before_the_first_was_mailed_is_mailed_instead(mailbox):
    SubscriberFactory(language="en")
    bulletin = issue()
    publish(bulletin, work=False)
    bulletin.articles.update(headline_en="Mangrove forum held, corrected")
    publish(bulletin, work=False)

    run_background_work(pdfs=False)

    [mail] = issue_mails(mailbox)
    assert "Mangrove forum held, corrected" in html_of(mail)
    assert not mail["Subject"].strip().startswith("Corrected")


@pytest.mark.django_db
def test_each_subscriber_gets_the_language_it_wants_or_the_next_in_its_chain(mailbox):
    SubscriberFactory(email="th@example.org", language="th", languages=["th"])
    SubscriberFactory(email="lo@example.org", language="lo", languages=["lo"])
    SubscriberFactory(email="vi-zh@example.org", language="vi", languages=["vi", "zh-hans"])
    SubscriberFactory(email="both@example.org", language="en", languages=["bilingual"])

    publish(issue(), languages=["zh-hans", "en", "th"])

    mails = {message["To"]: message for message in issue_mails(mailbox)}
    assert '<html lang="th">' in html_of(mails["th@example.org"])
    assert '<html lang="en">' in html_of(mails["lo@example.org"])  # Lao, else English
    assert '<html lang="zh-hans">' in html_of(mails["vi-zh@example.org"])
    both = html_of(mails["both@example.org"])
    assert "红树林保护论坛顺利举行" in both
    assert "Mangrove forum held" in both
    assert "/en/bulletins/2026/3/pdf/bilingual/" in both


@pytest.mark.django_db
def test_subscribers_of_topics_get_only_the_issues_about_them(mailbox):
    mangroves, finance = TopicFactory(slug="mangroves"), TopicFactory(slug="finance")
    make_public(mangroves, finance)
    SubscriberFactory(email="mangroves@example.org", topic_ids=[mangroves.pk])
    SubscriberFactory(email="finance@example.org", topic_ids=[finance.pk])
    SubscriberFactory(email="everything@example.org")
    bulletin = issue()
    bulletin.articles.get().topics.add(mangroves)

    publish(bulletin)

    assert sorted(message["To"] for message in issue_mails(mailbox)) == [
        "everything@example.org",
        "mangroves@example.org",
    ]


@pytest.mark.django_db
def test_an_issue_withdrawn_before_its_mail_went_out_is_not_mailed(mailbox, publisher):
    SubscriberFactory()
    edition = publish(issue(), work=False)
    services.bulletin_withdraw(bulletin=edition.bulletin, user=publisher)

    run_background_work(pdfs=False)

    assert issue_mails(mailbox) == []
    assert Mailing.objects.get().state == Mailing.State.CANCELLED


@pytest.mark.django_db
def test_the_mail_is_html_with_inline_styles_and_a_plain_text_part(mailbox):
    SubscriberFactory(language="en")
    bulletin = issue(body_en="<p>Experts from six countries met online.</p>")

    publish(bulletin)

    [mail] = issue_mails(mailbox)
    assert mail.get_content_type() == "multipart/alternative"
    html = html_of(mail)
    assert "<style" not in html and "class=" not in html and "<script" not in html
    assert 'style="' in html
    assert "Viewpoints: Partner Organization" in html
    assert "Experts from six countries met online." in html
    assert "http://127.0.0.1:8000/en/bulletins/2026/3/" in html
    text = text_of(mail)
    assert "Mangrove forum held" in text
    assert "Unsubscribe: http://127.0.0.1:8000/en/subscribe/" in text
