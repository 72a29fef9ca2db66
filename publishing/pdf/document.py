"""The HTML a PDF is printed from: an edition's frozen content, in one language or two.

A PDF edition is a content language ("zh-hans", "en", "th", …) or ``BILINGUAL`` (each
article in Chinese, then in English). It prints the same document as the web pages
(publishing/frozen.py): each text in the edition's language, or, where a translation is
missing, in the next language of ``lmec.localized.fallback_chain`` that has it, always
marked with its ``lang``; an article printed in another language than the edition's says
so. Labels and dates are in the edition's language.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from lmec.dates import format_date
from lmec.segmentation import html_with_break_opportunities
from publishing.frozen import FrozenIssue
from publishing.pdf import fonts

BILINGUAL = "bilingual"
BILINGUAL_LANGUAGES = ("zh-hans", "en")
CENTER_NAME_ZH = "澜沧江-湄公河环境合作中心"
CENTER_NAME_EN = "Lancang-Mekong Environmental Cooperation Center"


def pdf_languages(languages) -> list[str]:
    """The PDF editions of an issue in ``languages``: one each, and the bilingual one."""
    languages = list(languages)
    if all(code in languages for code in BILINGUAL_LANGUAGES):
        return [*languages, BILINGUAL]
    return languages


def is_edition(value: str) -> bool:
    return value == BILINGUAL or value in dict(settings.LANGUAGES)


def file_name(year: int, number: int, edition: str, *, version=None, draft=False) -> str:
    """The download name: LMEC-Bulletin-2020-02-zh-hans.pdf, …-zh-hans-en-v2.pdf."""
    suffix = "-".join(BILINGUAL_LANGUAGES) if edition == BILINGUAL else edition
    version_suffix = f"-v{version}" if version and version > 1 else ""
    draft_suffix = "-DRAFT" if draft else ""
    return f"LMEC-Bulletin-{year}-{number:02d}-{suffix}{version_suffix}{draft_suffix}.pdf"


def site_url(path: str) -> str:
    return settings.LMEC_SITE_URL.rstrip("/") + path


def url_in(language: str, view: str, **kwargs) -> str:
    with translation.override(language):
        return site_url(reverse(view, kwargs=kwargs))


def article_version(article, language: str) -> dict:
    """One article in one language, ready to print."""
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
        "viewpoints": [
            {
                "statement": viewpoint.text.statement,
                # Who said it, as on the page (publishing/frozen.py attribution).
                "signature": viewpoint.speaker_line(),
                "signature_lang": getattr(
                    viewpoint.attribution.title or viewpoint.attribution.speaker, "lang", None
                )
                or viewpoint.text.organization.lang,
                "organization_url": url_in(
                    language, "partners:detail", slug=viewpoint.organization.slug
                ),
            }
            for viewpoint in article.viewpoints
        ],
        "images": [
            {
                "src": f"lmec-media:{image.name}",
                "alt": image.text.alt,
                "caption": image.text.caption,
                "credit": image.text.credit,
            }
            for image in article.images
            if image.name
        ],
    }


def closing_blocks(issue: FrozenIssue, language: str) -> dict:
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


def build_context(content: dict, edition: str, *, draft: bool = False, version=None) -> dict:
    """What the PDF template needs to print ``content`` (an edition's) as ``edition``."""
    languages = BILINGUAL_LANGUAGES if edition == BILINGUAL else (edition,)
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
        [article_version(issue.articles[index], issue.language) for issue in issues]
        for index in range(len(issues[0].articles))
    ]
    mastheads = [masthead(issue, issue.language) for issue in issues]
    title = f"{series} {label}"
    if edition == BILINGUAL:
        title = f"简报 {mastheads[0]['label']} / Bulletin {mastheads[1]['label']}"
    keywords = sorted(
        {str(topic.name) for article in issues[0].articles for topic in article.topics} - {""}
    )
    return {
        "lang": main,
        "title": title,
        "author": f"{CENTER_NAME_ZH} {CENTER_NAME_EN}",
        "keywords": keywords,
        "center_zh": CENTER_NAME_ZH,
        "center_en": CENTER_NAME_EN,
        "series": series,
        "mastheads": mastheads,
        "version_note": version_note,
        "running_header_css": mark_safe(css_string(title)),
        "page_of_css": mark_safe(page_of),
        "draft_notice": draft_notice,
        "draft_notice_css": mark_safe(css_string(draft_notice)),
        "articles": articles,
        "closing": [closing_blocks(issue, issue.language) for issue in issues],
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


def build_html(content: dict, edition: str, *, draft: bool = False, version=None) -> str:
    """The HTML of ``edition`` of an edition's ``content``; ``draft`` marks every page."""
    context = build_context(content, edition, draft=draft, version=version)
    with translation.override(context["lang"]):
        html = render_to_string("bulletins/pdf/bulletin.html", context)
    # Lines of Thai, Lao, Khmer and Burmese may break between words, not only at spaces.
    return html_with_break_opportunities(html)
