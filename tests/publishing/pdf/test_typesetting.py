"""Chinese set like the printed briefing, in both seeds: justified by character, meeting
punctuation compressed, no line starting with a closing mark (publishing/pdf/chinese.py,
patches.py)."""

import re

import pytest

from publishing.pdf import chinese
from publishing.pdf.composition import compose
from tests.factories import ArticleFactory, BulletinFactory, frozen
from tests.publishing.pdf.reading import A4, MM, line_boxes, pdf_text

pytestmark = pytest.mark.django_db  # the seeds are rendered in the test database

LEFT, RIGHT = 20 * MM, A4[0] - 20 * MM  # bulletin.css @page margins
EM = 10.5  # points: the body text's size
CHINESE = re.compile("[\u4e00-\u9fff]")
CLOSING = "，。、；：！？）》」』】”’"
EDITIONS = [(number, edition) for number in (2, 5) for edition in ("zh-hans", "bilingual")]


@pytest.mark.parametrize(("number", "edition"), EDITIONS)
def test_no_line_starts_with_closing_punctuation(seed_pdfs, number, edition):
    lines = [line.strip() for line in pdf_text(seed_pdfs[2020, number, edition]).splitlines()]
    assert [line for line in lines if line and line[0] in CLOSING] == []


def body_lines(content: bytes) -> list[dict]:
    """The lines of Chinese paragraphs: in the body's size, starting at the margin or two
    characters in."""
    return [
        line
        for line in line_boxes(content)
        if CHINESE.search(line["text"])
        and LEFT - 1 <= line["left"] <= LEFT + 2 * EM + 1
        and line["bottom"] - line["top"] > 1.4 * EM  # not the contact block's 9.5 pt
    ]


def full_lines(content: bytes) -> list[dict]:
    """Lines followed by another line of the same paragraph: the next one starts at the
    margin (a new paragraph is indented) one line height (1.8 em) below."""
    lines = body_lines(content)
    return [
        line
        for line, following in zip(lines, lines[1:], strict=False)
        if following["page"] == line["page"]
        and abs(following["left"] - LEFT) < 1
        and 0 < following["top"] - line["top"] < 2 * EM
    ]


@pytest.mark.parametrize(("number", "edition"), EDITIONS)
def test_chinese_paragraphs_are_justified_to_both_margins(seed_pdfs, number, edition):
    lines = full_lines(seed_pdfs[2020, number, edition])
    assert len(lines) > 15
    ragged = [line["text"][-12:] for line in lines if abs(line["right"] - RIGHT) > 1.5]
    # A line a Latin name or a number cannot split may stay short; in print too.
    assert len(ragged) <= len(lines) // 20, ragged


def test_a_chinese_line_with_one_latin_name_is_not_torn_apart(seed_pdfs):
    # WeasyPrint alone stretched the one space of such a line to the full width.
    text = pdf_text(seed_pdfs[2020, 5, "zh-hans"])
    assert "Kittiphan Taparugssanagorn" in text
    assert "Kerstin Brauneder" in text


def test_punctuation_that_meets_is_set_half_width(db):
    # “不断线”， : the closing quote before the comma loses its blank half.
    article = ArticleFactory(
        bulletin=BulletinFactory(),
        body_zh_hans="<p>不断线不断线不断线</p><p>“不断线”，不断线</p>",
    )
    lines = {
        line["text"]: line
        for line in line_boxes(compose(frozen(article.bulletin), "zh-hans").content)
    }
    plain, compressed = lines["不断线不断线不断线"], lines["“不断线”，不断线"]
    # Same number of characters (9) and of ems, but for the half em saved.
    assert compressed["right"] - compressed["left"] == pytest.approx(
        plain["right"] - plain["left"] - EM / 2, abs=1
    )


def test_compression_keeps_the_text_and_leaves_english_alone():
    assert chinese.compressed("“不断线”，继续。”") == (
        '“不断线<span class="halt">”</span>，继续<span class="halt">。</span>”'
    )
    assert chinese.compressed("（《环境》）") == (
        '（<span class="halt">《</span>环境<span class="halt">》</span>）'
    )
    assert chinese.compressed("the “Lancang-Mekong Week’”") == "the “Lancang-Mekong Week’”"
