"""What a page tells search engines and sharing apps: title, description, image, JSON-LD.

Every public view puts a ``PageMeta`` in its context as ``meta``; base.html turns it into
the <title>, the description, canonical and Open Graph / Twitter card tags, and the
schema.org JSON-LD block.
"""

import html
import re
from dataclasses import dataclass, field

from django.templatetags.static import static
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

DEFAULT_IMAGE = "img/og-default.png"
DESCRIPTION_CHARS = 140


@dataclass
class PageMeta:
    title: str
    description: str = ""
    image: str = ""
    type: str = "website"
    json_ld: dict | list | None = field(default=None)
    noindex: bool = False

    @property
    def image_url(self) -> str:
        return self.image or static(DEFAULT_IMAGE)


BLOCK_END = re.compile(r"(<br\s*/?>|</(?:p|h[1-6]|li|blockquote|div)>)", re.IGNORECASE)


def plain_text(value: str) -> str:
    """Rich text as plain text on one line; paragraphs stay apart ("economy. Since")."""
    text = strip_tags(BLOCK_END.sub(r"\1 ", value or ""))
    return " ".join(html.unescape(text).split())


def describe(text: str, chars: int = DESCRIPTION_CHARS) -> str:
    """A plain-text summary of (possibly HTML) ``text`` for meta descriptions, at most
    ``chars`` long with its ellipsis (written as it is in every language: Django's
    Truncator would ask for a translation of it that Lao and Burmese lack)."""
    text = plain_text(text)
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


# The end of a sentence: Chinese full stops and their kin end one wherever they stand; a
# Latin one needs a space after it (not "No. 5" or "3.5"), as do Burmese and Khmer ones.
SENTENCE_END = re.compile(
    r"[。！？](?![”’」』）])|[。！？][”’」』）]|(?<![A-Z][a-z])(?<!\b[A-Z])[.!?](?=\s)|[။។](?=\s|$)"
)


def first_sentence(text: str) -> str:
    """The first sentence of (possibly HTML) ``text``, as plain text."""
    text = plain_text(text)
    found = SENTENCE_END.search(text)
    return text[: found.end()].strip() if found else text


def site_description() -> str:
    return _(
        "Briefings of the Lancang-Mekong Environmental Cooperation Center: events, partners "
        "and experts' viewpoints on environmental cooperation in the Lancang-Mekong region."
    )


def publisher_json_ld(request) -> dict:
    """The center as schema.org Organization, publisher of every issue and article."""
    return {
        "@type": "Organization",
        "name": _("Lancang-Mekong Environmental Cooperation Center"),
        "alternateName": ["澜沧江-湄公河环境合作中心", "LMEC"],
        "url": "http://www.lmec.org.cn",
        "logo": request.build_absolute_uri(static(DEFAULT_IMAGE)),
    }
