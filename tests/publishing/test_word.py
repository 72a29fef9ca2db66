"""The Word export: the issue as the PDF prints it, in a document a ministry can edit."""

import io

import docx
import pytest

from bulletins.models import Bulletin
from editorial.demo.issues import ABOUT_BLOCKS, CONTACT_BLOCKS, ISSUES
from lmec.headlines import plain
from tests.factories import ArticleFactory, BulletinFactory

SEEDS = {(issue["year"], issue["number"]): issue for issue in ISSUES}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def export(client, bulletin, edition):
    response = client.get(f"/admin/bulletins/bulletin/{bulletin.pk}/docx/?edition={edition}")
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    return response, docx.Document(io.BytesIO(response.content))


def paragraphs(document, style=None):
    return [
        paragraph.text
        for paragraph in document.paragraphs
        if paragraph.text.strip() and (style is None or paragraph.style.name == style)
    ]


@pytest.mark.parametrize("key", list(SEEDS))
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_docx_holds_every_article_and_viewpoint_in_order(editor_client, demo, key, language):
    seed = SEEDS[key]
    bulletin = Bulletin.objects.get(year=key[0], number=key[1])

    response, document = export(editor_client, bulletin, language)

    assert response["Content-Disposition"] == (
        f'attachment; filename="LMEC-Bulletin-{key[0]}-{key[1]:02d}-{language}.docx"'
    )
    # A headline's lines as the editor broke them: in Chinese with nothing between them.
    joiner = "" if language == "zh-hans" else " "
    headings = [text.replace("\n", joiner) for text in paragraphs(document, "Heading 1")]
    assert headings[:-1] == [plain(article["headline"][language]) for article in seed["articles"]]
    assert paragraphs(document, "Quote") == [
        viewpoint["statement"][language]
        for article in seed["articles"]
        for viewpoint in article.get("viewpoints", [])
    ]
    text = "\n".join(paragraphs(document))
    contact = {block["key"]: block for block in CONTACT_BLOCKS}[seed["contact_block"]]
    about = {block["key"]: block for block in ABOUT_BLOCKS}[seed["about_block"]]
    assert contact["address"][language] in text
    for email in contact["emails"].split():
        assert email in text
    assert about["text"][language] in text
    assert headings[-1] == ("联系我们" if language == "zh-hans" else "Contact us")


def test_a_bilingual_docx_pairs_each_viewpoint_with_its_english_one(editor_client, demo):
    seed = SEEDS[2020, 2]
    bulletin = Bulletin.objects.get(year=2020, number=2)

    _response, document = export(editor_client, bulletin, "bilingual")

    assert paragraphs(document, "Quote") == [
        viewpoint["statement"][code]
        for article in seed["articles"]
        for viewpoint in article.get("viewpoints", [])
        for code in ("zh-hans", "en")
    ]


def test_a_draft_is_exported_as_it_is_now_and_marked(editor_client, db):
    bulletin = BulletinFactory(year=2021, number=4)
    ArticleFactory(bulletin=bulletin, headline_zh_hans="红树林|保护对话会", headline_en="")

    response, document = export(editor_client, bulletin, "zh-hans")

    assert response["Content-Disposition"].endswith('-2021-04-zh-hans-DRAFT.docx"')
    assert "草稿，未发布" in paragraphs(document)
    assert paragraphs(document, "Heading 1")[0] == "红树林\n保护对话会"  # the editor's break
    page = editor_client.get(f"/admin/bulletins/bulletin/{bulletin.pk}/change/").content.decode()
    assert "Export Word (.docx)" in page
    assert (
        editor_client.get(f"/admin/bulletins/bulletin/{bulletin.pk}/docx/?edition=en").status_code
        == 404
    )  # a Chinese-only draft has no English edition


@pytest.mark.parametrize(
    ("language", "signature", "named"),
    [
        ("zh-hans", "—— 世界自然基金会代表", "世界自然基金会"),
        ("en", "—— WWF representative", "WWF"),
    ],
)
def test_a_viewpoint_is_signed_as_on_the_page_naming_its_organization_once(
    editor_client, demo, language, signature, named
):
    """The one rule of publishing/frozen.py signs the Word export and the PDF alike."""
    from publishing.models import Edition
    from publishing.pdf.document import build_html

    bulletin = Bulletin.objects.get(year=2020, number=2)
    _response, document = export(editor_client, bulletin, language)
    printed = build_html(Edition.objects.get(year=2020, number=2).content, language)

    signatures = [text for text in paragraphs(document) if text.startswith("—— ")]
    assert signature in signatures
    assert [s for s in signatures if named in s] == [signature]
    assert printed.count(f'/partners/wwf/" lang="{language}">{signature[3:]}</a>') == 1


def test_a_named_speaker_is_signed_with_the_organization_once(editor_client, demo):
    bulletin = Bulletin.objects.get(year=2020, number=5)
    _response, document = export(editor_client, bulletin, "en")

    signatures = [text for text in paragraphs(document) if text.startswith("—— Kerstin")]
    assert signatures == [
        "—— Kerstin Brauneder, Technical Adviser, Wildlife Conservation Society (WCS)"
    ]
