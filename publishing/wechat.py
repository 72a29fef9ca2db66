"""An issue as a WeChat article: HTML to paste into the editor of a 公众号 (WeChat official
account).

That editor keeps what a pasted piece of HTML shows through inline styles only: it drops
``<style>`` elements, classes and scripts, and fetches images from their address (then
stores its own copy). So every element here carries its own ``style``, the article
bodies (rich text) get theirs added (``with_inline_styles``), and images are linked by
absolute address, the stored image itself (JPEG or PNG: the editor takes no WebP). Links
do not work in a WeChat article: the issue's address is written out at the end, for the
editor's "read the original" (阅读原文) setting.
"""

from html import escape
from html.parser import HTMLParser

from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from bulletins.models import Bulletin
from publishing import snapshot
from publishing.frozen import FrozenIssue
from publishing.models import Edition
from publishing.pdf.document import (
    CENTER_NAME_EN,
    CENTER_NAME_ZH,
    masthead,
    site_url,
    url_in,
    viewpoint_version,
)
from publishing.services import publication_state

INK = "#1b2a30"
TEXT = f"margin:0 0 14px 0; font-size:16px; line-height:1.8; color:{INK}; text-align:justify;"
# The style of each element rich text may hold (lmec/richtext.py).
BODY_STYLES = {
    "p": TEXT,
    "h3": f"margin:18px 0 10px 0; font-size:17px; font-weight:bold; color:{INK};",
    "h4": f"margin:16px 0 8px 0; font-size:16px; font-weight:bold; color:{INK};",
    "ul": "margin:0 0 14px 0; padding-left:24px;",
    "ol": "margin:0 0 14px 0; padding-left:24px;",
    "li": f"margin:0 0 6px 0; font-size:16px; line-height:1.8; color:{INK};",
    "blockquote": "margin:0 0 14px 0; padding:4px 12px; border-left:3px solid #d3dddc; "
    "color:#4b5b61;",
    "strong": "font-weight:bold;",
    "em": "font-style:italic;",
    "a": "color:#0b5563;",
}
KEPT_ATTRIBUTES = {"a": {"href"}}


class _InlineStyler(HTMLParser):
    def __init__(self, styles):
        super().__init__(convert_charrefs=False)
        self.styles, self.parts = styles, []

    def handle_starttag(self, tag, attrs):
        kept = [(name, value) for name, value in attrs if name in KEPT_ATTRIBUTES.get(tag, ())]
        if tag in self.styles:
            kept.append(("style", self.styles[tag]))
        rendered = "".join(f' {name}="{escape(value or "", quote=True)}"' for name, value in kept)
        self.parts.append(f"<{tag}{rendered}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.parts.append(f"</{tag}>")

    def handle_data(self, data):
        self.parts.append(escape(data, quote=False))

    def handle_entityref(self, name):
        self.parts.append(f"&{name};")

    def handle_charref(self, name):
        self.parts.append(f"&#{name};")


def with_inline_styles(html: str, styles=BODY_STYLES) -> str:
    """Sanitized rich text with each element's style written on it, classes dropped."""
    styler = _InlineStyler(styles)
    styler.feed(html or "")
    styler.close()
    return "".join(styler.parts)


def _absolute(url: str) -> str:
    return url if "://" in url else site_url(url)


def _article_version(article, language: str) -> dict:
    """One article's texts in one language, with the addresses of its page and partners."""
    issue = article.issue
    return {
        "lang": language,
        "url": url_in(
            language, "bulletins:article", year=issue.year, number=issue.number, slug=article.slug
        ),
        "kicker": article.text.kicker,
        "headline": article.text.headline,
        "body": article.text.body,
        "viewpoints_heading": article.text.viewpoints_heading,
        "viewpoints": [viewpoint_version(viewpoint, language) for viewpoint in article.viewpoints],
    }


def _closing(issue: FrozenIssue, language: str) -> dict:
    """The issue's contact and about blocks."""
    contact = issue.contact
    return {
        "lang": language,
        "organization_names": contact.organization_name_list,
        "address": contact.address,
        "postcode": contact.postcode,
        "phone": contact.phone,
        "fax": contact.fax,
        "emails": contact.emails,
        "website": contact.website,
        "wechat": contact.wechat,
        "about": issue.about,
    }


def _article(article, language: str) -> dict:
    version = _article_version(article, language)
    # Rebuilt tag by tag from sanitized rich text, text and attributes escaped.
    version["body_html"] = mark_safe(with_inline_styles(version["body"]))
    version["images"] = [
        {
            "src": _absolute(default_storage.url(image.name)),
            "alt": image.text.alt,
            "caption": " · ".join(
                str(text) for text in (image.text.caption, image.text.credit) if text
            ),
        }
        for image in article.images
        if image.name
    ]
    return version


def wechat_article(content: dict, language: str) -> str:
    """The issue's ``content`` (an edition's, or the records' frozen now) in ``language``,
    as HTML for the WeChat editor."""
    issue = FrozenIssue(content, language)
    head = masthead(issue, language)
    with translation.override(language):
        context = {
            "lang": language,
            "center_zh": CENTER_NAME_ZH,
            "center_en": CENTER_NAME_EN,
            "label": _("Bulletin %(label)s") % {"label": head["label"]},
            "date": head["date"],
            "summary": issue.summary,
            "articles": [_article(article, language) for article in issue.articles],
            "closing": _closing(issue, language),
            "issue_url": url_in(language, "bulletins:detail", year=issue.year, number=issue.number),
        }
        return render_to_string("publishing/wechat/article.html", context)


def issue_content(bulletin) -> dict:
    """What to export of an issue: its latest edition when the issue is as published,
    else its records as they are now (a draft, pending changes)."""
    tree = snapshot.issue_queryset(Bulletin.objects.filter(pk=bulletin.pk)).get()
    state = publication_state(tree, fingerprint=snapshot.fingerprint(tree))
    if tree.status == Bulletin.Status.PUBLISHED and state.latest and not state.pending:
        return Edition.objects.get(pk=state.latest.pk).content
    return snapshot.freeze(tree, snapshot.written_languages(tree))
