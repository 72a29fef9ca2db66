"""A headline an editor broke with "|" (lmec/headlines.py): broken on its pages, one line
in titles, feeds, search and meta tags; the importer keeps a headline's line breaks."""

import io
import json
import re

import docx
import pytest

from lmec import headlines
from tests.bulletins.importing.helpers import import_text

BROKEN = "澜湄流域绿色经济发展带：|生物多样性与可持续基础设施圆桌对话平行论坛二："
ONE_LINE = "澜湄流域绿色经济发展带：生物多样性与可持续基础设施圆桌对话平行论坛二："
ISSUE = "/zh-hans/bulletins/2020/5/"
ARTICLE = ISSUE + "parallel-forum-2-sustainable-infrastructure/"


@pytest.mark.parametrize(
    ("marked", "one_line", "lines"),
    [
        ("论坛二：|澜湄可持续", "论坛二：澜湄可持续", ["论坛二：", "澜湄可持续"]),
        ("论坛二：｜ 澜湄", "论坛二：澜湄", ["论坛二：", "澜湄"]),  # a Chinese input method's ｜
        ("Belt: | Parallel Forum 2", "Belt: Parallel Forum 2", ["Belt:", "Parallel Forum 2"]),
        ("Belt:|Forum", "Belt: Forum", ["Belt:", "Forum"]),
        ("ការប្រជុំ|បរិស្ថាន", "ការប្រជុំបរិស្ថាន", ["ការប្រជុំ", "បរិស្ថាន"]),
        ("No break", "No break", ["No break"]),
    ],
)
def test_a_marked_headline_as_lines_and_as_one_line(marked, one_line, lines):
    assert headlines.plain(marked) == one_line
    assert headlines.lines(marked) == lines


def test_the_issue_and_article_pages_break_the_headline_where_marked(client, demo):
    for url in (ISSUE, ARTICLE):
        html = client.get(url).content.decode()
        assert (
            "澜湄流域绿色经济发展带：<br>生物多样性与可持续基础设施圆桌对话平行论坛二：<br>" in html
        )
        assert "|" not in re.sub(r"<script.*?</script>", "", html, flags=re.DOTALL)


def test_titles_meta_and_structured_data_show_the_headline_as_one_line(client, demo):
    html = client.get(ARTICLE).content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.DOTALL)[1]
    assert ONE_LINE in title
    assert f'content="{ONE_LINE}' in html  # Open Graph and description
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)[1]
    )
    assert "|" not in json.dumps(data, ensure_ascii=False)


def test_feeds_and_search_show_the_headline_as_one_line(client, demo):
    feed = client.get("/zh-hans/feeds/rss/").content.decode()
    assert ONE_LINE in feed
    assert "|" not in feed
    results = client.get("/zh-hans/search/?q=平行论坛").content.decode()
    assert ONE_LINE in re.sub(r"</?mark>", "", results)
    assert "发展带：|" not in results


def test_a_headline_broken_in_word_is_imported_with_its_break(db):
    # Shift+Enter in a Word heading: the editor's line break becomes the "|".
    from tests.bulletins.importing.helpers import SEED_2, seed_text
    from tests.bulletins.importing.test_variants import word_document

    text = seed_text(SEED_2)
    document = docx.Document(io.BytesIO(word_document(text)))
    for paragraph in document.paragraphs:
        if paragraph.text == "凝聚澜湄共识，加强环境合作":
            paragraph.text = "凝聚澜湄共识，"
            paragraph.add_run().add_break()
            paragraph.add_run("加强环境合作")
    data = io.BytesIO()
    document.save(data)

    bulletin = import_text(data.getvalue(), "2020-2.docx")

    assert bulletin.articles.get(position=2).headline == "凝聚澜湄共识，|加强环境合作"


def test_a_headline_copied_from_the_printed_briefing_breaks_at_its_colons(db):
    # The printed 2020/5 broke its headline at its colons and inside its phrases; copied
    # text keeps a space at each break. Those after a colon become the editor's "|".
    from tests.bulletins.importing.helpers import SEED_5, seed_text

    bulletin = import_text(seed_text(SEED_5), "2020-5.txt")

    article = bulletin.articles.get(position=1)
    assert article.headline == (
        "澜湄流域绿色经济发展带：|生物多样性与可持续基础设施圆桌对话平行论坛二：|"
        "澜湄可持续基础设施与生态系统管理实践分享顺利召开"
    )
    assert headlines.plain(article.headline) == (
        "澜湄流域绿色经济发展带：生物多样性与可持续基础设施圆桌对话平行论坛二："
        "澜湄可持续基础设施与生态系统管理实践分享顺利召开"
    )
