"""The HTML a PDF is printed from: an edition's frozen content, in one language or two.

A PDF edition is a content language ("zh-hans", "en", "th", …) or ``BILINGUAL``. It prints
the same document as the web pages (publishing/frozen.py): each text in the edition's
language, or, where a translation is missing, in the next language of
``lmec.localized.fallback_chain`` that has it, always marked with its ``lang``; an article
printed in another language than the edition's says so. Labels and dates are in the
edition's language.

The bilingual edition interleaves: each Chinese paragraph, headline or viewpoint is
directly followed by its English counterpart (docs/pdfs.md says why not two columns), and
the masthead and closing blocks are printed once, in both languages. A text with no English
of its own is printed once, in Chinese.

An article is a *flow* of items (body paragraphs, pictures, the viewpoints heading,
viewpoints) that composition.py may rearrange: ``Adjustments`` says which picture moves past
which text, how high a picture may be, which paragraph is set without hyphens.
"""

import re
from dataclasses import dataclass, field
from functools import cache

import lxml.html
import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lmec.dates import format_date
from lmec.localized import LocalizedText
from lmec.segmentation import html_with_break_opportunities
from publishing.frozen import FrozenIssue
from publishing.pdf import chinese, fonts

BILINGUAL = "bilingual"
BILINGUAL_LANGUAGES = ("zh-hans", "en")
CENTER_NAME_ZH = "澜沧江-湄公河环境合作中心"
CENTER_NAME_EN = "Lancang-Mekong Environmental Cooperation Center"

# Pictures: printed at most this high (mm) unless composition finds less room for them, and
# never smaller than FIGURE_MIN_HEIGHT: below that a picture moves instead.
FIGURE_MAX_HEIGHT = 110
FIGURE_MIN_HEIGHT = 55
COVER_MAX_HEIGHT = 80


@dataclass
class Adjustments:
    """What composition.py changed after looking at a render (see its docstring)."""

    figure_heights: dict[str, float] = field(default_factory=dict)  # id → mm
    figures_moved: dict[str, int] = field(default_factory=dict)  # id → flow items moved past
    unhyphenated: set[str] = field(default_factory=set)  # ids of paragraphs
    tight: bool = False

    def css(self) -> str:
        rules = [
            f"#{name} img {{ max-height: {height:.1f}mm; }}"
            for name, height in sorted(self.figure_heights.items())
        ]
        rules += [f"#{name} {{ hyphens: manual; }}" for name in sorted(self.unhyphenated)]
        return "\n".join(rules)


def pdf_languages(languages) -> list[str]:
    """The PDF editions of an issue in ``languages``: one each, and the bilingual one."""
    languages = list(languages)
    if all(code in languages for code in BILINGUAL_LANGUAGES):
        return [*languages, BILINGUAL]
    return languages


def is_edition(value: str) -> bool:
    return value == BILINGUAL or value in dict(settings.LANGUAGES)


def file_name(
    year: int, number: int, edition: str, *, version=None, draft=False, suffix="pdf"
) -> str:
    """The download name: LMEC-Bulletin-2020-02-zh-hans.pdf, …-zh-hans-en-v2.pdf."""
    languages = "-".join(BILINGUAL_LANGUAGES) if edition == BILINGUAL else edition
    version_suffix = f"-v{version}" if version and version > 1 else ""
    draft_suffix = "-DRAFT" if draft else ""
    return f"LMEC-Bulletin-{year}-{number:02d}-{languages}{version_suffix}{draft_suffix}.{suffix}"


def site_url(path: str) -> str:
    return settings.LMEC_SITE_URL.rstrip("/") + path


def url_in(language: str, view: str, **kwargs) -> str:
    with translation.override(language):
        return site_url(reverse(view, kwargs=kwargs))


def viewpoint_version(viewpoint, language: str) -> dict:
    """One viewpoint in one language: what the PDF prints and the WeChat article shows."""
    who = viewpoint.attribution
    return {
        "statement": viewpoint.text.statement,
        # Who said it, as on the page (publishing/frozen.py attribution: the organization once).
        "signature": who.line,
        "signature_lang": getattr(who.title or who.speaker, "lang", None)
        or viewpoint.text.organization.lang,
        "organization_url": url_in(language, "partners:detail", slug=viewpoint.organization.slug),
    }


def short_address(url: str) -> str:
    """What a reader types: the address without its scheme."""
    return re.sub(r"^https?://", "", url)


@cache
def qr_code_uri(url: str) -> str:
    """A QR code of ``url`` as an SVG data: URL (vector, sharp at any print size)."""
    return segno.make(url, error="m").svg_data_uri(border=0, dark="#1a1a1a")


def body_blocks(html: str, lang: str, prefix: str) -> list[dict]:
    """The top-level blocks of a rich-text body (paragraphs, headings, lists), each with an
    id and its ``lang``, as the HTML they print."""
    if not html or not html.strip():
        return []
    blocks = []
    for index, fragment in enumerate(lxml.html.fragments_fromstring(html)):
        if isinstance(fragment, str):
            if not fragment.strip():
                continue
            fragment = lxml.html.fragment_fromstring(f"<p>{escape(fragment.strip())}</p>")
        fragment.set("id", f"{prefix}-{index}")
        fragment.set("lang", lang)
        fragment.set("class", f"body-text body-text--{fragment.tag}")
        blocks.append(
            {
                "id": fragment.get("id"),
                "html": mark_safe(lxml.html.tostring(fragment, encoding="unicode")),
            }
        )
    return blocks


class ArticleBuilder:
    """One article of an edition, in one language or paired in two, as a flow of items."""

    def __init__(self, articles, languages, index, adjustments: Adjustments, bilingual: bool):
        self.articles = articles  # the article in each language
        self.languages = languages
        self.index = index
        self.adjustments = adjustments
        self.bilingual = bilingual

    def shown(self, text: LocalizedText, language: str) -> bool:
        """In the bilingual edition, an English text that is really Chinese is left out."""
        return bool(text) and (
            not self.bilingual or language == self.languages[0] or text.lang == language
        )

    def texts(self, name: str) -> list[LocalizedText]:
        return [
            getattr(article.text, name)
            for article, language in zip(self.articles, self.languages, strict=True)
            if self.shown(getattr(article.text, name), language)
        ]

    def headlines(self) -> list[dict]:
        return [
            {
                "lang": article.text.headline.lang,
                "html": article.text.headline_html,
                "plain": article.text.headline,
                "url": url_in(
                    language,
                    "bulletins:article",
                    year=article.issue.year,
                    number=article.issue.number,
                    slug=article.slug,
                ),
                "secondary": position > 0,
            }
            for position, (article, language) in enumerate(
                zip(self.articles, self.languages, strict=True)
            )
            if self.shown(article.text.headline, language)
        ]

    def body(self) -> list[dict]:
        per_language = [
            body_blocks(article.text.body, article.text.body.lang, f"a{self.index}-{language}")
            for article, language in zip(self.articles, self.languages, strict=True)
            if self.shown(article.text.body, language)
        ]
        if len(per_language) == 2 and len(per_language[0]) != len(per_language[1]):
            # Paragraphs that do not correspond one to one: each body whole, Chinese first.
            return [
                {"template": "blocks", "blocks": blocks, "paired": False} for blocks in per_language
            ]
        return [
            {"template": "blocks", "blocks": list(pair), "paired": len(pair) > 1}
            for pair in zip(*per_language, strict=True)
        ]

    def figures(self) -> list[dict]:
        main = self.articles[0]
        figures = []
        for position, image in enumerate(main.images):
            if not image.name:
                continue
            name = f"f{self.index}-{position}"
            versions = [article.images[position] for article in self.articles]
            figures.append(
                {
                    "template": "figure",
                    "id": name,
                    "src": f"lmec-media:{image.name}",
                    "alt": image.text.alt,
                    "captions": [
                        version.text.caption
                        for version, language in zip(versions, self.languages, strict=True)
                        if self.shown(version.text.caption, language)
                    ],
                    "credit": image.text.credit,
                    "portrait": bool(image.width and image.height and image.height > image.width),
                }
            )
        return figures

    def viewpoints(self) -> list[dict]:
        items = []
        headings = self.texts("viewpoints_heading")
        if self.articles[0].viewpoints and headings:
            items.append({"template": "viewpoints_heading", "texts": headings})
        for position, _viewpoint in enumerate(self.articles[0].viewpoints):
            versions = []
            for article, language in zip(self.articles, self.languages, strict=True):
                viewpoint = article.viewpoints[position]
                if not self.shown(viewpoint.text.statement, language):
                    continue
                versions.append(
                    {
                        "id": f"v{self.index}-{position}-{language}",
                        **viewpoint_version(viewpoint, language),
                    }
                )
            items.append({"template": "viewpoint", "versions": versions})
        return items

    def flow(self) -> list[dict]:
        """Body, pictures, viewpoints; a picture that composition moved comes later."""
        items = [*self.body(), *self.figures(), *self.viewpoints()]
        for figure in [item for item in items if item["template"] == "figure"]:
            moved = self.adjustments.figures_moved.get(figure["id"], 0)
            if moved:
                position = items.index(figure)
                items.remove(figure)
                items.insert(min(position + moved, len(items)), figure)
        for item in items:
            item["template"] = f"bulletins/pdf/flow/{item['template']}.html"
        return items

    def build(self) -> dict:
        main, language = self.articles[0], self.languages[0]
        headline = main.text.headline
        untranslated = ""
        if not self.bilingual and headline.lang != language:
            with translation.override(language):
                untranslated = _("Not yet translated into %(wanted)s: shown in %(shown)s.") % {
                    "wanted": translation.get_language_info(language)["name_translated"],
                    "shown": translation.get_language_info(headline.lang)["name_translated"],
                }
        return {
            "lang": language,
            "kickers": self.texts("kicker"),
            "headlines": self.headlines(),
            "untranslated": untranslated,
            "flow": self.flow(),
        }


# The contact block's labels, translated when printed (each in the edition's languages).
POSTCODE = gettext_noop("Postcode")
PHONE = gettext_noop("Tel.")
FAX = gettext_noop("Fax")
EMAIL = gettext_noop("E-mail")
WEBSITE = gettext_noop("Website")
WECHAT = gettext_noop("WeChat official account")
CONTACT_US = gettext_noop("Contact us")


def labels_in(issues: list[FrozenIssue], message: str) -> list[dict]:
    """``message`` translated into the language of each of ``issues``."""
    found = []
    for issue in issues:
        with translation.override(issue.language):
            found.append({"lang": issue.language, "text": _(message)})
    return found


def contact_rows(issues: list[FrozenIssue]) -> list[dict]:
    """The contact block's details, each labelled in every language of the edition."""
    contact = issues[0].contact
    rows = [
        {"labels": labels_in(issues, label), "values": [value]}
        for label, value in (
            (POSTCODE, contact.postcode),
            (PHONE, contact.phone),
            (FAX, contact.fax),
        )
        if value
    ]
    if contact.emails:
        rows.append({"labels": labels_in(issues, EMAIL), "values": contact.emails, "mailto": True})
    if contact.website:
        rows.append(
            {"labels": labels_in(issues, WEBSITE), "values": [contact.website], "link": True}
        )
    return rows


def unique_texts(texts) -> list[LocalizedText]:
    """Texts of several languages, each once (a fallback repeats the Chinese one)."""
    seen, found = set(), []
    for text in texts:
        if text and str(text) not in seen:
            seen.add(str(text))
            found.append(text)
    return found


def closing(issues: list[FrozenIssue]) -> dict:
    """The contact and about blocks, once, in the edition's language or languages, with the
    QR codes of the issue's page and of the center's WeChat account."""
    contact = issues[0].contact
    qr_codes = []
    for issue in issues:
        url = url_in(issue.language, "bulletins:detail", year=issue.year, number=issue.number)
        with translation.override(issue.language):
            qr_codes.append(
                {
                    "lang": issue.language,
                    "uri": qr_code_uri(url),
                    "url": url,
                    "short": short_address(url),
                    "label": _("Read this issue online"),
                    "alt": _("QR code of this issue's page: %(address)s") % {"address": url},
                }
            )
    with translation.override(issues[0].language):
        wechat_alt = _("QR code of the WeChat official account")
    return {
        "titles": labels_in(issues, CONTACT_US),
        "names": unique_texts(
            name for issue in issues for name in issue.contact.organization_name_list
        ),
        "addresses": unique_texts(issue.contact.address for issue in issues),
        "rows": contact_rows(issues),
        "wechat_labels": labels_in(issues, WECHAT),
        "wechat": unique_texts(issue.contact.wechat for issue in issues),
        "wechat_qr": f"lmec-media:{contact.wechat_qr}" if contact.wechat_qr else "",
        "wechat_qr_alt": wechat_alt,
        "qr_codes": qr_codes,
        "about": unique_texts(issue.about for issue in issues),
    }


def css_string(value: str) -> str:
    """``value`` as a quoted CSS string, safe inside a <style> element."""
    escaped = (
        value.replace("\n", " ").replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ")
    )
    return f'"{escaped}"'


def font_stack_css(families: list[str]) -> str:
    return ", ".join(css_string(family) for family in families)


def page_counter_css(template: str) -> str:
    """A CSS ``content`` value from "Page {page} of {pages}" in the active language."""
    parts = []
    for chunk in template.replace("{pages}", "\0pages\0").replace("{page}", "\0page\0").split("\0"):
        if chunk in ("page", "pages"):
            parts.append(f"counter({chunk})")
        elif chunk:
            parts.append(css_string(chunk))
    return " ".join(parts)


def masthead(issue: FrozenIssue, language: str) -> dict:
    with translation.override(language):
        return {
            "lang": language,
            "label": str(issue.label),
            "date": format_date(issue.publication_date, language),
            "date_iso": issue.publication_date.isoformat(),
        }


def cover(issue: FrozenIssue) -> dict | None:
    if not issue.cover_image:
        return None
    return {"src": f"lmec-media:{issue.cover_image.name}", "alt": issue.cover_image_alt}


def build_context(
    content: dict, edition: str, *, draft: bool = False, version=None, adjustments=None
) -> dict:
    """What the PDF template needs to print ``content`` (an edition's) as ``edition``."""
    adjustments = adjustments or Adjustments()
    bilingual = edition == BILINGUAL
    languages = BILINGUAL_LANGUAGES if bilingual else (edition,)
    issues = [FrozenIssue(content, language) for language in languages]
    main = languages[0]
    with translation.override(main):
        series = _("Bulletin")
        page_of = page_counter_css(_("Page {page} of {pages}"))
        draft_notice = _("Draft, not published") if draft else ""
        label = str(issues[0].label)
        version_note = (
            _("Version %(version)s") % {"version": version} if version and version > 1 else ""
        )
    articles = [
        ArticleBuilder(
            [issue.articles[index] for issue in issues], languages, index, adjustments, bilingual
        ).build()
        for index in range(len(issues[0].articles))
    ]
    mastheads = [masthead(issue, issue.language) for issue in issues]
    title = f"{series} {label}"
    if bilingual:
        title = f"简报 {mastheads[0]['label']} / Bulletin {mastheads[1]['label']}"
    keywords = sorted(
        {str(topic.name) for article in issues[0].articles for topic in article.topics} - {""}
    )
    return {
        "lang": main,
        "bilingual": bilingual,
        "title": title,
        "author": f"{CENTER_NAME_ZH} {CENTER_NAME_EN}",
        "keywords": keywords,
        "center_zh": CENTER_NAME_ZH,
        "center_en": CENTER_NAME_EN,
        "series": series,
        "mastheads": mastheads,
        "version_note": version_note,
        "cover": cover(issues[0]),
        "running_header_css": mark_safe(css_string(title)),
        "page_of_css": mark_safe(page_of),
        "draft_notice": draft_notice,
        "draft_notice_css": mark_safe(css_string(draft_notice)),
        "articles": articles,
        "closing": closing(issues),
        "adjustments_css": mark_safe(adjustments.css()),
        "tight": adjustments.tight,
        "figure_max_height": FIGURE_MAX_HEIGHT,
        "cover_max_height": COVER_MAX_HEIGHT,
        # The printed date, not the publication time: rescheduling changes no PDF.
        "created": issues[0].publication_date.isoformat(),
        "font_faces": [
            {"family_css": mark_safe(css_string(face.family)), "face": face} for face in fonts.FACES
        ],
        "serif_stack": mark_safe(font_stack_css(fonts.stack("Serif", chinese_first=False))),
        "serif_stack_zh": mark_safe(font_stack_css(fonts.stack("Serif", chinese_first=True))),
        "sans_stack": mark_safe(font_stack_css(fonts.stack("Sans", chinese_first=False))),
        "sans_stack_zh": mark_safe(font_stack_css(fonts.stack("Sans", chinese_first=True))),
    }


def build_html(
    content: dict, edition: str, *, draft: bool = False, version=None, adjustments=None
) -> str:
    """The HTML of ``edition`` of an edition's ``content``; ``draft`` marks every page."""
    context = build_context(content, edition, draft=draft, version=version, adjustments=adjustments)
    with translation.override(context["lang"]):
        html = render_to_string("bulletins/pdf/bulletin.html", context)
    # Chinese justified by character and its punctuation compressed (chinese.py); lines of
    # Lao, Khmer and Burmese may break between words, not only at spaces.
    return html_with_break_opportunities(chinese.typeset(html))
