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
