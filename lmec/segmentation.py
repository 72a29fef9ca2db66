"""Words in Thai, Lao, Khmer and Burmese, which are written without spaces between words.

ICU's word break iterator finds them with its dictionaries of these languages (the
``icu4py`` wheel bundles ICU and its dictionaries: nothing to install on the machine):
"ความร่วมมือด้านสิ่งแวดล้อม" → ความ, ร่วม, มือ, ด้าน, สิ่ง, แวดล้อม. Search indexes and
queries these words (publishing/search.py); PDFs get a line-break opportunity between
Lao, Khmer and Burmese words, since their renderer would break such a paragraph only at
spaces (it finds Thai words itself).

Chinese is segmented by jieba with the center's vocabulary in publishing/search.py,
which keeps more of the center's terms whole (README, "Search").
"""

import re
import unicodedata

from icu4py.breakers import WordBreaker

# The languages whose words this module finds, and their scripts.
SEGMENTED_LANGUAGES = ("th", "lo", "km", "my")
LAO_KHMER_MYANMAR = (
    "\u0e80-\u0eff"  # Lao
    "\u1780-\u17ff\u19e0-\u19ff"  # Khmer
    "\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f"  # Myanmar
)
UNSPACED_SCRIPT = re.compile(f"[\u0e00-\u0e7f{LAO_KHMER_MYANMAR}]")  # and Thai
# Pango, which lays out WeasyPrint's lines, breaks Thai between words by itself (libthai),
# not the others.
UNBROKEN_SCRIPT = re.compile(f"[{LAO_KHMER_MYANMAR}]")
ZERO_WIDTH_SPACE = "\u200b"
MAX_WORD = 200  # longer "words" are not words (PostgreSQL refuses lexemes past 2 kB)
# Text between tags (the document's <head> is left out); entities stay whole, since no
# unspaced script occurs in them.
TAG = re.compile(r"(<[^>]*>)")


def is_word(token: str) -> bool:
    return any(char.isalnum() for char in token)


def segments(text: str, language: str = "und") -> list[str]:
    """``text`` cut at every word boundary ICU finds, spaces and punctuation included.

    ICU chooses its dictionary by script, so a Lao word in a Thai text is still found;
    ``language`` only names the locale of the rules for everything else.
    """
    if not text:
        return []
    return list(WordBreaker(text, language))


def words(text: str, language: str = "und") -> list[str]:
    """The words of ``text`` in order, lower case; spaces and punctuation dropped."""
    found = []
    for token in segments(text, language):
        token = token.strip().lower()
        if token and is_word(token) and len(token) <= MAX_WORD:
            found.append(token)
    return found


def with_break_opportunities(text: str) -> str:
    """``text`` with a zero-width space between two adjacent words of Lao, Khmer or
    Burmese, where a line may break. Other text is returned as it is."""
    if not UNBROKEN_SCRIPT.search(text):
        return text
    pieces = segments(text)
    out = pieces[:1]
    for previous, piece in zip(pieces, pieces[1:], strict=False):
        if (
            UNBROKEN_SCRIPT.search(previous[-1])
            and UNBROKEN_SCRIPT.search(piece[0])
            and starts_a_syllable(piece)
        ):
            out.append(ZERO_WIDTH_SPACE)
        out.append(piece)
    return "".join(out)


# A Burmese consonant followed by the asat or the virama closes or stacks on the syllable
# before it (လန်ချ|န်း: ICU splits names it does not know there).
SYLLABLE_CLOSERS = ("\u103a", "\u1039")


def starts_a_syllable(piece: str) -> bool:
    """Whether a line may start with ``piece``: not a mark, not a closing consonant."""
    return not unicodedata.category(piece[0]).startswith("M") and (
        piece[1:2] not in SYLLABLE_CLOSERS
    )


def map_body_text(html: str, transform) -> str:
    """An HTML document with ``transform`` applied to each text between the tags of its
    body (tags, attributes and the <head> untouched)."""
    head_end = html.find("</head>")
    head, body = (html[:head_end], html[head_end:]) if head_end != -1 else ("", html)
    parts = TAG.split(body)
    # TAG.split puts the text between tags at even indexes.
    return head + "".join(
        part if index % 2 else transform(part) for index, part in enumerate(parts)
    )


def html_with_break_opportunities(html: str) -> str:
    """An HTML document whose body text has a break opportunity between words of Lao,
    Khmer and Burmese (tags and attributes untouched)."""
    return map_body_text(html, with_break_opportunities)
