"""The fonts PDFs are printed with, bundled in this folder, and what they cover.

Every font is a Noto font (SIL Open Font License 1.1, see OFL.txt), converted once by
`scripts/build-pdf-fonts` from the Debian packages fonts-noto-cjk and fonts-noto-core:
the Chinese ones are cut down to GBK and Big5 (every character of GB 2312 and Big5, and
all of CJK Unified Ideographs up to U+9FA5), the Latin ones to Latin with Vietnamese; the
Thai, Lao, Khmer and Burmese ones are copied whole. Plain OpenType/TrueType, no WOFF2:
WeasyPrint would decompress WOFF2 on every render.

The PDF stylesheet names the fonts by families of our own ("LMEC Serif CJK", …) so that
the fonts installed on a machine never replace them: every machine prints the same PDF.
"""

from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Face:
    family: str
    file: str
    weight: int = 400
    style: str = "normal"


# Text faces (serif, regular and bold) and heading faces (sans, bold), per script.
FACES = [
    Face("LMEC Serif", "NotoSerif-Regular.ttf"),
    Face("LMEC Serif", "NotoSerif-Bold.ttf", 700),
    Face("LMEC Serif", "NotoSerif-Italic.ttf", 400, "italic"),
    Face("LMEC Sans", "NotoSans-Bold.ttf", 700),
    Face("LMEC Serif CJK", "NotoSerifCJKsc-Regular.otf"),
    Face("LMEC Sans CJK", "NotoSansCJKsc-Bold.otf", 700),
    *(
        face
        for script in ("Thai", "Lao", "Khmer", "Myanmar")
        for face in (
            Face(f"LMEC Serif {script}", f"NotoSerif{script}-Regular.ttf"),
            Face(f"LMEC Serif {script}", f"NotoSerif{script}-Bold.ttf", 700),
            Face(f"LMEC Sans {script}", f"NotoSans{script}-Bold.ttf", 700),
        )
    ),
    # Last resort for the symbols of GB 2312 and Big5 the text fonts lack (∼ ≒).
    Face("LMEC Symbols", "NotoSansMath-Regular.ttf"),
]

SYMBOL_RANGES = [
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators
    (0x2300, 0x23FF),  # miscellaneous technical
    (0x25A0, 0x25FF),  # geometric shapes
]

SCRIPTS = ("Thai", "Lao", "Khmer", "Myanmar")


def stack(kind: str, *, chinese_first: bool) -> list[str]:
    """The font families for "Serif" or "Sans" text, in the order a character is looked up.

    Chinese text puts the CJK font first so that its punctuation (“”：，) is full width;
    other text puts the Latin font first so that English quotes and digits are not.
    """
    latin, cjk = f"LMEC {kind}", f"LMEC {kind} CJK"
    scripts = [f"LMEC {kind} {script}" for script in SCRIPTS]
    if chinese_first:
        return [cjk, latin, *scripts, "LMEC Symbols"]
    return [latin, *scripts, cjk, "LMEC Symbols"]


def chinese_characters() -> set[str]:
    """Every character of the GB 2312, GBK and Big5 encodings."""
    characters = set()
    for codec in ("gb2312", "gbk", "big5"):
        for lead in range(0x81, 0xFF):
            for trail in range(0x40, 0xFF):
                with suppress(UnicodeDecodeError):
                    characters.update(bytes([lead, trail]).decode(codec))
    return characters


LATIN_RANGES = [
    (0x0020, 0x024F),  # Basic Latin, Latin-1, Latin Extended-A and -B (Vietnamese ơ ư)
    (0x02B0, 0x02FF),  # spacing modifier letters (ˍ ˇ ˉ, in Big5)
    (0x0300, 0x036F),  # combining diacritics
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese ạ ế ữ …)
    (0x2000, 0x206F),  # general punctuation
    (0x20A0, 0x20CF),  # currency signs
    (0x2100, 0x214F),  # letterlike symbols (℃ № ™)
]


COVERAGE_FILE = FONT_DIR / "coverage.txt"


def read_cmaps() -> set[int]:
    """The code points the bundled fonts have a glyph for, read from the fonts (slow)."""
    from fontTools.ttLib import TTFont

    codepoints = set()
    for face in FACES:
        with TTFont(FONT_DIR / face.file, lazy=True) as font:
            codepoints.update(font.getBestCmap())
    return codepoints


def coverage_ranges(codepoints) -> list[tuple[int, int]]:
    ranges = []
    for code in sorted(codepoints):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return [tuple(pair) for pair in ranges]


def write_coverage() -> None:
    """Record what the fonts cover in coverage.txt (scripts/build-pdf-fonts calls it)."""
    lines = [f"{start:04X}-{end:04X}" for start, end in coverage_ranges(read_cmaps())]
    COVERAGE_FILE.write_text("\n".join(lines) + "\n")


@cache
def covered_codepoints() -> frozenset[int]:
    """The code points some bundled font has a glyph for, from coverage.txt (fast)."""
    codepoints = set()
    for line in COVERAGE_FILE.read_text().split():
        start, end = (int(part, 16) for part in line.split("-"))
        codepoints.update(range(start, end + 1))
    return frozenset(codepoints)


def missing_characters(text: str) -> list[str]:
    """The characters of ``text`` no bundled font can draw (white space aside)."""
    covered = covered_codepoints()
    return sorted({char for char in text if not char.isspace() and ord(char) not in covered})
