"""Line breaks an editor chooses in a headline.

A headline field may hold "|" (or the full-width "｜" a Chinese input method types) where
its printed and shown lines should break: "澜湄流域绿色经济发展带：|生物多样性与可持续基础设施
圆桌对话平行论坛二：|澜湄可持续基础设施与生态系统管理实践分享顺利召开". Pages and PDFs show
``lines()`` one under the other; everything else (titles, feeds, search, meta tags,
bookmarks, the admin) shows ``plain()``, the headline as one line: the marker gone, and a
space in its place only where the language puts spaces between words.
"""

import re
import unicodedata

from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from lmec.segmentation import UNSPACED_SCRIPT

MARKERS = "|｜"
MARKER = re.compile(r"(\s*)[|｜](\s*)")


def _is_wide(char: str) -> bool:
    """Chinese characters and full-width punctuation: never a space beside them."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def _joiner(before: str, after: str, spaced: bool) -> str:
    if not before or not after or _is_wide(before) or _is_wide(after):
        return ""
    if spaced:
        return " "
    # Thai, Lao, Khmer and Burmese write words together; Latin letters need a space.
    return "" if UNSPACED_SCRIPT.match(before) or UNSPACED_SCRIPT.match(after) else " "


def has_breaks(text: str) -> bool:
    return any(marker in text for marker in MARKERS)


def plain(text: str) -> str:
    """The headline as one line: "Forum 2:|Dialogue" → "Forum 2: Dialogue", "论坛：|对话" →
    "论坛：对话"."""
    if not text or not has_breaks(text):
        return text

    def join(match):
        before = match.string[: match.start()].rstrip()[-1:]
        after = match.string[match.end() :].lstrip()[:1]
        return _joiner(before, after, bool(match.group(1) or match.group(2)))

    return MARKER.sub(join, text).strip()


def plain_texts(texts: dict) -> dict:
    """``{language: headline}`` as one line each."""
    return {code: plain(text) for code, text in texts.items()}


def lines(text: str) -> list[str]:
    """The lines the editor asked for, without empty ones."""
    return [line.strip() for line in re.split(f"[{MARKERS}]", text or "") if line.strip()]


def as_html(text: str):
    """The headline's lines, escaped, with a line break between them."""
    return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines(text)))
