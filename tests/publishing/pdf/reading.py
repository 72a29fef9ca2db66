"""Reading PDFs back the way a reader's viewer would: text, outline, metadata, and which
characters the embedded fonts really draw."""

import io
import re
import subprocess
import unicodedata
from functools import cache

from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from publishing.pdf import fonts


def pdf_text(content: bytes, *, page: int | None = None) -> str:
    """The text poppler's pdftotext extracts, in reading order, pages separated by \\f."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *pages, "-", "-"],
        input=content,
        capture_output=True,
        check=True,
    )
    return result.stdout.decode()


MARGIN_LINE = re.compile(
    r"^(第 \d+ 页，共 \d+ 页|Page \d+ of \d+|(简报 .*期)?( / )?(Bulletin No\. \d+, \d+)?)$"
)


def body_text(content: bytes) -> str:
    """The text of the pages without their running header and footer ("Page 2 of 3")."""
    return "\n".join(
        line
        for page in pdf_text(content).split("\f")
        for line in page.splitlines()
        if not MARGIN_LINE.match(line.strip())
    )


def squeeze(text: str) -> str:
    """Text without white space: line breaks fall anywhere in Chinese."""
    return re.sub(r"\s+", "", text)


def reader(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))


def outline_titles(content: bytes) -> list[str]:
    def walk(items):
        for item in items:
            if isinstance(item, list):
                yield from walk(item)
            else:
                yield item.title

    return list(walk(reader(content).outline))


def to_unicode(font) -> dict[int, str]:
    """The font's ToUnicode CMap: glyph id → the text it stands for."""
    data = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    mapping = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.DOTALL):
        for code, text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", block):
            mapping[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.DOTALL):
        for start, end, text in re.findall(
            r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block
        ):
            first = bytes.fromhex(text).decode("utf-16-be")
            for offset, code in enumerate(range(int(start, 16), int(end, 16) + 1)):
                mapping[code] = first[:-1] + chr(ord(first[-1]) + offset)
    return mapping


def embedded_fonts(content: bytes) -> dict[str, tuple[TTFont, dict[int, str]]]:
    """Every embedded font: name → (font program, ToUnicode map)."""
    fonts = {}
    for page in reader(content).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            name = str(font["/BaseFont"])
            if name in fonts:
                continue
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            program = (descriptor.get("/FontFile2") or descriptor.get("/FontFile3")).get_object()
            fonts[name] = (TTFont(io.BytesIO(program.get_data())), to_unicode(font))
    return fonts


def drawn_characters(content: bytes) -> set[str]:
    """The characters some embedded font draws with a real glyph (not a box, not empty)."""
    drawn = set()
    for font, mapping in embedded_fonts(content).values():
        order, glyphs = font.getGlyphOrder(), font.getGlyphSet()
        for glyph_id, text in mapping.items():
            if glyph_id == 0 or glyph_id >= len(order) or set(text) <= drawn:
                continue  # .notdef (a box), no glyph at all, or nothing new
            pen = BoundsPen(glyphs)
            glyphs[order[glyph_id]].draw(pen)
            if pen.bounds is not None:
                drawn.update(text)
    return drawn


@cache
def family_cmap(family: str) -> frozenset[int]:
    """The code points the bundled fonts of ``family`` ("LMEC Serif Khmer") have glyphs for."""
    codepoints = set()
    for face in fonts.FACES:
        if face.family == family:
            with TTFont(fonts.FONT_DIR / face.file, lazy=True) as font:
                codepoints.update(font.getBestCmap())
    return frozenset(codepoints)


def embedded_family(name: str) -> str:
    """ "ABCDEF+LMEC-Sans-Khmer-Bold" → "LMEC Sans Khmer"."""
    name = name.lstrip("/").split("+", 1)[-1]
    return re.sub(r"-(Bold|Italic)$", "", re.sub(r"-(Bold|Italic)$", "", name)).replace("-", " ")


def undrawn_characters(content: bytes, text: str) -> set[str]:
    """The characters of ``text`` (white space aside) the PDF does not draw.

    A character is drawn when the ToUnicode map of an embedded font gives it to a glyph
    with an outline (not .notdef, not empty). Shaping makes two exceptions, as WeasyPrint
    maps each glyph once, to the text of the cluster where it first appears: a vowel sign
    or mark drawn inside a cluster (Khmer ៃ, Burmese ေ), or a vowel drawn as two glyphs
    (Thai ำ as ํ and า), may be named by no glyph. Those count as drawn when the bundled
    font of an embedded family has the character.
    """
    drawn = drawn_characters(content)
    embedded = {embedded_family(name) for name in embedded_fonts(content)}

    def is_drawn(char):
        if char in drawn:
            return True
        shaped = unicodedata.category(char) in ("Mn", "Mc") or (
            unicodedata.normalize("NFKD", char) != char
        )
        return shaped and any(ord(char) in family_cmap(family) for family in embedded)

    return {char for char in text if not char.isspace() and not is_drawn(char)}


def font_names(content: bytes) -> set[str]:
    """Embedded font names without the subset tag: "LMEC-Serif-CJK", …"""
    return {name.split("+", 1)[-1] for name in embedded_fonts(content)}


A4 = (595.28, 841.89)  # points
MM = 72 / 25.4


def page_images(content: bytes, *, dpi: int = 30) -> list:
    """Each page as a Pillow RGB image, as a viewer shows it."""
    import tempfile
    from pathlib import Path

    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-png", "-", f"{folder}/page"],
            input=content,
            check=True,
        )
        pages = []
        for path in sorted(Path(folder).glob("page-*.png"), key=lambda p: int(p.stem[5:])):
            with Image.open(path) as image:
                pages.append(image.convert("RGB"))
        return pages


def page_fills(content: bytes, *, top_mm=24, first_top_mm=16, bottom_mm=22) -> list[float]:
    """How far down its text area each page is printed (0 to 1): the lowest row with ink
    between the running header and the footer, as a share of the text area's height."""
    fills = []
    for number, image in enumerate(page_images(content), start=1):
        gray = image.convert("L")
        scale = image.height / A4[1]
        top = round(((first_top_mm if number == 1 else top_mm) * MM) * scale)
        bottom = round((A4[1] - bottom_mm * MM) * scale)
        inked = [
            row
            for row in range(top, bottom)
            if min(gray.getpixel((column, row)) for column in range(gray.width)) < 160
        ]
        fills.append((max(inked) - top) / (bottom - top) if inked else 0.0)
    return fills


def line_boxes(content: bytes) -> list[dict]:
    """Every line poppler finds, with its page, position (points) and text, in order."""
    result = subprocess.run(
        ["pdftotext", "-bbox-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    lines = []
    page = 0
    for chunk in re.split(r"(<page |<line )", result.stdout.decode()):
        if chunk == "<page ":
            page += 1
        elif chunk.startswith("xMin") and "<word" in chunk:
            box = re.match(
                r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', chunk
            )
            words = re.findall(r">([^<]*)</word>", chunk)
            lines.append(
                {
                    "page": page,
                    "left": float(box[1]),
                    "top": float(box[2]),
                    "right": float(box[3]),
                    "bottom": float(box[4]),
                    "text": " ".join(words),
                }
            )
    return lines
