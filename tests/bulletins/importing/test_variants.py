"""The seeds as they also come: untidy punctuation and dashes, Markdown, Word."""

import io

import docx
import pytest

from bulletins.models import Bulletin
from tests.bulletins.importing.helpers import (
    SEED_2,
    SEED_5,
    empty_the_database,
    import_text,
    issue_structure,
    seed_text,
)


def slug(organization):
    return organization.slug


def name(organization):
    return organization.name_zh_hans


def untidy(text: str) -> str:
    """The seed as another export would give it: other dashes and punctuation, stray
    spaces and blank lines, sentences broken across lines."""
    for printed, variant in [
        ("澜沧江-湄公河环境合作中心代表钱钊晖", "澜沧江——湄公河环境合作中心代表钱钊晖"),
        ("澜沧江-湄公河合作中国秘书处作为", "澜沧江–湄公河合作中国秘书处作为"),
        ("交流中心/澜沧江-湄公河环境合作中心、", "交流中心／澜沧江－湄公河环境合作中心、"),
        ("艾伦·麦克阿瑟基金会代表", "艾伦•麦克阿瑟基金会代表"),
        ("（以下简称澜湄环境合作中心）", "(以下简称澜湄环境合作中心)"),
        ("2020年7月30日，澜湄", "2020年7月30日, 澜湄"),
        ("技术顾问Kerstin Brauneder介绍了", "技术顾问 Kerstin Brauneder 介绍了"),
        ("邮编：", "邮编: "),
        ("电话：", "电话 :"),
        ("2020年第2期", " 2020 年第 2 期 "),
        ("2020年第5期", "2020年第五期"),
        # A sentence broken by the layout, and a paragraph left in two lines.
        ("应从疫情之危中看到合作之机，", "应从疫情之危中看到 \n  合作之机，"),
        ("澜湄国家同饮一江水，", "澜湄国家同饮\n一江水，"),
    ]:
        text = text.replace(printed, variant)
    return text.replace("\n\n", "\n\n\u3000\n\n")


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [SEED_2, SEED_5])
def test_untidy_text_finds_the_same_partners_and_keeps_its_own_spelling(demo, seed):
    expected = {
        (b.year, b.number): issue_structure(b, organization=slug) for b in Bulletin.objects.all()
    }
    Bulletin.objects.all().delete()

    bulletin = import_text(untidy(seed_text(seed)))

    imported = issue_structure(bulletin, organization=slug)
    demo = expected[bulletin.year, bulletin.number]
    assert [
        [(v["organization"], v["person"], v["speaker_title"]) for v in article["viewpoints"]]
        for article in imported["articles"]
    ] == [
        [(v["organization"], v["person"], v["speaker_title"]) for v in article["viewpoints"]]
        for article in demo["articles"]
    ]
    assert [article["event"] for article in imported["articles"]] == [
        article["event"] for article in demo["articles"]
    ]
    assert imported["contact"] == demo["contact"]
    statements = [v["statement"] for a in imported["articles"] for v in a["viewpoints"]]
    if seed == SEED_5:
        # Nothing is corrected: the printed dash stays.
        assert statements[2].startswith("澜沧江——湄公河环境合作中心代表钱钊晖介绍了")
    else:
        assert statements[0] == demo["articles"][1]["viewpoints"][0]["statement"]
        assert statements[7].startswith("艾伦•麦克阿瑟基金会代表")


@pytest.mark.django_db
def test_untidy_text_in_an_empty_database_proposes_each_organization_once():
    bulletin = import_text(untidy(seed_text(SEED_5)))

    forum = bulletin.articles.get().event
    assert [(role.organization.name_zh_hans, role.role) for role in forum.organizer_roles.all()][
        :5
    ] == [
        ("生态环境部", "guidance"),
        ("澜沧江–湄公河合作中国秘书处", "supporter"),
        ("生态环境部对外合作与交流中心", "co_host"),
        ("澜沧江－湄公河环境合作中心", "co_host"),
        ("云南省生态环境厅", "co_host"),
    ]
    # The viewpoint prints the center's name with another dash: the same new organization.
    lmec_viewpoint = bulletin.articles.get().viewpoints.all()[2]
    assert lmec_viewpoint.organization.name_zh_hans == "澜沧江－湄公河环境合作中心"
    assert forum.organizer_roles.filter(organization=lmec_viewpoint.organization).count() == 1


def markdown(text: str) -> str:
    """The seed as Markdown: headings, emphasised speakers, links."""
    for printed, marked in [
        ("主要专家观点如下：", "### 主要专家观点如下："),
        ("Kittiphan Taparugssanagorn围绕", "**Kittiphan Taparugssanagorn**围绕"),
        ("项目经理黄真女士", "项目经理*黄真*女士"),
        ("“泰国工业4.0”", "“泰国工业4\\.0”"),
        ("网址：http://www.lmec.org.cn", "网址：[http://www.lmec.org.cn](http://www.lmec.org.cn)"),
        ("联系我们", "## 联系我们"),
    ]:
        text = text.replace(printed, marked)
    return text


def word_document(text: str) -> bytes:
    """The seed as an editor would type it in Word: one paragraph per paragraph, headings
    in heading styles, a line break (Shift+Enter) inside a sentence, the contact details
    in a table."""
    document = docx.Document()
    blocks = [block.strip() for block in text.split("\n\n") if block.strip()]
    contact_at = blocks.index("联系我们")
    for block in blocks[:contact_at]:
        if block == "简报":
            document.add_heading(block, level=1)
        elif block.endswith("顺利举行") or block == "凝聚澜湄共识，加强环境合作":
            document.add_heading(block, level=2)
        elif "同饮一江水" in block:
            before, after = block.split("同饮", 1)
            paragraph = document.add_paragraph(before + "同饮")
            paragraph.add_run().add_break()
            paragraph.add_run(after)
        else:
            document.add_paragraph(block)
            document.add_paragraph("")
    document.add_paragraph(blocks[contact_at])
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    for index, line in enumerate(blocks[contact_at + 1].splitlines()):
        if index == 0:
            cell.paragraphs[0].text = line
        else:
            cell.add_paragraph(line)
    for block in blocks[contact_at + 2 :]:
        document.add_paragraph(block)
    data = io.BytesIO()
    document.save(data)
    return data.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("seed", "variant", "file_name"),
    [(SEED_5, markdown, "2020-5.md"), (SEED_2, word_document, "2020-2.docx")],
    ids=["markdown", "word"],
)
def test_markdown_and_word_read_like_the_plain_text(seed, variant, file_name):
    expected = issue_structure(import_text(seed_text(seed)), organization=name)
    empty_the_database()

    bulletin = import_text(variant(seed_text(seed)), file_name)

    assert issue_structure(bulletin, organization=name) == expected
