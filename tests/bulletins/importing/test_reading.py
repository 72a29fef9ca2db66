"""Files are accepted by what they contain; anything else is refused with a reason."""

import io
import re
import zipfile

import docx
import pytest

from bulletins.importing import ImportFailed, read_source
from bulletins.importing.normalize import clean_text, join_lines, name_key
from tests.bulletins.importing.helpers import SEED_2


def texts(source):
    return [block.text for block in source.blocks()]


@pytest.mark.parametrize(
    "data",
    [
        "2020年第2期\n".encode(),
        b"\xef\xbb\xbf" + "2020年第2期\n".encode(),
        "2020年第2期\n".encode("utf-16"),
        "2020年第2期\n".encode("gb18030"),
    ],
    ids=["utf-8", "utf-8 with BOM", "utf-16", "gb18030"],
)
def test_text_is_read_in_the_encodings_chinese_files_come_in(data):
    assert texts(read_source("issue.txt", data)) == ["2020年第2期"]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("issue.pdf", b"%PDF-1.7", "only text (.txt), Markdown (.md) and Word (.docx)"),
        ("issue.txt", b"%PDF-1.7\n%\xe2\xe3", "is a PDF file"),
        ("issue.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "is an old Word .doc file"),
        ("issue.docx", "2020年第2期".encode(), "is not a Word (.docx) document"),
        ("issue.md", b"\x89PNG\r\n\x1a\n", "is an image"),
        ("issue.txt", b"2020\x00\x01\x02", "contains binary data"),
        ("issue.txt", b"   \n\n", "is empty"),
        ("issue.txt", b"\xff\xfe\xfd\xfc\x80", "not text in a known encoding"),
    ],
)
def test_files_that_are_not_briefings_are_refused_with_the_reason(name, data, message):
    with pytest.raises(ImportFailed, match=re.escape(message)):
        read_source(name, data)


def test_a_damaged_utf8_file_is_refused_at_its_line_rather_than_misread():
    data = "简报\n\n2020年第2期\n".encode() + "2020年3月27日".encode()[:-1] + b"\n"

    with pytest.raises(ImportFailed) as error:
        read_source("issue.txt", data)

    assert error.value.message.startswith("line 4: ")


def test_a_word_document_named_txt_is_refused():
    document = io.BytesIO()
    docx.Document().save(document)

    with pytest.raises(ImportFailed, match="is a Word document or another archive"):
        read_source("issue.txt", document.getvalue())


def test_a_zip_that_is_not_a_word_document_is_refused():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("content.xml", "<xml/>")

    with pytest.raises(ImportFailed, match="is not a Word"):
        read_source("issue.docx", archive.getvalue())


def test_files_over_the_size_limit_are_refused(settings):
    settings.LMEC_MAX_IMPORT_UPLOAD_BYTES = 1000

    with pytest.raises(ImportFailed, match="is larger than"):
        read_source(SEED_2.name, SEED_2.read_bytes())


def test_markdown_markers_are_removed_and_the_text_kept():
    markdown = (
        "# 简报\n\n"
        "**乐施会代表**表示，*应当*加强合作，\\*不是强调\\*。\n"
        "见[网站](http://www.lmec.org.cn)与<http://www.lmec.org.cn>。\n\n"
        "> - 电子邮箱：tang_huaqing@chinaaseanenv.org\n\n"
        "标题\n"
        "---\n"
    )

    source = read_source("issue.md", markdown.encode())

    assert [(block.heading, block.text) for block in source.blocks()] == [
        (1, "简报"),
        (
            0,
            "乐施会代表表示，应当加强合作，*不是强调*。见网站与http://www.lmec.org.cn。",
        ),
        (0, "电子邮箱：tang_huaqing@chinaaseanenv.org"),
        (2, "标题"),
    ]


def test_a_word_document_gives_its_paragraphs_headings_and_tables_in_order():
    document = docx.Document()
    document.add_heading("简报", level=1)
    paragraph = document.add_paragraph("澜湄国家同饮")
    paragraph.add_run().add_break()
    paragraph.add_run("一江水。")
    document.add_paragraph("")
    document.add_table(rows=1, cols=1).cell(0, 0).text = "联系我们"
    data = io.BytesIO()
    document.save(data)

    source = read_source("issue.docx", data.getvalue())

    assert [(block.line, block.heading, block.text) for block in source.blocks()] == [
        (1, 1, "简报"),
        (2, 0, "澜湄国家同饮一江水。"),
        (4, 0, "联系我们"),
    ]
    assert source.unit == "paragraph"


def test_stray_spaces_go_and_line_breaks_inside_chinese_leave_no_space():
    assert clean_text("\u3000 澜湄流域绿色经济发展带： 生物多样性  与\u00a0可持续 ") == (
        "澜湄流域绿色经济发展带：生物多样性与可持续"
    )
    assert clean_text("澜沧江 - 湄公河生态环境合作") == "澜沧江 - 湄公河生态环境合作"
    assert clean_text("北京市西城区后英房胡同 5 号") == "北京市西城区后英房胡同 5 号"
    assert join_lines(["技术顾问Kerstin", "Brauneder介绍了野生", "生物保护学会"]) == (
        "技术顾问Kerstin Brauneder介绍了野生生物保护学会"
    )


@pytest.mark.parametrize(
    "spelling",
    [
        "澜沧江-湄公河环境合作中心",
        "澜沧江–湄公河环境合作中心",
        "澜沧江—湄公河环境合作中心",
        "澜沧江——湄公河环境合作中心",
        "澜沧江－湄公河环境合作中心",
        "澜沧江 - 湄公河环境合作中心",
    ],
)
def test_every_dash_between_lancang_and_mekong_makes_the_same_name(spelling):
    assert name_key(spelling) == name_key("澜沧江-湄公河环境合作中心")


def test_name_separators_width_and_case_make_the_same_name():
    assert name_key("艾伦•麦克阿瑟基金会") == name_key("艾伦·麦克阿瑟基金会")
    assert name_key("ＷＷＦ") == name_key("wwf")
    assert name_key("生态环境部（中国）") == name_key("生态环境部(中国)")
