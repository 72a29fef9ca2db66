"""Words of Thai, Lao, Khmer and Burmese from ICU's dictionaries (lmec/segmentation.py)."""

import pytest

from lmec.segmentation import html_with_break_opportunities, with_break_opportunities, words

ZWSP = "\u200b"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ความร่วมมือด้านสิ่งแวดล้อม", ["ความ", "ร่วม", "มือ", "ด้าน", "สิ่ง", "แวดล้อม"]),
        ("ການຮ່ວມມືດ້ານສິ່ງແວດລ້ອມ", ["ການຮ່ວມ", "ມື", "ດ້ານ", "ສິ່ງແວດລ້ອມ"]),
        ("ការកិច្ចសហប្រតិបត្តិការបរិស្ថាន", ["ការកិច្ច", "សហប្រតិបត្តិ", "ការ", "បរិស្ថាន"]),
        (
            "ပတ်ဝန်းကျင်ဆိုင်ရာပူးပေါင်းဆောင်ရွက်မှု",
            ["ပတ်ဝန်းကျင်", "ဆိုင်ရာ", "ပူးပေါင်း", "ဆောင်ရွက်", "မှု"],
        ),
        ("WWF, ป่าชายเลน 2020.", ["wwf", "ป่า", "ชาย", "เลน", "2020"]),
    ],
)
def test_text_without_spaces_is_cut_into_words(text, expected):
    assert words(text) == expected


def test_lines_may_break_between_lao_khmer_and_burmese_words_only():
    assert with_break_opportunities("ការកិច្ចសហប្រតិបត្តិការ") == ZWSP.join(["ការកិច្ច", "សហប្រតិបត្តិ", "ការ"])
    # Not inside a Burmese syllable that ICU splits (လန်ချ|န်း), nor in Latin text.
    assert with_break_opportunities("လန်ချန်း") == "လန်" + ZWSP + "ချန်း"
    assert with_break_opportunities("Lancang-Mekong") == "Lancang-Mekong"
    # Pango breaks Thai itself.
    assert with_break_opportunities("ความร่วมมือ") == "ความร่วมมือ"


def test_only_the_text_of_an_html_body_gets_break_opportunities():
    html = (
        '<html><head><title>ການຮ່ວມມື</title></head><body><p title="ການຮ່ວມມື">'
        "ການຮ່ວມມື &amp; WWF</p></body></html>"
    )

    assert html_with_break_opportunities(html) == (
        '<html><head><title>ການຮ່ວມມື</title></head><body><p title="ການຮ່ວມມື">'
        f"ການຮ່ວມ{ZWSP}ມື &amp; WWF</p></body></html>"
    )
