"""The body of an issue's page and of its articles' pages, built from a frozen document.

``issue_body`` and ``article_body`` render the part of the page that is the issue itself
(everything but the site's header, footer and share bar) from a ``FrozenIssue``: the
same code for an edition readers see and for a staff preview of the records as they are.

An edition never changes, so its body is built once per language and stored
(``prepared_page``, an ``EditionPage``); a reader's request then only adds the page around
it. ``LAYOUT`` names what the body is built with (the templates, the interface
translations and ``BODY_VERSION`` below): a deploy that changes any of them gives a new
layout, and each page is built again the next time it is read.
"""

import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from lmec.localized import text_in
from lmec.seo import PageMeta, describe, publisher_json_ld
from publishing.frozen import FrozenIssue
from publishing.models import Edition, EditionPage, current_condition
from publishing.pdf.document import BILINGUAL, pdf_languages
from publishing.selectors import with_first_publication

# Change it when the code below changes what a body holds.
BODY_VERSION = "2"


@cache
def layout() -> str:
    """A fingerprint of the templates and translations bodies are built with."""
    digest = hashlib.sha256(BODY_VERSION.encode())
    roots = [Path(settings.BASE_DIR) / "templates", Path(settings.BASE_DIR) / "locale"]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix in (".html", ".mo"):
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def issue_label(issue) -> str:
    """The issue's full label: "简报 2020年第2期" / "Bulletin No. 2, 2020"."""
    return _("Bulletin %(label)s") % {"label": issue.label}


def _pdf_links(issue: FrozenIssue):
    kwargs = {"year": issue.year, "number": issue.number}
    return {
        "url": reverse("bulletins:pdf", kwargs=kwargs),
        "bilingual_url": reverse("bulletins:pdf-bilingual", kwargs=kwargs)
        if BILINGUAL in pdf_languages(issue.languages)
        else None,
    }


def _edition_context(issue: FrozenIssue, edition: Edition | None) -> dict:
    """What a version says to readers: its number, when it was updated, its correction."""
    if edition is None or edition.version == 1:
        return {"version": None}
    return {
        "version": edition.version,
        "updated_at": edition.published_at,
        "correction": text_in(edition.note, issue.language, issue.source_language),
    }


def issue_body(issue: FrozenIssue, *, edition: Edition | None = None, pdf_links=True) -> str:
    context = {
        "issue": issue,
        "articles": issue.articles,
        "page_view": issue.page_view(),
        "pdf": _pdf_links(issue) if pdf_links else None,
        **_edition_context(issue, edition),
    }
    return render_to_string("bulletins/includes/issue_body.html", context)


def article_body(issue: FrozenIssue, article, *, edition: Edition | None = None) -> str:
    index = issue.articles.index(article)
    context = {
        "issue": issue,
        "article": article,
        "page_view": issue.page_view(article),
        "issue_label": issue_label(issue),
        "previous_article": issue.articles[index - 1] if index > 0 else None,
        "next_article": issue.articles[index + 1] if index + 1 < len(issue.articles) else None,
        **_edition_context(issue, edition),
    }
    return render_to_string("bulletins/includes/article_body.html", context)


def _image(issue: FrozenIssue, article=None) -> str:
    if article is not None and article.images:
        return article.images[0].sources.src
    return issue.cover_image.shown_url if issue.cover_image else ""


def issue_meta(issue: FrozenIssue, edition: Edition | None = None) -> dict:
    """The issue page's title, description, image and JSON-LD, with paths, not addresses."""
    title = issue.display_title
    label = issue_label(issue)
    url = issue.get_absolute_url()
    return {
        "title": f"{label} · {title}" if title else label,
        "description": issue.summary
        or describe(" · ".join(article.text.headline for article in issue.articles)),
        "image": _image(issue),
        "type": "website",
        "json_ld": {
            "@context": "https://schema.org",
            "@type": "PublicationIssue",
            "@id": url,
            "url": url,
            "name": label,
            "issueNumber": str(issue.number),
            "datePublished": issue.publication_date,
            "inLanguage": issue.source_language,
            "isPartOf": {
                "@type": "Periodical",
                "name": _("Bulletin of the Lancang-Mekong Environmental Cooperation Center"),
                "publisher": None,
            },
            "hasPart": [
                {
                    "@type": "NewsArticle",
                    "headline": article.text.headline,
                    "url": article.get_absolute_url(),
                }
                for article in issue.articles
            ],
        },
    }


def article_meta(issue: FrozenIssue, article, edition: Edition | None = None) -> dict:
    headline = article.text.headline
    label = issue_label(issue)
    url = article.get_absolute_url()
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "headline": headline[:110],
        "description": article.description,
        "datePublished": edition.first_published_at if edition else issue.publication_date,
        "dateModified": edition.published_at if edition else None,
        "inLanguage": headline.lang,
        "author": None,
        "publisher": None,
        "isPartOf": {
            "@type": "PublicationIssue",
            "issueNumber": str(issue.number),
            "name": label,
            "url": issue.get_absolute_url(),
        },
    }
    if article.images:
        data["image"] = [image.sources.src for image in article.images]
    if article.event is not None:
        data["about"] = {
            "@type": "Event",
            "name": article.event.name,
            "url": article.event.get_absolute_url(),
        }
    return {
        "title": f"{headline} · {label}",
        "headline": headline,
        "description": article.description or label,
        "image": _image(issue, article),
        "type": "article",
        "json_ld": {
            key: value
            for key, value in data.items()
            if value is not None or key in ("author", "publisher")
        },
    }


ADDRESS_KEYS = {"@id", "url", "mainEntityOfPage", "image", "logo"}


def _absolute(value, request, key=None):
    if isinstance(value, dict):
        return {name: _absolute(item, request, name) for name, item in value.items()}
    if isinstance(value, list):
        return [_absolute(item, request, key) for item in value]
    if key in ADDRESS_KEYS and isinstance(value, str) and value.startswith("/"):
        return request.build_absolute_uri(value)
    return value


def page_meta(meta: dict, request) -> PageMeta:
    """A stored page's metadata for this request: addresses absolute, the publisher named."""
    json_ld = _absolute(meta.get("json_ld"), request)
    publisher = publisher_json_ld(request)
    for holder in (json_ld, (json_ld or {}).get("isPartOf") or {}):
        for key in ("author", "publisher"):
            if key in holder and holder[key] is None:
                holder[key] = publisher
    image = meta.get("image", "")
    return PageMeta(
        title=meta["title"],
        description=meta.get("description", ""),
        image=request.build_absolute_uri(image) if image else "",
        type=meta.get("type", "website"),
        json_ld=json_ld,
    )


def body_and_meta(issue: FrozenIssue, slug: str = "", *, edition=None):
    """The body and metadata of the issue's page (``slug`` empty) or of one of its articles;
    None when it has no such article. PDF links only for an edition readers see."""
    if not slug:
        return issue_body(issue, edition=edition, pdf_links=edition is not None), issue_meta(
            issue, edition
        )
    article = issue.article(slug)
    if article is None:
        return None
    return article_body(issue, article, edition=edition), article_meta(issue, article, edition)


def build_page(edition: Edition, language: str, slug: str = "") -> EditionPage | None:
    """The body and metadata of an edition's page in ``language`` (not stored); None when
    the edition has no such article."""
    with translation.override(language):
        built = body_and_meta(FrozenIssue(edition.content, language), slug, edition=edition)
    if built is None:
        return None
    html, meta = built
    return EditionPage(
        edition=edition, language=language, slug=slug, layout=layout(), html=html, meta=meta
    )


def current_prepared_page(year: int, number: int, language: str, slug: str = ""):
    """The stored page of the edition of issue ``year``/``number`` readers see now, with
    ``edition.languages``, in one query; None when it is not stored yet (or no such
    issue: ``prepared_page`` tells)."""
    return (
        EditionPage.objects.filter(
            current_condition("edition__"),
            edition__year=year,
            edition__number=number,
            language=language,
            slug=slug,
            layout=layout(),
        )
        .select_related("edition")
        .only("html", "meta", "edition__languages")
        .first()
    )


def prepared_page(edition_id: int, language: str, slug: str = "") -> EditionPage | None:
    """An edition's page as stored, or built now and stored when it is missing or was built
    with another layout. One query when it is there."""
    page = (
        EditionPage.objects.filter(
            edition_id=edition_id, language=language, slug=slug, layout=layout()
        )
        .only("html", "meta")
        .first()
    )
    if page is not None:
        return page
    edition = with_first_publication(Edition.objects.filter(pk=edition_id)).get()
    page = build_page(edition, language, slug)
    if page is None:
        return None
    # One statement, whoever stores the same page at the same moment.
    EditionPage.objects.bulk_create(
        [page],
        update_conflicts=True,
        unique_fields=["edition", "language", "slug"],
        update_fields=["layout", "html", "meta"],
    )
    return page
