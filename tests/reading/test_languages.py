"""The seven languages as readers meet them: dates from CLDR in each, the fallback chain
with its note and link, the language a reader arriving at / is sent to, NFC names."""

import re
import unicodedata

import pytest
from django.conf import settings

from publishing.models import Edition
from publishing.pdf import document
from tests.factories import publish

LANGUAGES = [code for code, _name in settings.LANGUAGES]

# The script of each language's letters (the start of their Unicode names).
SCRIPTS = {
    "zh-hans": "CJK UNIFIED",
    "en": "LATIN",
    "th": "THAI",
    "vi": "LATIN",
    "lo": "LAO",
    "km": "KHMER",
    "my": "MYANMAR",
}

# A page of each type that shows dates: issue and event dates, date ranges, a result's date.
DATED_PAGES = [
    "",
    "bulletins/",
    "bulletins/2020/",
    "bulletins/2020/2/",
    "bulletins/2020/2/building-consensus/",
    "events/",
    "events/lancang-mekong-week-2020/",
    "partners/wwf/",
    "topics/mangroves/",
    "search/?q=Lancang&type=event",
]
DATES = re.compile(r'<time datetime="[^"]*">([^<]*)</time>|class="event-item__date">([^<]*)<')


def shown_dates(html: str) -> list[str]:
    return [first or second for first, second in DATES.findall(html)]


def foreign_characters(text: str, language: str) -> set[str]:
    """Letters of another script than the language's, and digits other than 0-9."""

    def is_foreign(char):
        category = unicodedata.category(char)
        if category == "Nd":
            return char not in "0123456789"
        return category[0] in "LM" and not unicodedata.name(char).startswith(SCRIPTS[language])

    return {char for char in text if is_foreign(char)}


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_dates_on_every_page_type_are_in_the_pages_script_with_latin_digits(client, demo, language):
    for page in DATED_PAGES:
        dates = shown_dates(client.get(f"/{language}/{page}").content.decode())

        assert dates, page
        for date in dates:
            assert "2020" in date or "2563" in date, (page, date)
            assert foreign_characters(date, language) == set(), (page, date)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdf_masthead_prints_the_date_in_the_editions_language(demo, language):
    edition = Edition.objects.get(year=2020, number=5)

    html = document.build_html(edition.content, language)

    date = re.search(r'class="masthead__date"><time [^>]*>([^<]*)</time>', html).group(1)
    assert foreign_characters(date, language) == set()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "date"),
    [
        ("zh-hans", "2020年3月27日"),
        ("en", "27 March 2020"),
        ("th", "27 มีนาคม พ.ศ. 2563"),
        ("vi", "27 tháng 3, 2020"),
        ("lo", "27 ມີນາ 2020"),
        ("km", "27 មីនា 2020"),
        ("my", "2020 မတ် 27"),
    ],
)
def test_each_language_writes_the_issue_date_its_own_way(client, demo, language, date):
    html = client.get(f"/{language}/bulletins/2020/2/").content.decode()

    assert f'<time datetime="2020-03-27">{date}</time>' in html


@pytest.mark.django_db
def test_a_thai_reader_of_2020_2_gets_its_english_text_with_a_note_and_a_link(client, demo):
    html = client.get("/th/bulletins/2020/2/").content.decode()

    assert (
        '<h2 class="article__headline" lang="en"><a href="/th/bulletins/2020/2/'
        'round-table-video-conference/">Lancang-Mekong Eco-Environmental Cooperation '
        "Round-Table Video Conference Held</a></h2>"
    ) in html
    assert '<div class="prose" lang="en">' in html
    assert "ยังไม่มีการแปลเป็นภาษาไทย จึงแสดงเป็นภาษาอังกฤษ" in html
    assert (
        '<a href="/en/bulletins/2020/2/#round-table-video-conference" hreflang="en">'
        "อ่านหน้านี้เป็นภาษาอังกฤษ</a>"
    ) in html
    # Speakers too: WWF's representative has an English label, no Thai one.
    assert (
        '<a class="viewpoint__organization viewpoint__speaker" href="/th/partners/wwf/" '
        'lang="en">WWF representative</a>'
    ) in html


@pytest.mark.django_db
def test_chinese_and_english_readers_get_the_source_language(client, demo):
    from bulletins.models import Article

    article = Article.objects.get(slug="building-consensus")
    article.headline_en = ""
    article.save()
    publish(article.bulletin, languages=["zh-hans", "en"])

    html = client.get("/en/bulletins/2020/2/building-consensus/").content.decode()

    assert '<h1 class="article__headline" lang="zh-hans">凝聚澜湄共识，加强环境合作</h1>' in html
    assert 'href="/zh-hans/bulletins/2020/2/building-consensus/" hreflang="zh-hans">' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("fr", "/en/"),
        ("fr-FR,fr;q=0.9,de;q=0.5", "/en/"),
        ("th", "/th/"),
        ("km-KH,km;q=0.9,en;q=0.5", "/km/"),
        ("fr, zh-CN;q=0.5", "/zh-hans/"),
        ("vi-VN", "/vi/"),
        (None, "/zh-hans/"),
    ],
)
def test_a_reader_arriving_at_the_root_gets_their_best_language(client, accept_language, expected):
    client.defaults.pop("HTTP_ACCEPT_LANGUAGE")
    headers = {"Accept-Language": accept_language} if accept_language else {}

    response = client.get("/", headers=headers)

    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.django_db
def test_the_admin_stays_in_chinese_or_english_for_a_thai_browser(client):
    html = client.get("/admin/login/", headers={"Accept-Language": "th"}).content.decode()

    assert '<html lang="en"' in html


@pytest.mark.django_db
def test_language_names_are_in_nfc(client):
    html = client.get("/vi/partners/").content.decode()

    assert "Tiếng Việt" in html
    assert unicodedata.is_normalized("NFC", html)
