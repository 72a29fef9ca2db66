"""Subscribing at /<lang>/subscribe/: double opt-in, rate limits, one-click unsubscribe,
a subscriber's own page; through HTTP as a reader's browser (or mail program) does."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
import time_machine

from publishing.models import Subscriber
from tests.factories import SubscriberFactory, TopicFactory, make_public


def link_in(message, pattern=r"http://\S+/subscribe/\S+/") -> str:
    return urlsplit(re.search(pattern, message.get_content()).group(0)).path


def subscribe(client, email="reader@example.org", language="en", client_ip=None, **data):
    # The visitor's address as the trusted proxy (nginx, on 127.0.0.1) tells it.
    headers = {"X-Real-IP": client_ip} if client_ip else {}
    data = {"email": email, "languages": [language]} | data
    return client.post(f"/{language}/subscribe/", data, headers=headers)


@pytest.mark.django_db
def test_every_page_links_to_the_subscription(client, demo):
    for path in ("/en/", "/en/partners/", "/en/bulletins/2020/2/"):
        assert 'href="/en/subscribe/"' in client.get(path).content.decode(), path


@pytest.mark.django_db
def test_the_form_offers_the_seven_languages_chinese_with_english_and_published_topics(client):
    mangroves = TopicFactory(name_en="Mangroves")
    TopicFactory(name_en="Unpublished")
    make_public(mangroves)

    page = client.get("/en/subscribe/").content.decode()

    for code, name in [("th", "ภาษาไทย"), ("lo", "ລາວ"), ("km", "ខ្មែរ"), ("bilingual", "")]:
        assert f'value="{code}"' in page
        assert name in page
    assert 'lang="th">ภาษาไทย' in page
    assert "Mangroves" in page
    assert "Unpublished" not in page
    assert "We use your address only to send you the bulletin" in page
    assert "<script" not in page.split("<body>")[1].split("</body>")[0]


@pytest.mark.django_db
def test_nothing_but_the_confirmation_is_sent_before_the_link_is_opened(client, mailbox):
    response = subscribe(client, language="vi", languages=["vi", "bilingual"])

    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    subscriber = Subscriber.objects.get()
    assert (subscriber.status, subscriber.language) == (Subscriber.Status.PENDING, "vi")
    assert subscriber.languages == ["vi", "bilingual"]
    [confirmation] = mailbox.messages
    path = link_in(confirmation)
    assert path.startswith("/vi/subscribe/confirm/")

    client.post(path)

    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


@pytest.mark.django_db
def test_a_form_with_mistakes_says_what_to_correct(client, mailbox):
    response = client.post("/en/subscribe/", {"email": "not an address", "languages": []})

    page = response.content.decode()
    assert "Enter an e-mail address such as name@example.org." in page
    assert "Choose at least one language." in page
    assert mailbox.messages == []


@pytest.mark.django_db
def test_a_confirmation_link_expires_is_replaced_by_a_newer_one_and_cannot_be_forged(
    client, mailbox
):
    start = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        subscribe(client)
        first = link_in(mailbox.messages[0])
        clock.shift(datetime.timedelta(seconds=5))
        subscribe(client)
        second = link_in(mailbox.messages[1])
        assert client.get(first).status_code == 404
        assert client.get(second[:-5] + "xxxx/").status_code == 404

        clock.shift(datetime.timedelta(days=8))
        expired = client.post(second)

    assert expired.status_code == 410
    assert "This link has expired" in expired.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


@pytest.mark.django_db
def test_asking_again_for_a_subscribed_address_changes_nothing_and_says_nothing(client, mailbox):
    reader = SubscriberFactory(email="reader@example.org", languages=["en"])

    response = subscribe(client, email="READER@example.org", language="th")

    assert response["Location"] == "/th/subscribe/sent/"
    reader.refresh_from_db()
    assert (reader.status, reader.languages) == (Subscriber.Status.CONFIRMED, ["en"])
    [message] = mailbox.messages
    assert link_in(message) == f"/en/subscribe/{reader.key}/"
    assert Subscriber.objects.count() == 1


@pytest.mark.django_db
def test_requests_are_limited_per_address_and_per_client(client, mailbox, settings):
    settings.LMEC_SUBSCRIBE_LIMIT_PER_ADDRESS = 2
    settings.LMEC_SUBSCRIBE_LIMIT_PER_CLIENT = 3
    visitor = "203.0.113.7"

    assert subscribe(client, client_ip=visitor).status_code == 302
    assert subscribe(client, client_ip=visitor).status_code == 302
    too_often = subscribe(client, client_ip=visitor)
    assert too_often.status_code == 429
    assert "Too many requests" in too_often.content.decode()
    # That visitor has asked three times: no other address either.
    assert subscribe(client, email="other@example.org", client_ip=visitor).status_code == 429
    # Another visitor may, for another address.
    assert subscribe(client, email="third@example.org", client_ip="198.51.100.2").status_code == 302
    assert len(mailbox.messages) == 3


@pytest.mark.django_db
def test_one_click_unsubscribes_without_a_login_a_cookie_or_a_token(client, mailbox):
    reader = SubscriberFactory()
    client.cookies.clear()
    client.handler.enforce_csrf_checks = True

    response = client.post(
        f"/en/subscribe/{reader.key}/unsubscribe/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.UNSUBSCRIBED
    assert "You are unsubscribed" in response.content.decode()


@pytest.mark.django_db
def test_opening_the_unsubscribe_link_asks_before_it_unsubscribes(client):
    reader = SubscriberFactory()

    page = client.get(f"/en/subscribe/{reader.key}/unsubscribe/")

    assert f"Stop sending the bulletin to {reader.email}?" in page.content.decode()
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED


@pytest.mark.django_db
def test_the_unsubscribe_link_of_one_subscriber_cannot_unsubscribe_another(client):
    one, other = SubscriberFactory(), SubscriberFactory()

    client.post(f"/en/subscribe/{one.key}/unsubscribe/")
    forged = client.post(f"/en/subscribe/{other.key[:-2]}aa/unsubscribe/")
    guessed = client.post(f"/en/subscribe/{one.pk + 1}/unsubscribe/")

    assert (forged.status_code, guessed.status_code) == (404, 404)
    one.refresh_from_db()
    other.refresh_from_db()
    assert one.status == Subscriber.Status.UNSUBSCRIBED
    assert other.status == Subscriber.Status.CONFIRMED


@pytest.mark.django_db
def test_a_subscriber_changes_its_languages_and_topics_on_its_own_page(client):
    mangroves = TopicFactory(name_en="Mangroves")
    make_public(mangroves)
    reader = SubscriberFactory(languages=["en"])
    page = f"/en/subscribe/{reader.key}/"

    assert reader.email in client.get(page).content.decode()
    response = client.post(page, {"languages": ["km", "en"], "topics": [mangroves.pk]})

    assert response.status_code == 302
    assert "Your choices are saved." in client.get(response["Location"]).content.decode()
    reader.refresh_from_db()
    assert reader.languages == ["en", "km"]  # the page's language first
    assert reader.topic_ids == [mangroves.pk]
    assert client.get(page)["Cache-Control"].startswith("max-age=0")
