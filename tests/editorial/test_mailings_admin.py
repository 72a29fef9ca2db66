"""Mail in the admin: subscribers counted per language and state, a subscriber's data
exported or deleted, each mailing's progress, a test mail of an issue in any state, and
the WeChat article."""

import json
import re

import pytest
from django.contrib.admin.models import LogEntry

from bulletins.models import Bulletin
from publishing.models import Delivery, Subscriber
from tests.factories import (
    ArticleFactory,
    BulletinFactory,
    SubscriberFactory,
    UserFactory,
    ViewpointFactory,
    publish,
)


@pytest.fixture
def administrator_client(client, administrator):
    administrator.email = "desk@example.org"
    administrator.save()
    client.force_login(administrator)
    return client


def cells(html: str, caption: str) -> list[list[str]]:
    table = html[html.index(caption) : html.index("</table>", html.index(caption))]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    return [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row) for row in rows]


@pytest.mark.django_db
def test_staff_see_subscribers_per_language_and_state(publisher_client):
    SubscriberFactory.create_batch(2, languages=["th", "en"])
    SubscriberFactory(languages=["th"], status=Subscriber.Status.PENDING)
    SubscriberFactory(languages=["en"], status=Subscriber.Status.BOUNCED)
    SubscriberFactory(languages=["bilingual"], status=Subscriber.Status.COMPLAINED)

    page = publisher_client.get("/admin/publishing/subscriber/").content.decode()

    table = cells(page, "Subscribers per language wanted")
    assert table[0][1:] == [
        "confirmed",
        "not confirmed",
        "bounced / marked as spam",
        "unsubscribed",
    ]
    rows = {row[0]: row[1:] for row in table[1:]}
    assert rows["Thai"] == ["2", "1", "0", "0"]
    assert rows["English"] == ["2", "0", "1", "0"]
    assert rows["Chinese and English"] == ["0", "0", "1", "0"]
    assert rows["All subscribers"] == ["2", "1", "2", "0"]
    filtered = publisher_client.get("/admin/publishing/subscriber/?language=th&status=pending")
    assert "1 subscriber" in filtered.content.decode()


@pytest.mark.django_db
def test_editors_see_no_subscriber(editor_client):
    assert editor_client.get("/admin/publishing/subscriber/").status_code == 403


@pytest.mark.django_db
def test_staff_export_a_subscribers_data(administrator_client, mailbox):
    reader = SubscriberFactory(email="reader@example.org", languages=["vi"])
    article = ArticleFactory(bulletin=BulletinFactory(year=2026, number=2))
    publish(article.bulletin)

    response = administrator_client.get(f"/admin/publishing/subscriber/{reader.pk}/export/")

    assert response["Content-Disposition"] == 'attachment; filename="subscriber.json"'
    data = json.loads(response.content)
    assert data["email"] == "reader@example.org"
    assert data["languages"] == ["vi"]
    assert data["mails"] == [
        {
            "issue": "No. 2, 2026",
            "version": 1,
            "language": "en",  # Vietnamese, else English
            "state": "sent",
            "sent_at": data["mails"][0]["sent_at"],
        }
    ]
    several = administrator_client.post(
        "/admin/publishing/subscriber/",
        {"action": "export_data", "_selected_action": [reader.pk]},
    )
    assert json.loads(several.content)[0]["email"] == "reader@example.org"


@pytest.mark.django_db
def test_staff_delete_a_subscribers_data_and_the_log_keeps_no_address(
    administrator_client, mailbox
):
    reader = SubscriberFactory(email="reader@example.org")
    publish(ArticleFactory().bulletin)
    assert Delivery.objects.filter(subscriber=reader).exists()

    administrator_client.post(f"/admin/publishing/subscriber/{reader.pk}/delete/", {"post": "yes"})

    assert not Subscriber.objects.exists()
    assert not Delivery.objects.exists()
    entry = LogEntry.objects.get()
    assert entry.object_repr == f"subscriber #{reader.pk}"


@pytest.mark.django_db
def test_staff_follow_each_mailings_progress(publisher_client, mailbox):
    SubscriberFactory.create_batch(2)
    SubscriberFactory(email="gone@example.org")
    mailbox.refused.add("gone@example.org")
    publish(ArticleFactory(bulletin=BulletinFactory(year=2026, number=5)).bulletin)

    page = publisher_client.get("/admin/publishing/mailing/").content.decode()

    row = re.search(r"No\. 5, 2026, version 1.*?</tr>", page, re.S).group(0)
    values = [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
    assert values[:7] == ["new issue", "sent", "0", "2", "0", "1", "0"]
    deliveries = publisher_client.get(
        "/admin/publishing/delivery/?mailing__id__exact="
        + re.search(r"mailing__id__exact=(\d+)", row).group(1)
        + "&state__exact=bounced"
    ).content.decode()
    assert "gone@example.org" in deliveries
    assert "550 5.1.1 No such user here" in deliveries


@pytest.mark.django_db
def test_staff_send_themselves_a_test_mail_of_an_issue_as_it_is_now(administrator_client, mailbox):
    article = ArticleFactory(headline_en="The headline as it is now")
    ViewpointFactory(article=article)
    bulletin = article.bulletin
    assert bulletin.status == Bulletin.Status.DRAFT
    page = administrator_client.get(f"/admin/bulletins/bulletin/{bulletin.pk}/change/")
    assert "Send me a test mail" in page.content.decode()

    response = administrator_client.post(
        f"/admin/bulletins/bulletin/{bulletin.pk}/test-mail/", {"language": "en"}, follow=True
    )

    assert "A test mail of" in response.content.decode()
    [mail] = mailbox.messages
    assert mail["To"] == "desk@example.org"
    assert mail["Subject"].strip().startswith("[Test] Bulletin No.")
    assert "The headline as it is now" in mail.get_body(("html",)).get_content()
    assert "List-Unsubscribe-Post" in mail
    assert not Subscriber.objects.exists()


@pytest.mark.django_db
def test_a_test_mail_needs_an_address_on_the_account(client, mailbox):
    client.force_login(UserFactory(username="no-mail", role="Publisher"))
    bulletin = ArticleFactory().bulletin

    response = client.post(
        f"/admin/bulletins/bulletin/{bulletin.pk}/test-mail/", {"language": "en"}, follow=True
    )

    assert "Your account has no e-mail address" in response.content.decode()
    assert mailbox.messages == []


@pytest.mark.django_db
def test_the_wechat_article_has_inline_styles_only_and_absolute_images(editor_client, demo):
    bulletin = Bulletin.objects.get(year=2020, number=2)

    page = editor_client.get(f"/admin/bulletins/bulletin/{bulletin.pk}/wechat/")
    download = editor_client.get(
        f"/admin/bulletins/bulletin/{bulletin.pk}/wechat/?language=en&download=1"
    )

    assert "Copy the article" in page.content.decode()
    html = download.content.decode()
    assert download["Content-Disposition"].endswith('-en-wechat.html"')
    assert "Lancang-Mekong Eco-Environmental Cooperation Round-Table" in html
    assert "dry season" in html  # a viewpoint
    assert "<script" not in html and "<style" not in html and "class=" not in html
    tags = re.findall(r"<(p|h1|h2|h3|section)\b([^>]*)>", html)
    assert tags and all('style="' in attributes for _tag, attributes in tags)
    assert "Read the whole issue: http://127.0.0.1:8000/en/bulletins/2020/2/" in html
    for source in re.findall(r'<img src="([^"]+)"', html):
        assert source.startswith("http://127.0.0.1:8000/media/")
