"""Chinese set like the printed briefing.

- **Justified character by character**, first lines indented by two characters
  (bulletin.css, and patches.py for the inter-character justification WeasyPrint lacks).
- **Punctuation compressed** (标点挤压): a full-width mark takes a whole em, half of it
  blank. Where two meet (“不断线”，  。”  ）、  ：“), that blank would show as a gap of about
  half a character; as in print, the first of them is set half width when it is a closing
  mark or a stop, the second when both are opening marks. ``typeset()`` wraps that mark in
  ``<span class="halt">``, which asks the font for its half-width form (OpenType ``halt``,
  kept in the bundled Chinese fonts by scripts/build-pdf-fonts).
- **Kinsoku** (no line starts with a closing mark or stop, none ends with an opening one)
  is Pango's: nothing here adds a break opportunity.
"""

import re

from lmec.segmentation import map_body_text

CLOSING = "，。、；：！？）》」』】〕〉”’"
OPENING = "（《「『【〔〈“‘"
# A closing mark before another mark; an opening mark after an opening one.
MEETING = re.compile(f"[{CLOSING}](?=[{CLOSING}{OPENING}])|(?<=[{OPENING}])[{OPENING}]")
CHINESE_CHARACTER = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")


def compressed(text: str) -> str:
    """Text of a Chinese run with the marks that meet another one set half width."""
    if not CHINESE_CHARACTER.search(text):
        return text  # English text has curly quotes too: they are the Latin font's
    return MEETING.sub(lambda match: f'<span class="halt">{match.group()}</span>', text)


def typeset(html: str) -> str:
    """The document with its Chinese punctuation compressed (tags untouched)."""
    return map_body_text(html, compressed)
