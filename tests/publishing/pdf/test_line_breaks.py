"""Thai, Lao, Khmer and Burmese paragraphs, written without spaces between words, break
between words (lmec/segmentation.py) and stay inside the page's margins."""

import re
import subprocess

import pytest

from tests.publishing.pdf.test_fonts import issue_in, render

A4_WIDTH = 595.28  # points
SIDE_MARGIN = 20 / 25.4 * 72  # 20 mm, bulletin.css @page
TOLERANCE = 1.0

# Long paragraphs with no space at all: one run is far longer than a line.
UNSPACED = {
    "km": "មជ្ឈមណ្ឌលកិច្ចសហប្រតិបត្តិការបរិស្ថានមេគង្គ-ឡានឆាងបានរៀបចំកិច្ចប្រជុំស្តីពីការអភិរក្ស"
    "ព្រៃកោងកាងនិងជីវចម្រុះនៅក្នុងតំបន់ទន្លេមេគង្គ",
    "lo": "ສູນການຮ່ວມມືດ້ານສິ່ງແວດລ້ອມແມ່ຂອງ-ລ້ານຊ້າງໄດ້ຈັດກອງປະຊຸມກ່ຽວກັບການອະນຸລັກປ່າຊາຍເລນແລະຊີວະນາໆພັນໃນເຂດແມ່ນ້ຳຂອງ",
    "my": "မဲခေါင်-လန်ချန်းပတ်ဝန်းကျင်ဆိုင်ရာပူးပေါင်းဆောင်ရွက်မှုစင်တာသည်ဒီရေတောထိန်းသိမ်းရေးဆိုင်ရာအစည်းအဝေးကိုကျင်းပခဲ့သည်",
    "th": "ศูนย์ความร่วมมือด้านสิ่งแวดล้อมแม่โขง-ล้านช้างจัดการประชุมเรื่องการอนุรักษ์ป่าชายเลน"
    "และความหลากหลายทางชีวภาพในลุ่มแม่น้ำโขง",
}

WORD_BOX = re.compile(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">')


def word_boxes(content: bytes) -> list[tuple[float, float]]:
    """(left, right) of every word poppler finds on the pages, in points."""
    result = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=content, capture_output=True, check=True
    )
    return [(float(left), float(right)) for left, right in WORD_BOX.findall(result.stdout.decode())]


@pytest.mark.parametrize("language", list(UNSPACED))
def test_a_paragraph_without_spaces_stays_inside_the_margins(db, language):
    paragraph = UNSPACED[language] * 4
    bulletin = issue_in(language, headline="2021", body=paragraph, statement=paragraph)

    content = render(bulletin, language)

    boxes = word_boxes(content)
    assert len(boxes) > 20
    for left, right in boxes:
        assert left >= SIDE_MARGIN - TOLERANCE, (left, right)
        assert right <= A4_WIDTH - SIDE_MARGIN + TOLERANCE, (left, right)
