"""The reading site as a publication: pages that say the right things once, partners named
and sorted alike, and what a reader needs around an article (issue 18)."""

import re

import pytest

from bulletins.models import Article, Viewpoint
from topics.models import Topic


def text_of(response):
    return response.content.decode()


def viewpoint_captions(html):
    return re.findall(r'<figcaption class="viewpoint__source">(.*?)</figcaption>', html, re.S)


def visible_text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.django_db
def test_a_topic_page_shows_only_the_viewpoints_about_it(client, demo):
    html = text_of(client.get("/en/topics/mangroves/"))

    assert "Parallel Forum 2" in html  # the article tagged with mangroves
    assert "Xu Wansu" in html  # who spoke of mangroves
    assert "Industry 4.0" not in html  # who spoke of Thailand's industry, at the same forum
    assert "Kittiphan" not in html


@pytest.mark.django_db
def test_a_viewpoint_gets_its_own_topics_in_the_admin_proposed_from_its_article(
    client, demo, publisher
):
    article = Article.objects.get(slug="parallel-forum-2-sustainable-infrastructure")
    client.force_login(publisher)

    html = text_of(client.get(f"/admin/bulletins/article/{article.pk}/change/"))
    new_viewpoint = html[html.index('id="viewpoints-empty"') :]
    proposed = re.findall(r'<option value="(\d+)" selected>', new_viewpoint)

    assert sorted(map(int, proposed)) == sorted(article.topics.values_list("pk", flat=True))
    diw = Viewpoint.objects.get(article=article, organization__slug="thailand-diw")
    assert list(diw.topics.values_list("slug", flat=True)) == ["circular-economy"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/zh-hans/bulletins/2020/2/building-consensus/", "世界自然基金会"),
        ("/en/bulletins/2020/2/building-consensus/", "WWF"),
        ("/en/partners/wwf/", "WWF"),
    ],
)
def test_the_wwf_viewpoint_names_wwf_once(client, demo, path, name):
    captions = viewpoint_captions(text_of(client.get(path)))
    wwf = next(caption for caption in captions if "/partners/wwf/" in caption)

    assert visible_text(wwf).count(name) == 1
    assert 'href="' in wwf and "/partners/wwf/" in wwf


@pytest.mark.django_db
def test_a_named_speaker_is_signed_with_title_and_organization(client, demo):
    html = text_of(client.get("/en/bulletins/2020/5/parallel-forum-2-sustainable-infrastructure/"))
    wcs = next(c for c in viewpoint_captions(html) if "Kerstin Brauneder" in c)

    assert visible_text(wcs) == (
        "W Kerstin Brauneder Technical Adviser Wildlife Conservation Society (WCS)"
    )


@pytest.mark.django_db
def test_an_article_of_viewpoints_is_described_by_whose_they_are(client, demo):
    english = text_of(client.get("/en/bulletins/2020/2/building-consensus/"))
    report = text_of(client.get("/en/bulletins/2020/2/round-table-video-conference/"))

    assert (
        '<meta name="description" content="Viewpoints of World Wide Fund for Nature (WWF), '
        "Oxfam, Stockholm Environment Institute (SEI)"
    ) in english
    assert '<meta property="og:description" content="Viewpoints of World Wide Fund' in english
    # A report's description is its first sentence.
    assert (
        '<meta name="description" content="On 26 March 2020, the Lancang-Mekong '
        "Eco-Environmental Cooperation Round-Table Video Conference was held online"
    ) in report


@pytest.mark.django_db
def test_partners_are_named_alike_and_sorted_by_the_pages_language(client, demo):
    chinese = text_of(client.get("/zh-hans/partners/?kind=ngo"))
    english = text_of(client.get("/en/partners/?kind=ngo"))
    names = re.findall(r'class="partner-card__name"[^>]*>([^<]+)<', chinese)

    # By pinyin: ài lún, bǎo hù, hóng shù, lè shī, shì jiè, yà zhōu, yě shēng.
    assert names == [
        "艾伦·麦克阿瑟基金会",
        "保护国际基金会（CI）",
        "红树林基金会（MCF）",
        "乐施会",
        "世界自然基金会（WWF）",
        "亚洲基金会",
        "野生生物保护学会（WCS）",
    ]
    assert "World Wide Fund for Nature (WWF)" in english
    assert "澜湄合作中国秘书处" not in text_of(client.get("/en/partners/"))
    wwf = text_of(client.get("/zh-hans/partners/wwf/"))
    assert '<span aria-current="page">世界自然基金会（WWF）</span>' in wwf
    assert "<h1>世界自然基金会（WWF）</h1>" in wwf
    assert "瑞士" in wwf  # its country


@pytest.mark.django_db
def test_every_demo_partner_has_a_country(demo):
    from partners.models import Organization

    assert not Organization.objects.filter(country="").exists()


@pytest.mark.django_db
def test_topics_of_viewpoints_reach_the_topic_list(demo):
    assert Topic.objects.get(slug="mangroves").viewpoints.count() == 1


# One address per page.


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("asked", "moved_to"),
    [
        ("/en/bulletins/2020/02/", "/en/bulletins/2020/2/"),
        ("/en/bulletins/2020/002/", "/en/bulletins/2020/2/"),
        (
            "/zh-hans/bulletins/2020/02/building-consensus/",
            "/zh-hans/bulletins/2020/2/building-consensus/",
        ),
        ("/en/bulletins/2020/05/pdf/", "/en/bulletins/2020/5/pdf/"),
        ("/en/bulletins/2020/02/?utm_source=wechat", "/en/bulletins/2020/2/?utm_source=wechat"),
    ],
)
def test_an_issue_at_another_address_moves_to_its_own_for_good(client, demo, asked, moved_to):
    response = client.get(asked)

    assert response.status_code == 301
    assert response["Location"] == moved_to


@pytest.mark.django_db
def test_an_issue_numbered_zero_is_not_found(client, demo):
    assert client.get("/en/bulletins/2020/00/").status_code == 404


# Around an article.


@pytest.mark.django_db
def test_an_article_leads_to_related_articles_of_other_issues(
    client, demo, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        html = text_of(
            client.get("/en/bulletins/2020/5/parallel-forum-2-sustainable-infrastructure/")
        )
    related = html[html.index('id="related-heading"') :]

    # Both on biodiversity, with WCS, CI and The Asia Foundation speaking.
    assert 'href="/en/bulletins/2020/2/building-consensus/"' in related
    assert "/en/bulletins/2020/5/" not in related.split("</section>")[0].replace(
        'href="/en/bulletins/2020/5/parallel', ""
    )


@pytest.mark.django_db
def test_related_articles_follow_new_issues(client, demo):
    from tests.factories import ArticleFactory, BulletinFactory, publish

    bulletin = BulletinFactory(year=2021, number=1)
    article = ArticleFactory(bulletin=bulletin, headline_en="Mangroves of the delta")
    article.topics.add(Topic.objects.get(slug="mangroves"))
    publish(bulletin)

    html = text_of(client.get("/en/bulletins/2020/5/parallel-forum-2-sustainable-infrastructure/"))

    assert "Mangroves of the delta" in html[html.index('id="related-heading"') :]


@pytest.mark.django_db
def test_an_event_can_be_added_to_a_calendar(client, demo):
    from icalendar import Calendar

    page = text_of(client.get("/en/events/parallel-forum-2-sustainable-infrastructure-2020/"))
    response = client.get(
        "/en/events/parallel-forum-2-sustainable-infrastructure-2020/calendar.ics"
    )
    calendar = Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")

    assert 'href="/en/events/parallel-forum-2-sustainable-infrastructure-2020/calendar.ics"' in page
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert str(event["SUMMARY"]).startswith("Parallel Forum 2")
    assert event.decoded("DTSTART").isoformat() == "2020-07-30"
    assert event.decoded("DTEND").isoformat() == "2020-07-31"
    assert str(event["URL"]).endswith(
        "/en/events/parallel-forum-2-sustainable-infrastructure-2020/"
    )


@pytest.mark.django_db
def test_an_issue_is_cited_in_gb_t_7714_on_chinese_pages(client, demo):
    import time_machine

    with time_machine.travel("2026-12-03 10:00 +0800"):
        html = text_of(client.get("/zh-hans/bulletins/2020/5/"))

    assert (
        '<p class="cite__text" id="citation">澜沧江-湄公河环境合作中心. '
        "澜沧江-湄公河环境合作中心简报[J/OL]. 2020(5). 北京: 澜沧江-湄公河环境合作中心, "
        "2020[2026-12-03]. http://testserver/zh-hans/bulletins/2020/5/.</p>"
    ) in html
    assert 'data-copy-target="citation"' in html
    assert "GB/T 7714-2015" in html


@pytest.mark.django_db
def test_an_article_is_cited_in_apa_on_english_pages(client, demo):
    html = text_of(client.get("/en/bulletins/2020/2/building-consensus/"))

    assert (
        "Lancang-Mekong Environmental Cooperation Center. (2020, March 27). Building "
        "Lancang-Mekong Consensus, Strengthening Environmental Cooperation. <i>Bulletin of the "
        "Lancang-Mekong Environmental Cooperation Center</i>, (2). "
        "http://testserver/en/bulletins/2020/2/building-consensus/"
    ) in html


@pytest.mark.django_db
def test_an_issue_says_which_languages_it_is_published_in(client, demo):
    issue = text_of(client.get("/th/bulletins/2020/2/"))
    archive = text_of(client.get("/en/bulletins/"))

    languages = '<span class="issue-languages__name" lang="zh-hans">简体中文</span><span class="issue-languages__name" lang="en">English</span>'
    assert languages in issue
    assert archive.count(languages) == 2


@pytest.mark.django_db
def test_covers_are_made_for_issues_without_one(client, demo):
    home = text_of(client.get("/zh-hans/"))
    archive = text_of(client.get("/zh-hans/bulletins/"))
    issue = text_of(client.get("/zh-hans/bulletins/2020/2/"))

    assert 'class="cover cover--medium cover--made cover--tone-1"' in home  # No. 5
    assert archive.count("cover--made") == 2
    assert 'class="cover cover--large cover--made cover--tone-2"' in issue
    assert '<span class="cover__label">2020年第2期</span>' in issue


@pytest.mark.django_db
def test_an_issue_with_a_cover_image_shows_it_everywhere(client, settings, tmp_path):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from tests.factories import ArticleFactory, BulletinFactory, publish

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (1240, 1754), "seagreen").save(buffer, "JPEG")
    bulletin = BulletinFactory(year=2021, number=3)
    bulletin.cover_image = SimpleUploadedFile("cover.jpg", buffer.getvalue())
    bulletin.save()
    ArticleFactory(bulletin=bulletin)
    publish(bulletin)
    name = bulletin.cover_image.name

    for path in ["/en/", "/en/bulletins/", "/en/bulletins/2021/3/"]:
        html = text_of(client.get(path))
        assert f'src="/media/renditions/{name}.480.webp"' in html, path
        assert "cover--made" not in html, path


@pytest.mark.django_db
def test_partner_logos_are_shown_small(client, settings, tmp_path):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from tests.factories import (
        ArticleFactory,
        BulletinFactory,
        OrganizationFactory,
        ViewpointFactory,
        publish,
    )

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (600, 600), "navy").save(buffer, "PNG")
    partner = OrganizationFactory(slug="oxfam", name_en="Oxfam")
    partner.logo = SimpleUploadedFile("oxfam.png", buffer.getvalue())
    partner.save()
    bulletin = BulletinFactory(year=2021, number=4)
    ViewpointFactory(article=ArticleFactory(bulletin=bulletin), organization=partner)
    publish(bulletin)
    logo = f'src="/media/renditions/{partner.logo.name}.480.webp"'

    for path in ["/en/partners/", "/en/partners/oxfam/", "/en/bulletins/2021/4/"]:
        assert logo in text_of(client.get(path)), path


@pytest.mark.django_db
def test_the_favicon_is_found_where_browsers_look(client):
    from django.contrib.staticfiles import finders

    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"].startswith("/static/img/favicon")
    assert finders.find("img/favicon.ico")
    assert 'rel="apple-touch-icon"' in text_of(client.get("/en/no-such-page/"))


# Search.


@pytest.mark.django_db
def test_a_long_search_is_cut_with_a_message_and_never_repeated_more_than_twice(client, demo):
    query = "mangroves " + "x" * 6000
    response = client.get("/en/search/", {"q": query})
    html = text_of(response)

    assert response.status_code == 200
    assert "Your search was longer than 100 characters: its beginning was searched." in html
    assert html.count(query[:100]) == 2  # the title and the search box
    assert "x" * 91 not in html
    assert len(response.content) < 40_000


@pytest.mark.django_db
def test_the_search_page_keeps_the_query_out_of_its_language_links(client, demo):
    html = text_of(client.get("/en/search/?q=zzyzx&type=viewpoint"))

    assert '<a href="/zh-hans/search/" hreflang="zh-hans" lang="zh-hans" data-keep-query>' in html
    assert html.count("zzyzx") == 2  # the title and the search box


@pytest.mark.django_db
def test_english_stop_words_are_ignored_as_in_english_search(client, demo):
    the = text_of(client.get("/en/search/?q=the"))
    the_mangroves = text_of(client.get("/en/search/?q=the+mangroves"))
    mangroves = text_of(client.get("/en/search/?q=mangroves"))

    assert '<p class="result-count" role="status">0 results</p>' in the
    assert "too common to be searched" in the
    count = re.search(r'role="status">(\d+) results', mangroves).group(1)
    assert int(count) > 0
    assert f'role="status">{count} results' in the_mangroves


# Delivery.


@pytest.mark.django_db
@pytest.mark.parametrize(("accepts", "encoding"), [("br, gzip", "br"), ("gzip", "gzip")])
def test_pages_are_sent_compressed(client, demo, accepts, encoding):
    import gzip

    import brotli

    plain = client.get("/en/bulletins/2020/2/")
    packed = client.get("/en/bulletins/2020/2/", HTTP_ACCEPT_ENCODING=accepts)
    unpack = brotli.decompress if encoding == "br" else gzip.decompress

    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == encoding
    assert "Accept-Encoding" in packed["Vary"]
    assert unpack(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 3


@pytest.mark.django_db
def test_the_admin_is_not_compressed(admin_client):
    response = admin_client.get("/admin/", HTTP_ACCEPT_ENCODING="br, gzip")

    assert "Content-Encoding" not in response
