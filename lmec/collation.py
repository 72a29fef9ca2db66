"""Sorting names as readers of each language expect, without ICU collations (the embedded
PostgreSQL has none, and icu4py offers no collator).

Chinese sorts by pinyin (pypinyin), as Chinese directories do; Thai and Lao put a word's
leading vowel (เ, แ, โ, ใ, ไ / ເ, ແ, ໂ, ໃ, ໄ) after the consonant it is spoken after, as
their dictionaries do; every language compares letters without their accents first
(Vietnamese "Đ" beside "D"), then with them, then case.
"""

import re
import unicodedata

from pypinyin import Style, lazy_pinyin

LEADING_VOWEL = re.compile(r"([\u0e40-\u0e44\u0ec0-\u0ec4])(\S)")
STROKED = str.maketrans({"đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O"})


def _base_letters(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(STROKED))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def sort_key(text: str, language: str) -> tuple:
    """A key that sorts ``text`` among others in ``language``."""
    text = str(text).strip()
    if language == "zh-hans":
        spoken = " ".join(lazy_pinyin(text, style=Style.TONE3)).casefold()
        return (_base_letters(re.sub(r"\d", "", spoken)), spoken, text)
    if language in ("th", "lo"):
        text = LEADING_VOWEL.sub(r"\2\1", text)
    return (_base_letters(text), text.casefold(), text)
