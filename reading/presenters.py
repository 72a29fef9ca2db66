"""What the pages listing several issues show of a published article or viewpoint.

The rows of ``EditionArticle`` and ``EditionViewpoint`` keep their texts per language;
``with_texts`` gives each one a ``.text`` in the reader's language (each text a
``LocalizedText``, which knows its language), so that templates write
``{{ article.text.headline }}`` and ``{{ article.text.headline|lang_attr }}`` whatever
the source of the article.
"""

from types import SimpleNamespace

from django.urls import reverse
from django.utils.translation import get_language

from lmec.collation import sort_key
from lmec.localized import text_in
from partners.naming import display_name, monogram, organization_name, short_names_of
from publishing.frozen import StoredFile, attribution, with_headline_lines

ARTICLE_TEXTS = ("kicker", "headline", "description")
VIEWPOINT_TEXTS = ("statement", "speaker", "title", "organization")


def _texts(texts: dict, names, source_language: str) -> SimpleNamespace:
    language = get_language()
    return SimpleNamespace(
        **{name: text_in(texts.get(name) or {}, language, source_language) for name in names}
    )


def article_with_texts(article):
    """A published article (``EditionArticle``, its edition loaded) ready for a card."""
    article.bulletin = article.edition
    article.text = _texts(article.texts, ARTICLE_TEXTS, article.edition.source_language)
    with_headline_lines(article.text)
    return article


class _OrganizationLink:
    def __init__(self, slug, name, short_names, logo):
        self.slug = slug
        self.name = display_name(name, short_names)
        self.monogram = monogram(name, short_names)
        self.all_names = [name, *short_names.values()]
        self.logo = StoredFile(logo) if logo else None

    def get_absolute_url(self):
        return reverse("partners:detail", kwargs={"slug": self.slug})


def viewpoint_with_texts(viewpoint):
    """A published viewpoint (``EditionViewpoint``, its article and edition loaded), shown
    away from its article on partner and topic pages."""
    source_language = viewpoint.edition.source_language
    viewpoint.pk = viewpoint.viewpoint_id  # the anchor on its article's page
    viewpoint.text = _texts(viewpoint.texts, VIEWPOINT_TEXTS, source_language)
    names = viewpoint.texts.get("organization") or {}
    short_names = viewpoint.texts.get("organization_short_name") or {}
    viewpoint.organization = _OrganizationLink(
        viewpoint.organization_slug,
        viewpoint.text.organization,
        short_names,
        viewpoint.organization_logo,
    )
    viewpoint.organization.all_names += [
        *names.values(),
        *viewpoint.texts.get("organization_aliases", []),
    ]
    viewpoint.text.organization = viewpoint.organization.name
    viewpoint.attribution = attribution(
        speaker=viewpoint.text.speaker,
        title=viewpoint.text.title,
        organization=viewpoint.organization.name,
        organization_names=viewpoint.organization.all_names,
        named=viewpoint.person_id is not None,
    )
    viewpoint.article.edition = viewpoint.edition
    article_with_texts(viewpoint.article)
    return viewpoint


def partners_with_names(organizations, *, sort=False) -> list:
    """Published partners (``public_records``) with their ``display_name`` and
    ``monogram`` (partners/naming.py), sorted by name in the page's language if ``sort``."""
    for organization in organizations:
        organization.display_name = organization_name(organization)
        organization.monogram = monogram(organization.display_name, short_names_of(organization))
    if sort:
        language = get_language()
        organizations = sorted(organizations, key=lambda o: sort_key(o.display_name, language))
    return list(organizations)
