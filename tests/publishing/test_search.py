"""Full-text search: Chinese and English on the seed content, visibility, filters, paging."""

import datetime
import io
import re

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from bulletins.models import Bulletin
from publishing import search, services
from publishing.models import SearchEntry
from tests.factories import (
    ArticleFactory,
    BulletinFactory,
    EventFactory,
    OrganizationAliasFactory,
    OrganizationFactory,
    UserFactory,
    ViewpointFactory,
    make_public,
    publish,
    run_background_work,
)
from tests.statistics import last_analyzed


def result_links(client, query, prefix="en", **filters):
    response = client.get(f"/{prefix}/search/", {"q": query, **filters})
    assert response.status_code == 200
    return re.findall(r'<h2 class="result__title"><a href="([^"]+)"', response.content.decode())


def published(*articles, **kwargs):
    """A published issue with these articles (keyword arguments of each), indexed."""
    bulletin = BulletinFactory(**kwargs)
    made = [ArticleFactory(bulletin=bulletin, **article) for article in articles]
    publish(bulletin)
    return bulletin, made


ROUND_TABLE = "/zh-hans/bulletins/2020/2/round-table-video-conference/"
CONSENSUS = "/zh-hans/bulletins/2020/2/building-consensus/"
FORUM = "/zh-hans/bulletins/2020/5/parallel-forum-2-sustainable-infrastructure/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("生物多样性", [FORUM, CONSENSUS]),
        ("红树林", [FORUM, "/zh-hans/partners/mangrove-conservation-foundation/"]),
        ("循环经济", [ROUND_TABLE, CONSENSUS]),
        ("绿色金融", [ROUND_TABLE]),
        ("澜湄周", [ROUND_TABLE, "/zh-hans/events/lancang-mekong-week-2020/"]),
        ("多样性", [FORUM]),  # a word inside a longer one
    ],
)
def test_chinese_words_find_what_speaks_of_them(client, demo, query, expected):
    links = result_links(client, query, "zh-hans")

    for link in expected:
        assert any(found.startswith(link) for found in links), (query, link, links)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("WWF", ["/en/partners/wwf/", "/en/bulletins/2020/2/building-consensus/#viewpoint-"]),
        ("mangrove", ["/en/bulletins/2020/5/parallel-forum-2-sustainable-infrastructure/"]),
        ("circular economy", ["/en/bulletins/2020/2/round-table-video-conference/"]),
        ("Oxfam", ["/en/partners/oxfam/", "/en/bulletins/2020/2/building-consensus/#viewpoint-"]),
        (
            "Kerstin Brauneder",
            ["/en/bulletins/2020/5/parallel-forum-2-sustainable-infrastructure/#"],
        ),
    ],
)
def test_english_words_and_names_find_what_speaks_of_them(client, demo, query, expected):
    links = result_links(client, query, "en")

    for link in expected:
        assert any(found.startswith(link) for found in links), (query, link, links)


@pytest.mark.django_db
def test_a_partner_is_found_by_its_name_in_any_language_from_any_language(client, demo):
    assert "/zh-hans/partners/wwf/" in result_links(client, "WWF", "zh-hans")
    assert "/en/partners/oxfam/" in result_links(client, "乐施会", "en")


@pytest.mark.django_db
def test_a_phrase_is_not_found_in_scattered_words(client):
    published(
        {"headline_zh_hans": "绿色发展与金融保障", "slug": "scattered"},
        {"headline_zh_hans": "发展绿色金融", "slug": "together"},
        year=2021,
        number=1,
    )

    links = result_links(client, "绿色金融", "zh-hans")

    assert links == ["/zh-hans/bulletins/2021/1/together/"]


@pytest.mark.django_db
def test_results_are_ranked_highlighted_and_one_per_item(client, demo):
    response = client.get("/en/search/", {"q": "mangrove"})
    html = response.content.decode()
    links = re.findall(r'<h2 class="result__title"><a href="([^"]+)"', html)

    # The partner named after mangroves first; each item once, though written in two languages.
    assert links[0] == "/en/partners/mangrove-conservation-foundation/"
    assert len(links) == len(set(links))
    assert "<mark>mangroves</mark>" in html or "<mark>Mangroves</mark>" in html


@pytest.mark.django_db
def test_chinese_results_are_highlighted(client, demo):
    html = client.get("/zh-hans/search/", {"q": "红树林"}).content.decode()

    assert "<mark>红树林</mark>" in html


@pytest.mark.django_db
def test_highlighting_never_lets_html_through(client):
    published({"headline_en": "Mangroves <script>alert(1)</script>"}, year=2021, number=1)

    html = client.get("/en/search/", {"q": "mangroves"}).content.decode()

    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.django_db
def test_nothing_unpublished_is_ever_found(client):
    for number, status in enumerate(
        [Bulletin.Status.DRAFT, Bulletin.Status.IN_REVIEW, Bulletin.Status.WITHDRAWN], start=1
    ):
        article = ArticleFactory(
            bulletin=BulletinFactory(year=2021, number=number, status=status),
            headline_en="Unpublished mangroves",
        )
        ViewpointFactory(article=article, statement_en="Unpublished mangrove statement")
        if status == Bulletin.Status.WITHDRAWN:
            publish(article.bulletin)
            services.bulletin_withdraw(
                bulletin=article.bulletin, user=UserFactory(role="Publisher")
            )
    # A published issue's pending changes are not found either.
    _bulletin, [changed] = published({"headline_en": "Wetlands"}, year=2021, number=9)
    changed.headline_en = "Pending mangroves"
    changed.save()

    assert result_links(client, "mangroves") == []


@pytest.mark.django_db
def test_a_scheduled_issue_is_found_from_its_time_on(client):
    bulletin = BulletinFactory(year=2021, number=1)
    ArticleFactory(bulletin=bulletin, headline_en="Scheduled mangroves")
    at = timezone.now() + datetime.timedelta(minutes=5)
    publish(bulletin, at=at)

    assert result_links(client, "mangroves") == []

    with time_machine.travel(at + datetime.timedelta(seconds=1)):
        assert len(result_links(client, "mangroves")) == 1


@pytest.mark.django_db
def test_the_index_follows_every_publication(client):
    bulletin = BulletinFactory(year=2021, number=1)
    article = ArticleFactory(bulletin=bulletin, headline_en="Wetlands")
    organization = OrganizationFactory(name_en="River Trust", slug="river-trust")
    OrganizationAliasFactory(organization=organization, name="Flussstiftung")
    viewpoint = ViewpointFactory(article=article, organization=organization)
    publish(bulletin)

    assert result_links(client, "wetlands") == ["/en/bulletins/2021/1/" + article.slug + "/"]
    # A viewpoint is found by its organization's names.
    assert f"#viewpoint-{viewpoint.pk}" in " ".join(result_links(client, "River Trust"))
    # The partner published with the issue is found, by its aliases too.
    assert "/en/partners/river-trust/" in result_links(client, "Flussstiftung")

    article.headline_en = "Mangroves"
    article.save()
    assert result_links(client, "mangroves") == []  # pending
    publish(bulletin)
    assert result_links(client, "wetlands") == []
    assert len(result_links(client, "mangroves")) == 1

    # The issue's number is part of the address: its next version is found at the new one.
    Bulletin.objects.filter(pk=bulletin.pk).update(number=7)
    publish(bulletin)
    assert result_links(client, "mangroves") == ["/en/bulletins/2021/7/" + article.slug + "/"]

    # An article removed from the issue goes from the index with the next version.
    ArticleFactory(bulletin=bulletin, headline_en="Rivers", slug="rivers")
    article.delete()
    publish(bulletin)
    assert result_links(client, "mangroves") == []
    assert "/en/bulletins/2021/7/rivers/" in result_links(client, "rivers")
    assert not SearchEntry.objects.filter(
        kind="viewpoint", object_id=viewpoint.pk, edition__superseded_at__isnull=True
    ).exists()


@pytest.mark.django_db
def test_results_can_be_narrowed_by_type_year_and_language(client):
    published(
        {
            "headline_zh_hans": "红树林保护",
            "headline_en": "Mangrove protection",
            "slug": "mangroves-2020",
        },
        year=2020,
        number=1,
    )
    published(
        {"headline_zh_hans": "红树林修复", "headline_en": "", "slug": "mangroves-2021"},
        year=2021,
        number=1,
    )
    make_public(
        EventFactory(
            title_en="Mangrove forum", slug="mangrove-forum", start_date=datetime.date(2021, 5, 1)
        )
    )
    run_background_work()

    assert result_links(client, "mangrove", type="event") == ["/en/events/mangrove-forum/"]
    assert result_links(client, "红树林", year="2021") == ["/en/bulletins/2021/1/mangroves-2021/"]
    assert result_links(client, "红树林", language="en") == []
    assert sorted(result_links(client, "红树林", language="zh-hans")) == [
        "/en/bulletins/2020/1/mangroves-2020/",
        "/en/bulletins/2021/1/mangroves-2021/",
    ]


@pytest.mark.django_db
def test_results_are_paginated(client):
    published(
        *({"headline_en": f"Mangrove report {number}"} for number in range(13)), year=2021, number=1
    )

    first = client.get("/en/search/", {"q": "mangrove"}).content.decode()
    second = client.get("/en/search/", {"q": "mangrove", "page": 2}).content.decode()

    assert "13 results" in first
    assert first.count('class="result"') == 10
    assert second.count('class="result"') == 3
    assert 'href="?q=mangrove&amp;page=2"' in first


@pytest.mark.django_db
def test_an_empty_or_unmatched_query_says_so(client, demo):
    empty = client.get("/en/search/").content.decode()
    nothing = client.get("/en/search/", {"q": "zzyzx"}).content.decode()

    assert "result" not in empty.split("</form>")[1]
    assert "Nothing found" in nothing


def test_chinese_is_segmented_into_words_with_their_parts():
    vector = search.segmented_tsvector([("红树林对于维持生物多样性", "A")])

    assert "'红树林':1A" in vector
    assert "'树林':1A" in vector  # a word inside, at the same position
    assert "'生物多样性':4A" in vector
    assert search.segmented_tsquery("澜湄周 绿色金融") == "('澜湄周') & ('绿色金融')"
    assert search.segmented_tsquery("生态环境合作") == "('生态环境' <-> '合作')"
    assert search.segmented_tsquery("“”，。") is None


# A sentence written without spaces in each language, and a word from its middle.
UNSPACED_SENTENCES = {
    "th": (
        "ศูนย์ความร่วมมือด้านสิ่งแวดล้อมแม่โขง-ล้านช้างจัดการประชุมเรื่องการอนุรักษ์ป่าชายเลนและความหลากหลายทางชีวภาพ",
        "ป่าชายเลน",
    ),
    "lo": (
        "ສູນການຮ່ວມມືດ້ານສິ່ງແວດລ້ອມແມ່ຂອງ-ລ້ານຊ້າງໄດ້ຈັດກອງປະຊຸມກ່ຽວກັບການອະນຸລັກປ່າຊາຍເລນ",
        "ກອງປະຊຸມ",
    ),
    "km": (
        "មជ្ឈមណ្ឌលកិច្ចសហប្រតិបត្តិការបរិស្ថានមេគង្គ-ឡានឆាងបានរៀបចំកិច្ចប្រជុំស្តីពីការអភិរក្សព្រៃកោងកាង",
        "កិច្ចប្រជុំ",
    ),
    "my": (
        "မဲခေါင်-လန်ချန်းပတ်ဝန်းကျင်ဆိုင်ရာပူးပေါင်းဆောင်ရွက်မှုစင်တာသည်ဒီရေတောထိန်းသိမ်းရေးဆိုင်ရာအစည်းအဝေးကိုကျင်းပခဲ့သည်",
        "အစည်းအဝေး",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", UNSPACED_SENTENCES)
def test_a_word_inside_an_unspaced_sentence_is_found_ranked_and_highlighted(client, language):
    sentence, word = UNSPACED_SENTENCES[language]
    bulletin, (in_body, in_headline, _unrelated) = published(
        {
            "slug": "in-body",
            f"headline_{language}": "2021",
            f"body_{language}": f"<p>{sentence}</p>",
        },
        {"slug": "in-headline", f"headline_{language}": word},
        {"slug": "unrelated", f"headline_{language}": sentence[:12]},
        year=2021,
        number=1,
    )

    response = client.get(f"/{language}/search/", {"q": word})
    html = response.content.decode()
    links = re.findall(r'<h2 class="result__title"><a href="([^"]+)"', html)

    # Ranked like Chinese: the word as the headline above the word inside the text.
    assert links == [in_headline.get_absolute_url(), in_body.get_absolute_url()]
    assert f"<mark>{word}</mark>" in html


def test_thai_lao_khmer_and_burmese_are_indexed_as_words():
    vector = search.vector_for("km", "", "", UNSPACED_SENTENCES["km"][0])

    literal = vector.source_expressions[0].value
    assert "'បរិស្ថាន':15C" in literal  # after two empty fields' gaps
    assert search.segmented_tsquery("ការអភិរក្ស ព្រៃ", search.segmentation.words) == (
        "('ការ' <-> 'អភិរក្ស') & ('ព្រៃ')"
    )


@pytest.mark.django_db
def test_a_thai_reader_finds_an_item_in_english_before_chinese(client):
    # The Chinese version ranks higher (the name in its headline); English is still shown.
    published(
        {
            "headline_zh_hans": "WWF谈红树林",
            "headline_en": "Mangroves",
            "body_en": "<p>The WWF representative spoke about mangroves.</p>",
        },
        year=2021,
        number=1,
    )

    html = client.get("/th/search/", {"q": "WWF"}).content.decode()

    assert '<li class="result" lang="en">' in html
    assert ">Mangroves</a>" in html
    assert "<mark>WWF</mark> representative" in html


@pytest.mark.django_db
def test_the_most_recent_items_found_are_ranked_and_the_older_follow_newest_first(
    client, monkeypatch
):
    monkeypatch.setattr(search, "RANKED_CANDIDATES", 2)
    issues = [
        (2019, "Mangroves", "<p>Mangroves, mangroves and mangroves.</p>"),
        (2020, "Coasts", "<p>About mangroves.</p>"),
        (2021, "Rivers", "<p>Rivers, lakes, wetlands, deltas and one mangrove.</p>"),
        (2022, "Mangrove forests", "<p>Where mangroves grow.</p>"),
    ]
    for year, headline, body in issues:
        published(
            {"headline_en": headline, "body_en": body, "headline_zh_hans": "", "body_zh_hans": ""},
            year=year,
            number=1,
            publication_date=datetime.date(year, 3, 1),
        )

    links = result_links(client, "mangrove")
    response = client.get("/en/search/", {"q": "mangrove"})

    # 2022 and 2021 are ranked (the title match first); 2020 and 2019 follow by date.
    assert [link.split("/")[3] for link in links] == ["2022", "2021", "2020", "2019"]
    assert "4 results" in response.content.decode()


@pytest.mark.django_db
def test_a_rebuild_shows_its_progress_and_indexes_everything_again(client, demo, monkeypatch):
    monkeypatch.setattr(search, "REBUILD_BATCH", 1)  # one edition at a time
    before = set(SearchEntry.objects.values_list("kind", "object_id", "language", "edition"))
    analyzed = last_analyzed(SearchEntry)
    output = io.StringIO()

    call_command("rebuild_search_index", stdout=output)

    assert set(SearchEntry.objects.values_list("kind", "object_id", "language", "edition")) == (
        before
    )
    lines = output.getvalue().splitlines()
    assert lines[0].startswith("1 of ")  # after the first edition
    assert f"Search index rebuilt: {len(before)} entries." in lines[-1]
    assert result_links(client, "mangrove")
    assert last_analyzed(SearchEntry) != analyzed
