"""Feeds, sitemap, robots.txt and the events calendar: valid documents that parse."""

import re
import xml.etree.ElementTree as ET

import icalendar
import pytest

from bulletins.models import Bulletin
from tests.factories import ArticleFactory, BulletinFactory
from tests.reading.sitemaps import sitemap_pages, sitemap_urls

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_rss_feed_lists_published_issues_with_summaries_and_links(client, demo, language):
    response = client.get(f"/{language}/feeds/rss/")

    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == language
    assert channel.find("{http://www.w3.org/2005/Atom}link").get("rel") == "self"
    items = channel.findall("item")
    assert [item.findtext("link") for item in items] == [
        f"http://testserver/{language}/bulletins/2020/5/",
        f"http://testserver/{language}/bulletins/2020/2/",
    ]
    for item in items:
        assert item.findtext("title")
        assert "<li>" in item.findtext("description")
        assert item.findtext("pubDate")
        assert item.findtext("guid") == item.findtext("link")
    if language == "zh-hans":
        assert items[1].findtext("title").startswith("简报 2020年第2期")


@pytest.mark.django_db
def test_the_atom_feed_is_valid_atom(client, demo):
    response = client.get("/en/feeds/atom/")

    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}id")
    assert feed.findtext(f"{ATOM}updated")
    assert feed.find(f"{ATOM}author").findtext(f"{ATOM}name")
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 2
    for entry in entries:
        assert entry.findtext(f"{ATOM}id")
        assert entry.findtext(f"{ATOM}updated")
        assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/en/bulletins/")
        assert entry.find(f"{ATOM}summary").get("type") == "html"


@pytest.mark.django_db
def test_feeds_leave_out_unpublished_issues(client):
    ArticleFactory(bulletin=BulletinFactory(year=2021, number=1), headline_en="Draft")

    for path in ("/en/feeds/rss/", "/en/feeds/atom/"):
        assert b"Draft" not in client.get(path).content


@pytest.mark.django_db
def test_the_sitemap_lists_every_page_in_the_languages_it_is_published_in(client, demo):
    urls = sitemap_urls(client)
    locations = {url.findtext(f"{SITEMAP}loc") for url in urls}
    for language in ("zh-hans", "en", "th", "vi", "lo", "km", "my"):
        # The demo issues are published in Chinese and English, as their pages offer.
        issue_listed = language in ("zh-hans", "en")
        assert (f"http://testserver/{language}/bulletins/2020/2/" in locations) == issue_listed
        article = f"http://testserver/{language}/bulletins/2020/2/building-consensus/"
        assert (article in locations) == issue_listed
        assert f"http://testserver/{language}/partners/wwf/" in locations
        assert f"http://testserver/{language}/events/lancang-mekong-week-2020/" in locations
        assert f"http://testserver/{language}/topics/mangroves/" in locations
        assert f"http://testserver/{language}/bulletins/2020/" in locations  # the year's page
    issue = next(
        url
        for url in urls
        if url.findtext(f"{SITEMAP}loc") == "http://testserver/en/bulletins/2020/2/"
    )
    alternates = {link.get("hreflang"): link.get("href") for link in issue.findall(f"{XHTML}link")}
    assert alternates["zh-hans"] == "http://testserver/zh-hans/bulletins/2020/2/"
    assert alternates["x-default"] == "http://testserver/bulletins/2020/2/"
    assert set(alternates) == {"zh-hans", "en", "x-default"}
    assert issue.findtext(f"{SITEMAP}lastmod")


@pytest.mark.django_db
def test_the_sitemap_leaves_out_unpublished_issues(client):
    BulletinFactory(year=2021, number=1, status=Bulletin.Status.DRAFT)

    assert not any("/2021/1/" in page for page in sitemap_pages(client))


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


@pytest.mark.django_db
def test_the_calendar_is_icalendar_that_calendar_programs_accept(client, demo):
    response = client.get("/en/events/calendar.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    week = events["Lancang-Mekong Week 2020"]
    assert week["UID"].endswith("@testserver")
    assert week.decoded("DTSTART").isoformat() == "2020-03-23"
    assert week.decoded("DTEND").isoformat() == "2020-03-30"  # the day after it ends
    assert str(week["URL"]) == "http://testserver/en/events/lancang-mekong-week-2020/"
    assert "DTSTAMP" in week
    chinese = icalendar.Calendar.from_ical(client.get("/zh-hans/events/calendar.ics").content)
    assert "2020年澜湄周" in {str(event["SUMMARY"]) for event in chinese.walk("VEVENT")}


@pytest.mark.django_db
def test_a_thai_feed_and_calendar_give_english_where_thai_is_missing(client, demo):
    rss = ET.fromstring(client.get("/th/feeds/rss/").content).find("channel")
    calendar = icalendar.Calendar.from_ical(client.get("/th/events/calendar.ics").content)

    assert rss.findtext("language") == "th"
    issue = rss.findall("item")[1]
    assert "Lancang-Mekong Eco-Environmental Cooperation Round-Table" in issue.findtext("title")
    assert '<li lang="en">Lancang-Mekong Eco-Environmental' in issue.findtext("description")
    summaries = [str(event["summary"]) for event in calendar.walk("VEVENT")]
    assert "Lancang-Mekong Week 2020" in summaries
    assert not any(HAN.search(summary) for summary in summaries)


@pytest.mark.django_db
def test_the_sitemap_comes_in_pages_of_500_addresses(client, demo, monkeypatch):
    from reading.sitemaps import ReadingSitemap

    monkeypatch.setattr(ReadingSitemap, "limit", 3)

    index = client.get("/sitemap.xml").content.decode()

    assert "http://testserver/sitemap-articles.xml?p=2</loc>" in index
    assert client.get("/sitemap-articles.xml", {"p": 2}).status_code == 200
    assert client.get("/sitemap-articles.xml", {"p": 99}).status_code == 404
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").content.decode()
