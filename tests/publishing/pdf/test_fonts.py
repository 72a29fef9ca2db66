"""Every language we publish is drawn with a real glyph of a bundled font, never a box."""

import logging
from contextlib import suppress

import pytest

from bulletins.models import Bulletin
from publishing.pdf import document, fonts
from publishing.pdf.render import render_pdf
from publishing.pdf.services import render_edition_pdfs
from tests.factories import ArticleFactory, BulletinFactory, ViewpointFactory, frozen, publish
from tests.publishing.pdf.reading import font_names, pdf_text, squeeze, undrawn_characters

SAMPLES = {
    "th": {
        "kicker": "กิจกรรมสัปดาห์ล้านช้าง-แม่โขง 2563:",
        "headline": "การประชุมความร่วมมือด้านสิ่งแวดล้อมล้านช้าง-แม่โขงจัดขึ้นสำเร็จ",
        "body": "ผู้แทนกล่าวว่าลุ่มน้ำโขงตอนล่างกำลังเข้าสู่ฤดูแล้ง และประเทศต่าง ๆ เผชิญความท้าทายร่วมกัน",
        "statement": "ผู้แทนองค์การกองทุนสัตว์ป่าโลกเสนอให้เพิ่มการเจรจาและความร่วมมือ",
    },
    "lo": {
        "kicker": "ກິດຈະກຳອາທິດລ້ານຊ້າງ-ແມ່ຂອງ 2020:",
        "headline": "ກອງປະຊຸມການຮ່ວມມືດ້ານສິ່ງແວດລ້ອມລ້ານຊ້າງ-ແມ່ຂອງ",
        "body": "ຜູ້ຕາງໜ້າກ່າວວ່າແມ່ນ້ຳຂອງຕອນລຸ່ມກຳລັງເຂົ້າສູ່ລະດູແລ້ງ",
        "statement": "ຜູ້ຕາງໜ້າອົງການກອງທຶນສັດປ່າໂລກສະເໜີໃຫ້ເພີ່ມທະວີການຮ່ວມມື",
    },
    "km": {
        "kicker": "សកម្មភាពសប្តាហ៍ឡានឆាង-មេគង្គ ២០២០៖",
        "headline": "កិច្ចប្រជុំកិច្ចសហប្រតិបត្តិការបរិស្ថានឡានឆាង-មេគង្គ",
        "body": "តំណាងបាននិយាយថា ទន្លេមេគង្គក្រោមកំពុងឆ្លងកាត់រដូវប្រាំង",
        "statement": "តំណាងមូលនិធិសត្វព្រៃពិភពលោកស្នើឱ្យពង្រឹងកិច្ចសហប្រតិបត្តិការ",
    },
    "my": {
        "kicker": "၂၀၂၀ လန်ချန်း-မဲခေါင် ရက်သတ္တပတ် လှုပ်ရှားမှုများ -",
        "headline": "လန်ချန်း-မဲခေါင် ပတ်ဝန်းကျင် ပူးပေါင်းဆောင်ရွက်မှု အစည်းအဝေး",
        "body": "မဲခေါင်မြစ်အောက်ပိုင်းသည် ခြောက်သွေ့ရာသီသို့ ရောက်ရှိနေကြောင်း ကိုယ်စားလှယ်က ပြောကြားသည်",
        "statement": "ကမ္ဘာ့သဘာဝရန်ပုံငွေအဖွဲ့ ကိုယ်စားလှယ်က ပူးပေါင်းဆောင်ရွက်မှုကို အားဖြည့်ရန် တိုက်တွန်းသည်",
    },
    "vi": {
        "kicker": "Chuỗi sự kiện Tuần lễ Lan Thương – Mê Kông 2020:",
        "headline": "Hội nghị trực tuyến hợp tác môi trường Lan Thương – Mê Kông thành công",
        "body": "Đại diện cho biết hạ lưu sông Mê Kông đang vào mùa khô, các nước đối mặt với thách thức chung.",
        "statement": "Đại diện Quỹ Quốc tế Bảo vệ Thiên nhiên đề nghị tăng cường đối thoại và hợp tác.",
    },
}


def issue_in(language: str, **texts) -> Bulletin:
    """A published issue whose article and viewpoint are written in ``language``."""
    suffix = language.replace("-", "_")
    article = ArticleFactory(
        bulletin=BulletinFactory(),
        **{f"{field}_{suffix}": text for field, text in texts.items() if field != "statement"},
    )
    if texts.get("body"):
        setattr(article, f"body_{suffix}", f"<p>{texts['body']}</p>")
        article.save()
    ViewpointFactory(article=article, **{f"statement_{suffix}": texts["statement"]})
    return article.bulletin


def render(bulletin: Bulletin, edition: str) -> bytes:
    content = frozen(bulletin, ["zh-hans", "en", edition] if edition != "bilingual" else None)
    return render_pdf(document.build_html(content, edition)).content


@pytest.mark.parametrize("language", list(SAMPLES))
def test_each_mekong_language_is_drawn_with_its_bundled_font(db, language):
    texts = SAMPLES[language]
    bulletin = issue_in(language, **texts)
    assert language in frozen(bulletin)["languages"]

    content = render(bulletin, language)

    assert undrawn_characters(content, "".join(texts.values())) == set()
    assert all(name.startswith("LMEC-") for name in font_names(content)), font_names(content)
    script = {"th": "Thai", "lo": "Lao", "km": "Khmer", "my": "Myanmar", "vi": None}[language]
    if script:
        assert f"LMEC-Serif-{script}" in font_names(content)
        assert f"LMEC-Sans-{script}-Bold" in font_names(content)  # the headline


def test_pdftotext_reads_vietnamese_back(db):
    # Thai, Lao, Khmer and Burmese come out of pdftotext with their marks displaced, as
    # from most PDFs: their test above checks the glyphs instead.
    texts = SAMPLES["vi"]
    content = render(issue_in("vi", **texts), "vi")
    text = squeeze(pdf_text(content))
    for value in texts.values():
        assert squeeze(value) in text


def test_rare_chinese_characters_are_drawn(db):
    # 瀾 is only in Big5, 堃 and 喆 only in GBK; 赟 and 昇 appear in names.
    rare = "瀾滄江 王堃 陈喆 李赟 张昇"
    bulletin = issue_in("zh-hans", headline=rare, statement=rare)
    content = render(bulletin, "zh-hans")
    assert undrawn_characters(content, rare) == set()
    assert font_names(content) <= {"LMEC-Serif-CJK", "LMEC-Sans-CJK-Bold", "LMEC-Sans-Bold"}


def codec_characters(codec: str, lead: range, trail: range) -> set[str]:
    characters = set()
    for first in lead:
        for second in trail:
            with suppress(UnicodeDecodeError):
                characters.update(bytes([first, second]).decode(codec))
    return characters


def test_the_chinese_fonts_cover_gb2312_and_big5():
    gb2312 = codec_characters("gb2312", range(0xA1, 0xFF), range(0xA1, 0xFF))
    big5 = codec_characters("big5", range(0x81, 0xFF), range(0x40, 0xFF))
    assert len(gb2312) > 7000 and len(big5) > 13000
    assert fonts.missing_characters("".join(sorted(gb2312 | big5))) == []


def test_the_coverage_list_matches_the_fonts():
    assert fonts.read_cmaps() == fonts.covered_codepoints()


def test_a_character_no_font_has_is_caught(db, caplog, settings, tmp_path):
    # U+20BB7 𠮷 (a surname) is outside GBK and Big5: the check sees it is not drawn with
    # a bundled font, and the render warns in the log.
    bulletin = issue_in("zh-hans", headline="吉田𠮷野", statement="代表表示")
    content = render(bulletin, "zh-hans")
    assert "𠮷" in undrawn_characters(content, "吉田𠮷野") or not all(
        name.startswith("LMEC-") for name in font_names(content)
    )
    assert fonts.missing_characters("吉田𠮷野") == ["𠮷"]

    publish(bulletin)
    with caplog.at_level(logging.WARNING, logger="publishing.pdf.services"):
        render_edition_pdfs(bulletin.editions.get())
    assert "no bundled font has 𠮷" in caplog.text
