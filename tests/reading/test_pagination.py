"""Long lists come a page at a time, at addresses that can be linked and that name
themselves as canonical: the archive, partner, topic and event pages."""

import datetime
import html
import re

import pytest

from reading.views import events as event_views
from reading.views import issues as issue_views
from reading.views import partners as partner_views
from reading.views import topics as topic_views
from tests.factories import (
    ArticleFactory,
    BulletinFactory,
    EventFactory,
    OrganizationFactory,
    TopicFactory,
    ViewpointFactory,
    make_public,
    publish,
)


def head_link(page: str, rel: str) -> str | None:
    found = re.search(rf'<link rel="{rel}" href="([^"]+)">', page)
    return html.unescape(found.group(1)) if found else None


def issue_labels(html: str) -> list[str]:
    return re.findall(r"Bulletin No\. (\d+), 2021</a>", html)


@pytest.fixture
def three_issues(db, monkeypatch):
    monkeypatch.setattr(issue_views, "ISSUES_PER_PAGE", 2)
    for number in (1, 2, 3):
        publish(ArticleFactory(bulletin=BulletinFactory(year=2021, number=number)).bulletin)


def test_the_archive_comes_a_page_at_a_time(client, three_issues):
    first = client.get("/en/bulletins/").content.decode()
    second = client.get("/en/bulletins/?page=2").content.decode()

    assert issue_labels(first) == ["3", "2"]
    assert issue_labels(second) == ["1"]
    assert 'href="/en/bulletins/?page=2" rel="next">Next page</a>' in first
    assert 'href="/en/bulletins/" rel="prev">Previous page</a>' in second
    assert "Page 2 of 2" in second


def test_each_page_of_the_archive_is_its_own_canonical_address(client, three_issues):
    first = client.get("/en/bulletins/?utm_source=mail").content.decode()
    second = client.get("/en/bulletins/?page=2&utm_source=mail").content.decode()
    page_one = client.get("/en/bulletins/?page=1").content.decode()

    assert head_link(first, "canonical") == "http://testserver/en/bulletins/"
    assert head_link(first, "next") == "http://testserver/en/bulletins/?page=2"
    assert head_link(first, "prev") is None
    assert head_link(second, "canonical") == "http://testserver/en/bulletins/?page=2"
    assert head_link(page_one, "canonical") == "http://testserver/en/bulletins/"


def test_the_pages_of_a_year_are_paginated_too(client, three_issues):
    response = client.get("/en/bulletins/2021/?page=2")

    assert issue_labels(response.content.decode()) == ["1"]
    assert head_link(response.content.decode(), "canonical") == (
        "http://testserver/en/bulletins/2021/?page=2"
    )


@pytest.mark.parametrize("page", ["3", "0", "x", "-1", "2.0", "9" * 20])
def test_a_page_that_does_not_exist_is_not_found(client, three_issues, page):
    assert client.get(f"/en/bulletins/?page={page}").status_code == 404


def test_the_language_links_keep_the_page(client, three_issues):
    html = client.get("/en/bulletins/?page=2").content.decode()

    assert (
        '<link rel="alternate" hreflang="zh-hans" href="http://testserver/zh-hans/bulletins/?page=2">'
        in html
    )


@pytest.mark.django_db
def test_a_partners_viewpoints_and_events_page_on_by_themselves(client, monkeypatch):
    monkeypatch.setattr(partner_views, "VIEWPOINTS_PER_PAGE", 2)
    monkeypatch.setattr(partner_views, "EVENTS_PER_PAGE", 1)
    wwf = OrganizationFactory(slug="wwf")
    article = ArticleFactory(bulletin=BulletinFactory(year=2021, number=1))
    for number in range(3):
        ViewpointFactory(article=article, organization=wwf, statement_en=f"Statement {number}")
    publish(article.bulletin)
    for day in (1, 2):
        event = EventFactory(title_en=f"Meeting {day}", start_date=datetime.date(2020, 5, day))
        event.organizer_roles.create(organization=wwf, role="host", position=1)
        make_public(event)

    first = client.get("/en/partners/wwf/").content.decode()
    both = client.get("/en/partners/wwf/?page=2&events=2").content.decode()

    assert re.findall(r"Statement \d", first) == ["Statement 0", "Statement 1"]
    assert "Meeting 2" in first and "Meeting 1" not in first
    assert 'href="/en/partners/wwf/?events=2#events-heading" rel="next"' in first
    assert re.findall(r"Statement \d", both) == ["Statement 2"]
    assert "Meeting 1" in both and "Meeting 2" not in both
    assert head_link(both, "canonical") == "http://testserver/en/partners/wwf/?events=2&page=2"
    assert client.get("/en/partners/wwf/?events=3").status_code == 404


@pytest.mark.django_db
def test_a_topics_lists_page_on_by_themselves(client, monkeypatch):
    monkeypatch.setattr(topic_views, "ITEMS_PER_PAGE", 1)
    topic = TopicFactory(slug="mangroves", name_en="Mangroves")
    bulletin = BulletinFactory(year=2021, number=1)
    for position in (1, 2):
        article = ArticleFactory(
            bulletin=bulletin, headline_en=f"Story {position}", position=position
        )
        article.topics.add(topic)
        viewpoint = ViewpointFactory(article=article, statement_en=f"Said {position}")
        viewpoint.topics.add(topic)  # a viewpoint's topics are its own
    publish(bulletin)

    first = client.get("/en/topics/mangroves/").content.decode()
    later = client.get("/en/topics/mangroves/?page=2&viewpoints=2").content.decode()

    assert "Story 1" in first and "Story 2" not in first
    assert "Said 1" in first and "Said 2" not in first
    assert "Story 2" in later and "Said 2" in later


@pytest.mark.django_db
def test_past_events_come_a_page_at_a_time(client, monkeypatch):
    monkeypatch.setattr(event_views, "EVENTS_PER_PAGE", 2)
    events = [
        EventFactory(title_en=f"Forum {year}", start_date=datetime.date(year, 6, 1))
        for year in (2018, 2019, 2020)
    ]
    make_public(*events)

    first = client.get("/en/events/").content.decode()
    second = client.get("/en/events/?page=2").content.decode()
    filtered = client.get("/en/events/?year=2019&page=1").content.decode()

    assert "Forum 2020" in first and "Forum 2019" in first and "Forum 2018" not in first
    assert "Forum 2018" in second and "Forum 2020" not in second
    assert head_link(filtered, "canonical") == "http://testserver/en/events/?year=2019"
