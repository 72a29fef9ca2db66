"""Accessible, archival files: tagged PDF/UA-1 with the language of every element and the
alt text of every picture, text that copies as written (Thai, Khmer, Burmese included),
an archival PDF/A-3u copy; the QR codes of the issue's page and of the WeChat account."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from bulletins.models import ContactBlock
from publishing.models import Edition
from publishing.pdf.composition import compose
from tests.factories import frozen
from tests.publishing.pdf.reading import pdf_text, reader
from tests.publishing.pdf.test_fonts import SAMPLES, issue_in

pytestmark = pytest.mark.django_db


def structure(content: bytes) -> list[dict]:
    """Every element of the structure tree: its tag, language and alt text."""
    elements = []

    def walk(node):
        node = node.get_object()
        if not isinstance(node, dict):
            return
        if "/S" in node:
            elements.append({"tag": node["/S"], "lang": node.get("/Lang"), "alt": node.get("/Alt")})
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            walk(kid)

    walk(reader(content).trailer["/Root"]["/StructTreeRoot"])
    return elements


def xmp(content: bytes) -> str:
    return reader(content).trailer["/Root"]["/Metadata"].get_object().get_data().decode()


def test_the_pdf_is_tagged_pdf_ua_with_languages_and_alt_texts(seed_pdfs):
    content = seed_pdfs[2020, 5, "zh-hans"]
    root = reader(content).trailer["/Root"]
    elements = structure(content)

    assert root["/Lang"] == "zh-hans"
    assert root["/MarkInfo"]["/Marked"]
    assert 'pdfuaid:part="1"' in xmp(content)
    assert {"/H1", "/H2", "/P", "/Figure", "/BlockQuote"} <= {e["tag"] for e in elements}
    # The English line of the masthead and the English QR label say they are English.
    assert "en" in {e["lang"] for e in elements}
    qr = [e for e in elements if e["tag"] == "/Figure"]
    assert [e["alt"] for e in qr] == [
        "本期简报的网页二维码：http://127.0.0.1:8000/zh-hans/bulletins/2020/5/"
    ]


def test_the_bilingual_edition_marks_its_english_paragraphs(seed_pdfs):
    elements = structure(seed_pdfs[2020, 2, "bilingual"])
    paragraphs = [e["lang"] for e in elements if e["tag"] == "/P"]
    assert paragraphs.count("en") >= 5
    assert paragraphs.count("zh-hans") >= 5


def test_the_qr_code_links_to_the_issues_page_with_its_short_address(seed_pdfs):
    content = seed_pdfs[2020, 2, "en"]
    uris = {
        annotation.get_object()["/A"]["/URI"]
        for page in reader(content).pages
        for annotation in page.get("/Annots", [])
        if "/URI" in annotation.get_object().get("/A", {})
    }
    assert "http://127.0.0.1:8000/en/bulletins/2020/2/" in uris
    text = re.sub(r"\s+", "", pdf_text(content))
    assert "Readthisissueonline127.0.0.1:8000/en/bulletins/2020/2/" in text


@pytest.mark.parametrize("language", ["th", "km", "my", "lo"])
def test_copied_mekong_text_equals_the_source_text(db, language):
    texts = SAMPLES[language]
    content = compose(frozen(issue_in(language, **texts), ["zh-hans", "en", language]), language)

    text = pdf_text(content.content)

    for value in texts.values():
        assert value in text.replace("\n", "")
    assert "\u200b" not in text  # the line-break opportunities are not copied


def test_the_archival_copy_is_pdf_a_3u_and_tagged(demo, seed_pdfs):
    edition = Edition.objects.get(year=2020, number=2)
    content = compose(edition.content, "zh-hans", archival=True).content
    root = reader(content).trailer["/Root"]

    assert 'pdfaid:part="3"' in xmp(content)
    assert 'pdfaid:conformance="U"' in xmp(content)
    assert root["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFA1"
    assert "/StructTreeRoot" in root
    assert pdf_text(content) == pdf_text(seed_pdfs[2020, 2, "zh-hans"])


def test_the_wechat_qr_code_of_the_contact_block_is_printed(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    bulletin = issue_in("zh-hans", headline="澜湄环境合作", statement="代表表示")
    image = io.BytesIO()
    Image.new("RGB", (430, 430), (0, 0, 0)).save(image, "PNG")
    contact = bulletin.contact_block
    contact.wechat = "澜沧江-湄公河环境合作中心"
    contact.wechat_qr = SimpleUploadedFile("wechat.png", image.getvalue(), "image/png")
    contact.save()
    assert ContactBlock.objects.get(pk=contact.pk).wechat_qr

    content = compose(frozen(bulletin), "zh-hans").content

    alts = [e["alt"] for e in structure(content) if e["tag"] == "/Figure"]
    assert "微信公众号二维码" in alts
