"""Tidying imported text, and the keys names are compared by.

Stored text stays as printed: Unicode NFC, with only whitespace tidied (stray spaces,
and the spaces a printed layout's line breaks leave between Chinese characters). Typos,
dashes and punctuation are kept. Matching is looser: ``name_key`` folds the variants
real text is full of, so "澜沧江—湄公河", "澜沧江 - 湄公河" and "澜沧江－湄公河" compare
equal, and so do "艾伦·麦克阿瑟" and "艾伦•麦克阿瑟".
"""

import re
import unicodedata

# Ideographs, CJK symbols and punctuation, full-width forms, and the curly quotes
# Chinese text uses. A space between two of them is never meant.
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u2018\u2019\u201c\u201d"
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}]) +(?=[{_CJK}])")
# Spaces of every width except the zero-width ones, which Thai, Khmer, Lao and Burmese
# use as invisible word breaks.
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
CJK_CHARACTER = re.compile(f"[{_CJK}]")

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"
SEPARATORS = "\u00b7\u2022\u2027\u2219\u22c5\u30fb\uff65\u0387"
QUOTES = "\"'\u2018\u2019\u201c\u201d\u300c\u300d\u300e\u300f\uff02\uff07"


def clean_text(text: str) -> str:
    """One line of text as it will be stored: NFC, single spaces, trimmed."""
    text = unicodedata.normalize("NFC", text).replace("\ufeff", "")
    text = _SPACES.sub(" ", text).strip()
    return _SPACE_BETWEEN_CJK.sub("", text)


def join_lines(lines: list[str]) -> str:
    """Join the lines of one paragraph, broken wherever the layout broke them.

    Chinese needs no space where a line was broken; Latin text does.
    """
    text = ""
    for line in (clean_text(line) for line in lines):
        if not line:
            continue
        if text and not (CJK_CHARACTER.match(text[-1]) and CJK_CHARACTER.match(line[0])):
            text += " "
        text += line
    return clean_text(text)


def _fold(character: str) -> str:
    if character in DASHES:
        return "-"
    if character in SEPARATORS or character in QUOTES or character.isspace():
        return ""
    return unicodedata.normalize("NFKC", character).casefold()


def name_key_with_positions(text: str) -> tuple[str, list[int]]:
    """``name_key(text)``, and for each of its characters the index it came from in ``text``."""
    key, positions = [], []
    for index, character in enumerate(text):
        folded = _fold(character)
        if folded == "-" and key and key[-1] == "-":
            continue  # "——" is one dash
        for part in folded:
            key.append(part)
            positions.append(index)
    return "".join(key), positions


def name_key(text: str) -> str:
    """What two spellings of a name must share to be the same name.

    Case, width (full-width or ASCII), spaces, quotes, name separators (· •) and the kind
    of dash are ignored; a doubled dash counts once.
    """
    return name_key_with_positions(unicodedata.normalize("NFC", text))[0]
