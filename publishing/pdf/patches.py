"""Three small additions to WeasyPrint, applied by render.py when it imports it.

Pinned: written for WeasyPrint 70 (pyproject.toml keeps it below 71). Each wraps one
function or method and calls the original; tests/publishing/pdf/test_typesetting.py fails
if an upgrade changes what they rely on. Proposed upstream as ``text-justify:
inter-character`` and ActualText for shaped text.

1. **Chinese justified character by character.** WeasyPrint justifies a line by stretching
   its spaces only. A Chinese line has none (it stayed ragged), or one between two Latin
   names, which took the whole stretch ("Kerstin        Brauneder"). In text whose
   ``lang`` is Chinese, every Chinese character and full-width mark now takes an equal
   share of the stretch, as the printed briefing is set (CSS ``text-justify:
   inter-character``). Pango adds letter spacing half before, half after a character, and
   only half at either end of a text run, so characters at the ends get twice the share:
   the first character of a line stays on the margin and the last one ends on it.

2. **Copied text equals the source text.** WeasyPrint maps each glyph of a font to the
   text it first drew. Thai, Lao, Khmer and Burmese glyphs are reordered and combined by
   shaping (a Burmese ေ is drawn before the consonant it follows), so a glyph met again in
   another cluster was copied as the wrong letters, and the zero-width spaces that let
   lines break between Lao, Khmer and Burmese words (lmec/segmentation.py) were copied
   too. In tagged PDFs every text span of these scripts now carries its text as
   ``/ActualText`` (ISO 32000-1, 14.9.4), which readers, screen readers and ``pdftotext``
   copy instead of the glyphs' mapping, without those zero-width spaces.

3. **The language of each element.** A tagged PDF names the document's language; an
   element in another one (the English line under the Chinese masthead, an untranslated
   article, a bilingual edition's English paragraphs) must say its own, or a screen
   reader reads English with a Chinese voice (PDF/UA-1, 7.2). Each element of the
   structure tree made from an HTML element with a ``lang`` gets it as ``/Lang``.
"""

import re

from lmec.segmentation import UNSPACED_SCRIPT, ZERO_WIDTH_SPACE

# Characters that share the stretch of a justified Chinese line: CJK ideographs and
# radicals, Chinese punctuation, full-width forms, and the curly quotes the Chinese font
# draws full width.
CHINESE = re.compile(
    "[\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u2018\u2019\u201c\u201d]"
)


def is_chinese(style) -> bool:
    return (style["lang"] or "").lower().startswith("zh")


def chinese_count(text: str) -> int:
    return len(CHINESE.findall(text))


def apply(weasyprint) -> None:
    """Patch the WeasyPrint module just imported (once per process)."""
    if getattr(weasyprint, "_lmec_patched", False):
        return
    _justify_chinese(weasyprint)
    _actual_text(weasyprint)
    _element_languages(weasyprint)
    weasyprint._lmec_patched = True


def _justify_chinese(weasyprint) -> None:
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout import inline
    from weasyprint.text import line_break
    from weasyprint.text.ffi import pango

    count_spaces = inline.count_expandable_spaces

    def count_expandable_spaces(box):
        count = count_spaces(box)
        if isinstance(box, boxes.TextBox) and is_chinese(box.style):
            count += chinese_count(box.text)
        return count

    inline.count_expandable_spaces = count_expandable_spaces

    set_text = line_break.Layout.set_text

    def set_text_justified(self, text, justify=False):
        set_text(self, text, justify)
        if not (justify and self.justification_spacing and is_chinese(self.style)):
            return
        encoded = self.text.encode()
        matches = list(CHINESE.finditer(self.text))
        if not matches:
            return
        attributes = pango.pango_layout_get_attributes(self.layout)
        if attributes == line_break.ffi.NULL:
            attributes = line_break.ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
        spacing = int(self.justification_spacing * line_break.TO_UNITS)
        last = len(encoded)
        for match in matches:
            start = len(self.text[: match.start()].encode())
            end = start + len(match.group().encode())
            attribute = pango.pango_attr_letter_spacing_new(
                spacing * (2 if start == 0 or end == last else 1)
            )
            attribute.start_index, attribute.end_index = start, end
            pango.pango_attr_list_change(attributes, attribute)
        pango.pango_layout_set_attributes(self.layout, attributes)

    line_break.Layout.set_text = set_text_justified


def actual_text(text: str) -> str | None:
    """The text a span of shaped script copies as, or None when its glyphs say it."""
    if not UNSPACED_SCRIPT.search(text) and ZERO_WIDTH_SPACE not in text:
        return None
    return text.replace(ZERO_WIDTH_SPACE, "")


def _actual_text(weasyprint) -> None:
    import pydyf
    from weasyprint.formatting_structure import boxes
    from weasyprint.pdf import stream

    marked = stream.Stream.marked
    begin_marked_content = pydyf.Stream.begin_marked_content

    def marked_with_box(self, box, tag):
        self._lmec_box = box if isinstance(box, boxes.TextBox) else None
        return marked(self, box, tag)

    def begin_with_actual_text(self, tag, property_list=None):
        # WeasyPrint's marked() builds the property list and writes it at once, through
        # pydyf; only its streams have a _lmec_box.
        box = getattr(self, "_lmec_box", None)
        if box is not None and tag == "Span" and property_list is not None:
            text = actual_text(box.text)
            if text is not None:
                property_list["ActualText"] = pydyf.String(text)
        begin_marked_content(self, tag, property_list)

    stream.Stream.marked = marked_with_box
    pydyf.Stream.begin_marked_content = begin_with_actual_text


def _element_languages(weasyprint) -> None:
    import pydyf
    from weasyprint.pdf import tags

    build_box_tree = tags._build_box_tree

    def build_with_languages(box, parent, pdf, *args):
        own = box.element is not None and box.element_tag not in ("html", "body")
        lang = box.element.get("lang") if own else None
        for element in build_box_tree(box, parent, pdf, *args):
            # Each call makes the element of its own box (html and body make none and
            # pass their children's on).
            if lang and "Lang" not in element:
                element["Lang"] = pydyf.String(lang)
            yield element

    tags._build_box_tree = build_with_languages
