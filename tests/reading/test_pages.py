"""The reading site through HTTP: every page in every language, fallbacks, 404s, queries."""

import datetime
import re

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from bulletins.models import Bulletin
from tests.factories import (
    ArticleFactory,
    BulletinFactory,
    EventFactory,
    OrganizationFactory,
    PersonFactory,
    TopicFactory,
    ViewpointFactory,
    make_public,
    publish,
)

LANGUAGES = [code for code, _name in settings.LANGUAGES]

# Every public page of the demo content, without its language prefix.
DEMO_PAGES = [
    "",
    "bulletins/",
    "bulletins/2020/",
    "bulletins/2020/2/",
    "bulletins/2020/5/",
    "bulletins/2020/2/round-table-video-conference/",
    "bulletins/2020/2/building-consensus/",
    "bulletins/2020/5/parallel-forum-2-sustainable-infrastructure/",
    "partners/",
    "partners/wwf/",
    "partners/?kind=ngo",
    "events/",
    "events/?year=2020",
    "events/lancang-mekong-week-2020/",
    "events/parallel-forum-2-sustainable-infrastructure-2020/",
    "topics/",
    "topics/mangroves/",
    "search/",
    "search/?q=mangrove",
]


def text_of(response):
    return response.content.decode()


def published_issue(*, articles=1, **kwargs):
    """A published issue with ``articles`` articles (keyword arguments for each: ``article``)."""
    article_kwargs = kwargs.pop("article", {})
    bulletin = BulletinFactory(**kwargs)
    made = [ArticleFactory(bulletin=bulletin, **article_kwargs) for _ in range(articles)]
    publish(bulletin)
    return bulletin, made


@pytest.mark.django_db
def test_every_page_exists_in_every_language(client, demo):
    for language in LANGUAGES:
        for page in DEMO_PAGES:
            response = client.get(f"/{language}/{page}")

            assert response.status_code == 200, (language, page)
            assert response["Content-Language"] == language
            html = text_of(response)
            assert f'<html lang="{language}">' in html
            assert html.count("<h1") == 1, (language, page)


@pytest.mark.django_db
def test_the_issue_page_shows_its_label_articles_viewpoints_and_contact_block(client, demo):
    chinese = text_of(client.get("/zh-hans/bulletins/2020/2/"))
    english = text_of(client.get("/en/bulletins/2020/2/"))

    assert "简报" in chinese and "2020年第2期" in chinese and "2020年3月27日" in chinese
    assert "Bulletin" in english and "No. 2, 2020" in english
    assert "凝聚澜湄共识，加强环境合作" in chinese
    assert "部分专家观点" in chinese
    assert "世界自然基金会代表表示目前湄公河下游恰逢旱季" in chinese
    assert 'href="/zh-hans/partners/wwf/"' in chinese
    # The contact block this issue was published with, not the later one.
    assert "tang_huaqing@chinaaseanenv.org" in chinese
    assert "fecomee.org.cn" not in chinese
    assert "tang.huaqing@fecomee.org.cn" in text_of(client.get("/zh-hans/bulletins/2020/5/"))


@pytest.mark.django_db
def test_named_speakers_are_attributed_with_their_title_and_organization(client, demo):
    html = text_of(client.get("/en/bulletins/2020/5/parallel-forum-2-sustainable-infrastructure/"))

    assert "Kerstin Brauneder" in html
    assert "Technical Adviser" in html
    assert 'href="/en/partners/wcs/"' in html


@pytest.mark.django_db
def test_an_article_links_to_the_previous_and_next_article_of_its_issue(client, demo):
    first = text_of(client.get("/en/bulletins/2020/2/round-table-video-conference/"))
    second = text_of(client.get("/en/bulletins/2020/2/building-consensus/"))

    assert 'rel="next"' in first and 'rel="prev"' not in first
    assert 'href="/en/bulletins/2020/2/building-consensus/"' in first
    assert 'rel="prev"' in second and 'rel="next"' not in second


def switcher_languages(html):
    """The languages the switcher offers, and those named as alternates in the head."""
    offered = re.findall(r'<li><a href="[^"]*" hreflang="([^"]+)"', html)
    alternates = re.findall(r'<link rel="alternate" hreflang="([^"]+)"', html)
    return offered, [code for code in alternates if code != "x-default"]


@pytest.mark.django_db
def test_the_language_switcher_leads_to_the_same_page_in_each_language(client, demo):
    html = text_of(client.get("/en/partners/wwf/"))

    for language in LANGUAGES:
        assert f'href="/{language}/partners/wwf/" hreflang="{language}"' in html
        assert (
            f'<link rel="alternate" hreflang="{language}" '
            f'href="http://testserver/{language}/partners/wwf/">'
        ) in html
    assert 'hreflang="x-default" href="http://testserver/partners/wwf/"' in html
    assert '<link rel="canonical" href="http://testserver/en/partners/wwf/">' in html


@pytest.mark.django_db
def test_readers_of_an_issue_are_offered_the_languages_it_is_written_in(client, demo):
    html = text_of(client.get("/en/bulletins/2020/2/building-consensus/"))

    assert switcher_languages(html) == (["zh-hans", "en"], ["zh-hans", "en"])
    assert 'href="/zh-hans/bulletins/2020/2/building-consensus/" hreflang="zh-hans"' in html
    assert (
        '<link rel="alternate" hreflang="en" '
        'href="http://testserver/en/bulletins/2020/2/building-consensus/">'
    ) in html
    assert (
        'hreflang="x-default" href="http://testserver/bulletins/2020/2/building-consensus/"' in html
    )


@pytest.mark.django_db
def test_a_reader_in_a_language_the_issue_lacks_sees_it_current_but_not_as_an_alternate(
    client, demo
):
    html = text_of(client.get("/th/bulletins/2020/2/"))

    assert switcher_languages(html) == (["zh-hans", "en", "th"], ["zh-hans", "en"])
    assert '<a href="/th/bulletins/2020/2/" hreflang="th" lang="th" aria-current="true">' in html
    assert 'class="fallback-note"' in html


@pytest.mark.django_db
def test_an_issue_is_offered_in_a_language_once_a_publisher_publishes_it(client, demo):
    bulletin = Bulletin.objects.get(year=2020, number=2)
    for article, headline in zip(
        bulletin.articles.order_by("position"), ["การประชุมโต๊ะกลม", "สร้างฉันทามติ"], strict=True
    ):
        article.headline_th = headline
        article.save()

    translated = switcher_languages(text_of(client.get("/en/bulletins/2020/2/")))
    publish(bulletin, languages=["zh-hans", "en", "th"])
    published = switcher_languages(text_of(client.get("/en/bulletins/2020/2/")))

    assert translated == (["zh-hans", "en"], ["zh-hans", "en"])
    assert published == (["zh-hans", "en", "th"], ["zh-hans", "en", "th"])


@pytest.mark.django_db
def test_the_language_switcher_keeps_the_query_string(client, demo):
    html = text_of(client.get("/en/partners/?kind=ngo&country=US"))

    assert 'href="/zh-hans/partners/?kind=ngo&amp;country=US"' in html


@pytest.mark.django_db
def test_a_missing_translation_shows_the_source_language_marked_and_explained(client):
    _bulletin, [article] = published_issue(
        year=2021,
        number=1,
        article={
            "headline_zh_hans": "红树林保护",
            "headline_en": "",
            "body_zh_hans": "<p>红树林对于维持生物多样性具有重要作用。</p>",
            "body_en": "",
        },
    )

    html = text_of(client.get(article.get_absolute_url().replace("/en/", "/th/")))

    assert '<h1 class="article__headline" lang="zh-hans">红树林保护</h1>' in html
    assert (
        '<div class="prose" lang="zh-hans"><p>红树林对于维持生物多样性具有重要作用。</p></div>'
        in html
    )
    assert 'class="fallback-note"' in html


@pytest.mark.django_db
def test_an_issue_written_in_english_falls_back_to_english(client):
    published_issue(
        year=2021,
        number=1,
        source_language="en",
        article={"headline_zh_hans": "", "headline_en": "Mangroves"},
    )

    html = text_of(client.get("/vi/bulletins/2021/1/"))

    assert '<h2 class="article__headline" lang="en">' in html
    assert ">Mangroves</a>" in html


@pytest.mark.django_db
def test_a_translated_article_has_no_fallback_note(client):
    _bulletin, [article] = published_issue(year=2021, number=1)

    html = text_of(client.get(article.get_absolute_url()))

    assert 'class="fallback-note"' not in html
    assert '<h1 class="article__headline">' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status", [Bulletin.Status.DRAFT, Bulletin.Status.IN_REVIEW, Bulletin.Status.WITHDRAWN]
)
def test_unpublished_issues_are_nowhere_to_be_seen(client, status):
    organization = OrganizationFactory(slug="wwf")
    topic = TopicFactory(slug="mangroves")
    event = EventFactory(slug="forum")
    article = ArticleFactory(
        bulletin=BulletinFactory(year=2021, number=3, status=status),
        headline_en="Secret draft headline",
        event=event,
    )
    article.topics.add(topic)
    ViewpointFactory(article=article, organization=organization, statement_en="Secret statement")

    assert client.get("/en/bulletins/2021/3/").status_code == 404
    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get("/en/bulletins/2021/").status_code == 404
    for page in [
        "/en/",
        "/en/bulletins/",
        "/en/partners/wwf/",
        "/en/topics/mangroves/",
        "/en/events/forum/",
        "/en/feeds/rss/",
        "/en/feeds/atom/",
        "/sitemap.xml",
        "/en/search/?q=secret",
    ]:
        html = text_of(client.get(page))
        assert "Secret" not in html, page
        assert "2021/3" not in html, page


@pytest.mark.django_db
def test_a_scheduled_issue_appears_at_its_time(client):
    bulletin = BulletinFactory(year=2021, number=4)
    ArticleFactory(bulletin=bulletin, headline_en="Scheduled headline")
    in_an_hour = timezone.now() + datetime.timedelta(hours=1)
    publish(bulletin, at=in_an_hour)

    assert client.get("/en/bulletins/2021/4/").status_code == 404
    assert "Scheduled headline" not in text_of(client.get("/en/"))

    with time_machine.travel(in_an_hour + datetime.timedelta(seconds=1)):
        assert client.get("/en/bulletins/2021/4/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/en/bulletins/2020/2/",  # no such issue
        "/en/bulletins/1999/",  # no issue that year
        "/en/bulletins/99999999999999999999/2/",  # would overflow the column
        "/en/bulletins/2020/99999999999/",
        "/en/bulletins/2020/2/no-such-article/",
        "/en/bulletins/20x0/",
        "/en/partners/no-such-partner/",
        "/en/partners/?kind=spaceship",
        "/en/partners/?country=ZZ",
        "/en/events/?year=abc",
        "/en/events/?year=99999999999999999999",
        "/en/events/no-such-event/",
        "/en/topics/no-such-topic/",
        "/en/no-such-page/",
        "/xx/",
    ],
)
def test_malformed_or_unknown_addresses_are_a_friendly_404(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert "Page not found" in text_of(response)


@pytest.mark.django_db
def test_the_404_page_speaks_the_language_of_the_address(client):
    response = client.get("/zh-hans/bulletins/2020/9/")

    assert response.status_code == 404
    assert "页面不存在" in text_of(response)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["?q=" + "长" * 500, "?year=abc&q=x", "?type=nothing&q=x", "?page=abc&q=x"]
)
def test_a_malformed_search_is_answered_clearly(client, demo, query):
    response = client.get("/en/search/" + query)

    assert response.status_code in (200, 400)
    assert "<h1>Search</h1>" in text_of(response)


@pytest.mark.django_db
def test_a_nul_byte_in_an_address_is_a_bad_request_in_the_readers_language(client):
    response = client.get("/zh-hans/search/?q=%00")

    assert response.status_code == 400
    assert "<h1>错误的请求</h1>" in text_of(response)


@pytest.mark.django_db
def test_the_partner_page_lists_viewpoints_newest_first_and_events_with_roles(client):
    partner = OrganizationFactory(slug="wwf", name_en="WWF")
    for year, statement in [(2020, "Older view"), (2021, "Newer view")]:
        bulletin = BulletinFactory(year=year, number=1)
        ViewpointFactory(
            article=ArticleFactory(bulletin=bulletin), organization=partner, statement_en=statement
        )
        publish(bulletin)
    event = EventFactory(title_en="Round table on rivers")
    event.organizer_roles.create(organization=partner, role="co_host")
    make_public(event)

    html = text_of(client.get("/en/partners/wwf/"))

    assert html.index("Newer view") < html.index("Older view")
    assert "Round table on rivers" in html
    assert "Co-host" in html


@pytest.mark.django_db
def test_the_partner_directory_filters_by_kind_and_country(client):
    make_public(
        OrganizationFactory(name_en="Thai Ministry", kind="government", country="TH"),
        OrganizationFactory(name_en="Lao University", kind="research", country="LA"),
    )

    thai = text_of(client.get("/en/partners/?country=TH"))
    research = text_of(client.get("/en/partners/?kind=research"))

    assert "Thai Ministry" in thai and "Lao University" not in thai
    assert "Lao University" in research and "Thai Ministry" not in research


@pytest.mark.django_db
def test_the_event_page_groups_organizers_by_role_and_links_parent_children_and_articles(
    client, demo
):
    html = text_of(client.get("/en/events/biodiversity-sustainable-infrastructure-dialogue-2020/"))
    child = text_of(client.get("/en/events/parallel-forum-2-sustainable-infrastructure-2020/"))

    assert "Parallel Forum 2" in html  # child event
    assert 'href="/en/events/biodiversity-sustainable-infrastructure-dialogue-2020/"' in child
    assert "Guidance" in child and "Supporter" in child and "Co-host" in child
    assert 'href="/en/bulletins/2020/5/parallel-forum-2-sustainable-infrastructure/"' in child


@pytest.mark.django_db
def test_a_series_page_lists_the_articles_reporting_its_events(client, demo):
    week = text_of(client.get("/en/events/lancang-mekong-week-2020/"))

    assert "Event series" in week
    assert 'href="/en/bulletins/2020/2/round-table-video-conference/"' in week
    assert "No published article reports on this event yet." not in week


@pytest.mark.django_db
def test_the_event_list_separates_upcoming_and_past_events(client):
    today = timezone.localdate()
    make_public(
        EventFactory(title_en="Next month's forum", start_date=today + datetime.timedelta(days=30)),
        EventFactory(title_en="Last year's forum", start_date=today - datetime.timedelta(days=365)),
    )

    html = text_of(client.get("/en/events/"))

    upcoming, past = html.split("Past events")
    assert "Next month&#x27;s forum" in upcoming
    assert "Last year&#x27;s forum" in past


@pytest.mark.django_db
def test_the_topic_page_gathers_articles_viewpoints_and_events(client, demo):
    html = text_of(client.get("/en/topics/mangroves/"))

    assert "Parallel Forum 2" in html
    assert "Xu Wansu" in html


@pytest.mark.django_db
def test_pages_carry_social_and_structured_data(client, demo):
    html = text_of(client.get("/en/bulletins/2020/2/building-consensus/"))
    issue = text_of(client.get("/en/bulletins/2020/2/"))
    event = text_of(client.get("/en/events/lancang-mekong-week-2020/"))
    partner = text_of(client.get("/en/partners/wwf/"))

    assert '<meta property="og:type" content="article">' in html
    assert (
        '<meta property="og:image" content="http://testserver/static/img/og-default.png">' in html
    )
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta name="description" content="' in html
    assert '"@type": "NewsArticle"' in html
    assert '"@type": "PublicationIssue"' in issue
    assert '"@type": "Event"' in event
    assert '"@type": "Organization"' in partner


@pytest.mark.django_db
def test_structured_data_cannot_break_out_of_its_script(client):
    published_issue(year=2021, number=1, article={"headline_en": "</script><script>alert(1)"})

    html = text_of(client.get("/en/bulletins/2021/1/"))

    assert "</script><script>alert(1)" not in html
    assert "\\u003C/script\\u003E" in html


@pytest.mark.django_db
def test_templates_carry_no_inline_script_or_style(client, demo):
    for page in ["/en/", "/en/bulletins/2020/2/", "/en/search/?q=WWF", "/en/partners/"]:
        html = text_of(client.get(page))

        assert " style=" not in html
        scripts = re.findall(r"<script([^>]*)>", html)
        assert all("src=" in attrs or "application/ld+json" in attrs for attrs in scripts)


def issue_with(articles, viewpoints_each):
    bulletin = BulletinFactory(year=2022, number=articles)
    topic = TopicFactory()
    event = EventFactory()
    for _ in range(articles):
        article = ArticleFactory(bulletin=bulletin, event=event)
        article.topics.add(topic)
        for _ in range(viewpoints_each):
            ViewpointFactory(article=article, person=PersonFactory(), speaker_title_en="Adviser")
    publish(bulletin)
    return bulletin, topic, event


@pytest.mark.django_db
@pytest.mark.parametrize(("articles", "viewpoints_each"), [(1, 1), (6, 8)])
def test_pages_make_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, articles, viewpoints_each
):
    bulletin, topic, event = issue_with(articles, viewpoints_each)
    article = bulletin.articles.first()
    organization = article.viewpoints.first().organization
    pages = [
        "/en/",
        "/en/bulletins/",
        "/en/bulletins/2022/",
        bulletin.get_absolute_url(),
        article.get_absolute_url(),
        "/en/partners/",
        organization.get_absolute_url(),
        "/en/events/",
        event.get_absolute_url(),
        "/en/topics/",
        topic.get_absolute_url(),
        "/en/search/?q=cooperation",
        "/en/feeds/rss/",
        "/en/feeds/atom/",
        "/en/events/calendar.ics",
        "/sitemap.xml",
    ]
    for page in pages:
        with django_assert_max_num_queries(10, info=page):
            assert client.get(page).status_code == 200, page


@pytest.mark.django_db
def test_a_reader_gets_a_prepared_issue_or_article_page_in_one_query(
    client, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0  # what a reader's request costs when the cache misses
    bulletin, _topic, _event = issue_with(6, 8)
    article = bulletin.articles.first()
    for page in (bulletin.get_absolute_url(), article.get_absolute_url()):
        client.get(page)  # prepared when published, or on the first reading
        stored = client.get(page)
        with django_assert_num_queries(1, info=page):
            again = client.get(page)
        assert again.status_code == 200
        assert again.content == stored.content
        assert article.headline_en in text_of(again)


@pytest.mark.django_db
def test_an_unknown_page_offers_the_home_page_in_each_language(client):
    html = text_of(client.get("/en/no-such-page/"))

    assert 'href="/zh-hans/" hreflang="zh-hans"' in html
    assert 'href="/th/" hreflang="th"' in html


@pytest.mark.django_db
def test_mekong_language_pages_show_the_interface_in_their_language(client, demo):
    html = text_of(client.get("/km/bulletins/2020/2/"))

    assert '<html lang="km">' in html
    assert '<header class="site-header">' in html
    assert "រំលងទៅខ្លឹមសារ" in html and "Skip to content" not in html
    assert "ព្រឹត្តិបត្រ" in html  # "Bulletin"
    assert "ខ្មែរ" in html  # the language's own name in the switcher
    assert '<h2 class="article__headline" lang="en">' in html  # content falls back to English
