"""Feeds of a topic's articles and a partner's viewpoints (RSS and Atom, per language),
announced on the topic's and the partner's page; and the QR code of issue and article
pages."""

import xml.etree.ElementTree as ET

import pytest

from bulletins.models import Bulletin
from tests.factories import ArticleFactory, BulletinFactory, TopicFactory, ViewpointFactory

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en", "th"])
def test_a_topics_feed_lists_its_published_articles(client, demo, language):
    response = client.get(f"/{language}/topics/climate-change/feeds/rss/")

    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == language
    links = [item.findtext("link") for item in channel.findall("item")]
    assert f"http://testserver/{language}/bulletins/2020/2/round-table-video-conference/" in links
    for item in channel.findall("item"):
        assert item.findtext("title") and item.findtext("pubDate")
        assert item.findtext("guid") == item.findtext("link")


@pytest.mark.django_db
def test_a_partners_feed_lists_its_viewpoints_as_atom(client, demo):
    response = client.get("/en/partners/wwf/feeds/atom/")

    feed = ET.fromstring(response.content)
    assert feed.findtext(f"{ATOM}title") == "World Wide Fund for Nature (WWF): new viewpoints"
    [entry] = feed.findall(f"{ATOM}entry")
    link = entry.find(f"{ATOM}link").get("href")
    assert link.startswith("http://testserver/en/bulletins/2020/2/building-consensus/#viewpoint-")
    assert "dry season" in entry.findtext(f"{ATOM}summary")
    assert entry.findtext(f"{ATOM}updated")


@pytest.mark.django_db
def test_the_topic_and_partner_pages_announce_their_feeds(client, demo):
    topic = client.get("/en/topics/climate-change/").content.decode()
    partner = client.get("/zh-hans/partners/wwf/").content.decode()

    assert (
        '<link rel="alternate" type="application/rss+xml" title="Climate change: new articles '
        '(RSS)" href="/en/topics/climate-change/feeds/rss/">'
    ) in topic
    assert 'href="/en/topics/climate-change/feeds/atom/"' in topic
    assert 'type="application/atom+xml"' in partner
    assert 'href="/zh-hans/partners/wwf/feeds/rss/"' in partner


@pytest.mark.django_db
def test_the_feeds_leave_out_what_is_not_published(client, demo):
    topic = TopicFactory(slug="mangroves-draft")
    draft = BulletinFactory(year=2021, number=1, status=Bulletin.Status.DRAFT)
    article = ArticleFactory(bulletin=draft, headline_en="A draft about climate")
    article.topics.add(topic)
    ViewpointFactory(article=article)

    assert client.get("/en/topics/mangroves-draft/feeds/rss/").status_code == 404
    climate = client.get("/en/topics/climate-change/feeds/rss/").content.decode()
    assert "A draft about climate" not in climate
    assert client.get("/en/partners/no-such-partner/feeds/rss/").status_code == 404


@pytest.mark.django_db
def test_issue_and_article_pages_show_a_qr_code_of_their_address(client, demo):
    for path, caption in [
        ("/en/bulletins/2020/2/", "Scan to read on your phone or share in WeChat"),
        ("/th/bulletins/2020/2/building-consensus/", "สแกนเพื่ออ่านบนโทรศัพท์หรือแชร์ใน WeChat"),
    ]:
        page = client.get(path).content.decode()
        assert '<img src="data:image/svg+xml;charset=utf-8,' in page, path
        assert caption in page, path
