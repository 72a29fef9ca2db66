"""The seed issues' PDFs read back as a reader's viewer shows them: text in reading order,
pages, running header and footer, bookmarks, metadata, links, fonts and glyphs."""

import re

import pytest

from editorial.demo.issues import ABOUT_BLOCKS, CONTACT_BLOCKS, ISSUES
from lmec.headlines import plain
from tests.publishing.pdf.reading import (
    body_text,
    font_names,
    outline_titles,
    pdf_text,
    reader,
    squeeze,
    undrawn_characters,
)

# pytest-django sets up the test database only for a run that collects a test using it: a
# run of this file alone would otherwise render the seeds from the development database.
pytestmark = pytest.mark.django_db

SEEDS = {(issue["year"], issue["number"]): issue for issue in ISSUES}
CONTACTS = {block["key"]: block for block in CONTACT_BLOCKS}
ABOUTS = {block["key"]: block for block in ABOUT_BLOCKS}
ISSUE_KEYS = [(2020, 2), (2020, 5)]


def normalized(text: str) -> str:
    """No white space, no hyphens: lines break anywhere in Chinese, and English is hyphenated."""
    return re.sub(r"[\s\-\u2010\u00ad]", "", re.sub(r"<[^>]+>", "", text))


def article_pieces(article: dict, language: str) -> list[str]:
    """What a printed article shows, in order."""
    pieces = [
        article.get("kicker", {}).get(language),
        plain(article["headline"][language]),
        *article.get("body", {}).get(language, []),
    ]
    if article.get("viewpoints"):
        pieces.append(article.get("viewpoints_heading", {}).get(language))
        pieces += [viewpoint["statement"][language] for viewpoint in article["viewpoints"]]
    return [piece for piece in pieces if piece]


def assert_in_order(text: str, pieces: list[str]) -> None:
    position = 0
    for piece in pieces:
        found = text.find(normalized(piece), position)
        assert found >= 0, f"not found (in this order): {piece[:60]}"
        position = found + len(normalized(piece))


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("key", ISSUE_KEYS)
def test_every_article_and_viewpoint_is_printed_in_reading_order(seed_pdfs, key, language):
    seed = SEEDS[key]
    text = normalized(body_text(seed_pdfs[(*key, language)]))

    masthead = ["澜沧江-湄公河环境合作中心", "Lancang-Mekong Environmental Cooperation Center"]
    if language == "zh-hans":
        masthead += ["简报", "Bulletin", f"{key[0]}年第{key[1]}期"]
    else:
        masthead += ["Bulletin", "简报", f"No. {key[1]}, {key[0]}"]
    pieces = masthead + [
        piece for article in seed["articles"] for piece in article_pieces(article, language)
    ]
    assert_in_order(text, pieces)


@pytest.mark.parametrize(
    ("key", "date"),
    [((2020, 2, "zh-hans"), "2020年3月27日"), ((2020, 5, "en"), "3 August 2020")],
)
def test_the_masthead_prints_the_issue_date(seed_pdfs, key, date):
    assert normalized(date) in normalized(pdf_text(seed_pdfs[key], page=1))


@pytest.mark.parametrize(("key", "other"), [((2020, 2), "2020-08"), ((2020, 5), "2020-03")])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_contact_and_about_blocks_are_those_published_with_the_issue(
    seed_pdfs, key, other, language
):
    seed = SEEDS[key]
    contact = CONTACTS[seed["contact_block"]]
    text = body_text(seed_pdfs[(*key, language)])
    last_article = seed["articles"][-1]
    heading = "联系我们" if language == "zh-hans" else "Contact us"
    assert_in_order(
        normalized(text),
        [
            article_pieces(last_article, language)[-1],
            heading,
            contact["address"][language],
            contact["phone"],
            *contact["emails"].split(),
            contact["website"],
        ],
    )
    for email in CONTACTS[other]["emails"].split():
        assert email not in text
    assert normalized(ABOUTS[seed["about_block"]]["text"][language]) in normalized(text)


def test_2020_2_shows_chinaaseanenv_and_2020_5_fecomee(seed_pdfs):
    assert "tang_huaqing@chinaaseanenv.org" in pdf_text(seed_pdfs[2020, 2, "zh-hans"])
    assert "tang.huaqing@fecomee.org.cn" in pdf_text(seed_pdfs[2020, 5, "zh-hans"])


def bilingual_pieces(article: dict) -> list[str]:
    """Each Chinese text of an article directly followed by its English one."""
    pieces = []
    for name in ("kicker", "headline", "viewpoints_heading"):
        pieces += [plain(article.get(name, {}).get(code, "")) for code in ("zh-hans", "en")]
        if name == "headline":
            pieces += [
                paragraph
                for pair in zip(
                    article.get("body", {}).get("zh-hans", []),
                    article.get("body", {}).get("en", []),
                    strict=True,
                )
                for paragraph in pair
            ]
    pieces += [
        viewpoint["statement"][code]
        for viewpoint in article.get("viewpoints", [])
        for code in ("zh-hans", "en")
    ]
    return [piece for piece in pieces if piece]


def test_the_bilingual_edition_pairs_each_chinese_text_with_its_english_one(seed_pdfs):
    for key in ISSUE_KEYS:
        text = normalized(body_text(seed_pdfs[(*key, "bilingual")]))
        pieces = []
        for article in SEEDS[key]["articles"]:
            pieces += bilingual_pieces(article)
        assert_in_order(text, pieces)


@pytest.mark.parametrize("key", ISSUE_KEYS)
def test_the_bilingual_edition_prints_its_masthead_and_closing_blocks_once(seed_pdfs, key):
    text = normalized(body_text(seed_pdfs[(*key, "bilingual")]))
    about = ABOUTS[SEEDS[key]["about_block"]]["text"]

    assert text.count(f"{key[0]}年第{key[1]}期") == 1  # the masthead (running headers aside)
    assert text.count("Contactus") == 1
    assert text.count("联系我们Contactus") == 1
    assert text.count(normalized(about["zh-hans"])) == 1
    assert text.count(normalized(about["en"])) == 1
    assert_in_order(text, [normalized(about["zh-hans"]), normalized(about["en"])])


@pytest.mark.parametrize(
    ("edition", "footer", "header"),
    [
        ("zh-hans", "第{page}页，共{pages}页", "简报2020年第5期"),
        ("en", "Page{page}of{pages}", "BulletinNo.5,2020"),
    ],
)
def test_every_page_is_a4_with_running_header_and_page_x_of_y(seed_pdfs, edition, footer, header):
    content = seed_pdfs[2020, 5, edition]
    pages = reader(content).pages
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
        text = squeeze(pdf_text(content, page=number))
        assert footer.format(page=number, pages=len(pages)) in text
        if number > 1:
            assert header in text


def test_bookmarks_lead_to_each_article_and_the_contact_block(seed_pdfs):
    articles = SEEDS[2020, 2]["articles"]
    assert outline_titles(seed_pdfs[2020, 2, "zh-hans"]) == [
        *(article["headline"]["zh-hans"] for article in articles),
        "联系我们",
    ]
    assert outline_titles(seed_pdfs[2020, 2, "en"]) == [
        *(article["headline"]["en"] for article in articles),
        "Contact us",
    ]
    assert outline_titles(seed_pdfs[2020, 2, "bilingual"]) == [
        *(article["headline"][language] for article in articles for language in ("zh-hans", "en")),
        "联系我们 Contact us",
    ]


def test_headlines_break_where_the_editor_marked_them(seed_pdfs):
    # 2020/5's lead headline breaks at its colons, as printed; its bookmark is one line.
    headline = SEEDS[2020, 5]["articles"][0]["headline"]["zh-hans"]
    lines = [line.strip() for line in pdf_text(seed_pdfs[2020, 5, "zh-hans"], page=1).splitlines()]

    for line in headline.split("|"):
        assert line in lines, lines[:14]
    assert outline_titles(seed_pdfs[2020, 5, "zh-hans"])[0] == plain(headline)


@pytest.mark.parametrize(
    ("edition", "title", "lang"),
    [
        ("zh-hans", "简报 2020年第5期", "zh-hans"),
        ("en", "Bulletin No. 5, 2020", "en"),
        ("bilingual", "简报 2020年第5期 / Bulletin No. 5, 2020", "zh-hans"),
    ],
)
def test_document_metadata(seed_pdfs, edition, title, lang):
    pdf = reader(seed_pdfs[2020, 5, edition])
    assert pdf.metadata.title == title
    assert pdf.metadata.author == (
        "澜沧江-湄公河环境合作中心 Lancang-Mekong Environmental Cooperation Center"
    )
    assert pdf.trailer["/Root"]["/Lang"] == lang


def test_the_topics_are_the_keywords(seed_pdfs):
    keywords = reader(seed_pdfs[2020, 5, "zh-hans"]).metadata["/Keywords"].split(", ")
    assert "生物多样性" in keywords
    assert "红树林" in keywords


def test_links_are_live(seed_pdfs):
    uris = {
        annotation.get_object()["/A"]["/URI"]
        for page in reader(seed_pdfs[2020, 2, "zh-hans"]).pages
        for annotation in page.get("/Annots", [])
        if "/URI" in annotation.get_object().get("/A", {})
    }
    assert "http://127.0.0.1:8000/zh-hans/bulletins/2020/2/round-table-video-conference/" in uris
    assert "http://127.0.0.1:8000/zh-hans/partners/wwf/" in uris
    assert "mailto:tang_huaqing@chinaaseanenv.org" in uris
    assert "http://www.lmec.org.cn" in uris


@pytest.mark.parametrize("key", list(SEEDS))
def test_every_character_is_drawn_with_a_bundled_font(seed_pdfs, key):
    seed = SEEDS[key]
    for edition in ("zh-hans", "en", "bilingual"):
        content = seed_pdfs[(*key, edition)]
        languages = ("zh-hans", "en") if edition == "bilingual" else (edition,)
        text = "".join(
            piece
            for article in seed["articles"]
            for language in languages
            for piece in article_pieces(article, language)
        )
        assert undrawn_characters(content, re.sub(r"<[^>]+>|\|", "", text)) == set()
        assert all(name.startswith("LMEC-") for name in font_names(content)), font_names(content)
