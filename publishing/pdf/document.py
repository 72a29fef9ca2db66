"""The HTML a PDF is printed from, and the fingerprint that names the stored file.

An edition is a content language ("zh-hans", "en", "th", …) or ``BILINGUAL`` (each
article in Chinese, then in English). The HTML is built from the same records as the web
page, with the text of each field in the edition's language, or in the issue's source
language when a translation is missing, always marked with its ``lang``.

The fingerprint is the SHA-256 of that HTML (stylesheet included) and of the bundled
fonts: any change a reader could see in the PDF gives a new fingerprint, hence a new file;
nothing else does. It holds no path of this machine, so every server computes the same.
"""

import hashlib
import importlib.metadata
import importlib.util
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import to_locale
from modeltranslation.utils import build_localized_fieldname

from bulletins.models import Article, Bulletin
from publishing.pdf import fonts

BILINGUAL = "bilingual"
BILINGUAL_LANGUAGES = ("zh-hans", "en")
# The interface (labels, running header) is in Chinese or English; PDFs in the Mekong
# languages print their labels in English rather than in the Chinese Django falls back to.
INTERFACE_LANGUAGES = ("zh-hans", "en")
CENTER_NAME_ZH = "澜沧江-湄公河环境合作中心"
CENTER_NAME_EN = "Lancang-Mekong Environmental Cooperation Center"


def issue_queryset():
    """Issues with everything their PDF prints, in a fixed number of queries."""
    return Bulletin.objects.select_related("contact_block", "about_block").prefetch_related(
        Prefetch(
            "articles",
            queryset=Article.objects.prefetch_related(
                "images", "topics", "viewpoints__organization", "viewpoints__person"
            ),
        )
    )


def editions(bulletin: Bulletin) -> list[str]:
    """Every edition the issue has: one per content language, and the bilingual one."""
    languages = bulletin.content_languages()
    if all(code in languages for code in BILINGUAL_LANGUAGES):
        return [*languages, BILINGUAL]
    return languages


def is_edition(value: str) -> bool:
    return value == BILINGUAL or value in dict(settings.LANGUAGES)


def file_name(bulletin: Bulletin, edition: str, *, draft: bool = False) -> str:
    """The download name: LMEC-Bulletin-2020-02-zh-hans.pdf, …-zh-hans-en.pdf for both."""
    suffix = "-".join(BILINGUAL_LANGUAGES) if edition == BILINGUAL else edition
    draft_suffix = "-DRAFT" if draft else ""
    return f"LMEC-Bulletin-{bulletin.year}-{bulletin.number:02d}-{suffix}{draft_suffix}.pdf"


@dataclass
class Text:
    """A piece of content and the language it is actually in."""

    value: str
    lang: str

    def __str__(self):
        return self.value

    def __bool__(self):
        return bool(self.value)


def pick(obj, name: str, language: str, fallbacks: tuple[str, ...]) -> Text:
    """The field ``name`` of ``obj`` in ``language``, else in the first fallback that has it."""
    for code in (language, *fallbacks):
        value = getattr(obj, build_localized_fieldname(name, code), "") or ""
        if value.strip():
            return Text(value, code)
    return Text("", language)


def site_url(path: str) -> str:
    return settings.LMEC_SITE_URL.rstrip("/") + path


def url_in(language: str, view: str, **kwargs) -> str:
    with translation.override(language):
        return site_url(reverse(view, kwargs=kwargs))


@dataclass
class Version:
    """One article in one language, ready to print."""

    lang: str
    url: str
    kicker: Text
    headline: Text
    body: Text
    viewpoints_heading: Text
    viewpoints: list = field(default_factory=list)
    images: list = field(default_factory=list)


def named_speaker(viewpoint, language: str, fallbacks: tuple[str, ...]) -> Text:
    """ "技术顾问Kerstin Brauneder", "Kerstin Brauneder, Technical Adviser"; empty if unnamed.

    An unnamed speaker ("世界自然基金会代表") is already named by the statement itself.
    """
    if not viewpoint.person_id:
        return Text("", language)
    name = pick(viewpoint.person, "name", language, fallbacks)
    title = pick(viewpoint, "speaker_title", language, fallbacks)
    if not title:
        return name
    if title.lang == "zh-hans":
        return Text(f"{title}{name}", "zh-hans")
    return Text(f"{name}, {title}", title.lang)


def article_version(article: Article, language: str, fallbacks: tuple[str, ...]) -> Version:
    def text(obj, name):
        return pick(obj, name, language, fallbacks)

    viewpoints = []
    for viewpoint in article.viewpoints.all():
        viewpoints.append(
            {
                "statement": text(viewpoint, "statement"),
                "speaker": named_speaker(viewpoint, language, fallbacks),
                "organization": text(viewpoint.organization, "name"),
                "organization_url": url_in(
                    language, "partners:detail", slug=viewpoint.organization.slug
                ),
            }
        )
    images = [
        {
            "src": f"lmec-media:{image.image.name}",
            "alt": text(image, "alt_text"),
            "caption": text(image, "caption"),
            "credit": text(image, "credit"),
        }
        for image in article.images.all()
        if image.image
    ]
    return Version(
        lang=language,
        url=url_in(
            language,
            "bulletins:article",
            year=article.bulletin.year,
            number=article.bulletin.number,
            slug=article.slug,
        ),
        kicker=text(article, "kicker"),
        headline=text(article, "headline"),
        body=text(article, "body"),
        viewpoints_heading=text(article, "viewpoints_heading"),
        viewpoints=viewpoints,
        images=images,
    )


def closing_blocks(bulletin: Bulletin, language: str, fallbacks: tuple[str, ...]) -> dict:
    contact, about = bulletin.contact_block, bulletin.about_block
    names = pick(contact, "organization_names", language, fallbacks)
    return {
        "lang": language,
        "interface_lang": language if language in INTERFACE_LANGUAGES else "en",
        "organization_names": [
            Text(line.strip(), names.lang) for line in names.value.splitlines() if line.strip()
        ],
        "address": pick(contact, "address", language, fallbacks),
        "postcode": contact.postcode,
        "phone": contact.phone,
        "fax": contact.fax,
        "emails": contact.email_list(),
        "website": contact.website,
        "wechat": pick(contact, "wechat", language, fallbacks),
        "about": pick(about, "text", language, fallbacks),
    }


@cache
def has_date_formats(language: str) -> bool:
    """Whether Django knows how ``language`` writes dates (not Lao nor Burmese)."""
    try:
        return (
            importlib.util.find_spec(f"django.conf.locale.{to_locale(language)}.formats")
            is not None
        )
    except ModuleNotFoundError:
        return False


def date_text(date, language: str) -> str:
    """The date as printed: 2020年3月27日, March 27, 2020, 27 มีนาคม 2020, …"""
    with translation.override(language if has_date_formats(language) else "en"):
        return formats.date_format(date, "DATE_FORMAT")


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


def masthead(bulletin: Bulletin, language: str) -> dict:
    interface = language if language in INTERFACE_LANGUAGES else "en"
    with translation.override(interface):
        return {
            "lang": interface,
            "label": str(bulletin.label),
            "date": date_text(bulletin.publication_date, language),
            "date_iso": bulletin.publication_date.isoformat(),
        }


def build_context(bulletin: Bulletin, edition: str, *, draft: bool = False) -> dict:
    languages = BILINGUAL_LANGUAGES if edition == BILINGUAL else (edition,)
    fallbacks = tuple(
        dict.fromkeys(code for code in (bulletin.source_language, *BILINGUAL_LANGUAGES))
    )
    main = languages[0]
    interface = main if main in INTERFACE_LANGUAGES else "en"
    with translation.override(interface):
        series = _("Bulletin")
        page_of = page_counter_css(_("Page {page} of {pages}"))
        draft_notice = _("Draft, not published") if draft else ""
        label = str(bulletin.label)
    articles = [
        [article_version(article, language, fallbacks) for language in languages]
        for article in bulletin.articles.all()
    ]
    mastheads = [masthead(bulletin, language) for language in languages]
    title = f"{series} {label}"
    if edition == BILINGUAL:
        with translation.override("en"):
            title = f"简报 {mastheads[0]['label']} / Bulletin {bulletin.label}"
    keywords = sorted(
        {
            pick(topic, "name", main, fallbacks).value
            for article in bulletin.articles.all()
            for topic in article.topics.all()
        }
        - {""}
    )
    return {
        "lang": main,
        "interface_lang": interface,
        "title": title,
        "author": f"{CENTER_NAME_ZH} {CENTER_NAME_EN}",
        "keywords": keywords,
        "center_zh": CENTER_NAME_ZH,
        "center_en": CENTER_NAME_EN,
        "series": series,
        "mastheads": mastheads,
        "running_header_css": mark_safe(css_string(title)),
        "page_of_css": mark_safe(page_of),
        "draft_notice": draft_notice,
        "draft_notice_css": mark_safe(css_string(draft_notice)),
        "articles": articles,
        "closing": [closing_blocks(bulletin, language, fallbacks) for language in languages],
        # The printed date, not the publication time: rescheduling changes no PDF.
        "created": bulletin.publication_date.isoformat(),
        "font_faces": [
            {"family_css": mark_safe(css_string(face.family)), "face": face} for face in fonts.FACES
        ],
        "serif_stack": mark_safe(font_stack_css(fonts.stack("Serif", chinese_first=False))),
        "serif_stack_zh": mark_safe(font_stack_css(fonts.stack("Serif", chinese_first=True))),
        "sans_stack": mark_safe(font_stack_css(fonts.stack("Sans", chinese_first=False))),
        "sans_stack_zh": mark_safe(font_stack_css(fonts.stack("Sans", chinese_first=True))),
    }


def build_html(bulletin: Bulletin, edition: str, *, draft: bool = False) -> str:
    """The HTML of ``edition`` of ``bulletin``; ``draft`` marks every page as a draft."""
    context = build_context(bulletin, edition, draft=draft)
    with translation.override(context["interface_lang"]):
        return render_to_string("bulletins/pdf/bulletin.html", context)


@cache
def fonts_digest() -> str:
    digest = hashlib.sha256()
    for face in fonts.FACES:
        digest.update((fonts.FONT_DIR / face.file).read_bytes())
    return digest.hexdigest()


def fingerprint(html: str) -> str:
    """What a PDF is printed from: the HTML, the fonts and the WeasyPrint release (an
    upgrade makes every stored PDF stale, for `render_pdfs --stale` to print again)."""
    printer = importlib.metadata.version("weasyprint")
    return hashlib.sha256(f"{fonts_digest()}\n{printer}\n{html}".encode()).hexdigest()
