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

from lmec.localized import text_in
from publishing.frozen import with_headline_lines

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
    def __init__(self, slug):
        self.slug = slug

    def get_absolute_url(self):
        return reverse("partners:detail", kwargs={"slug": self.slug})


def viewpoint_with_texts(viewpoint):
    """A published viewpoint (``EditionViewpoint``, its article and edition loaded), shown
    away from its article on partner and topic pages."""
    source_language = viewpoint.edition.source_language
    viewpoint.pk = viewpoint.viewpoint_id  # the anchor on its article's page
    viewpoint.text = _texts(viewpoint.texts, VIEWPOINT_TEXTS, source_language)
    viewpoint.organization = _OrganizationLink(viewpoint.organization_slug)
    viewpoint.article.edition = viewpoint.edition
    article_with_texts(viewpoint.article)
    return viewpoint
