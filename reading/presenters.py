"""The texts a page shows of an article or a viewpoint, each with the language it is in.

Views attach them as ``.text`` so templates write ``{{ article.text.headline }}`` and
``{{ article.text.headline|lang_attr }}`` without knowing about fallbacks.
"""

from types import SimpleNamespace

from lmec.localized import localized


def article_texts(article, source_language=None):
    source_language = source_language or article.bulletin.source_language
    article.text = SimpleNamespace(
        kicker=localized(article, "kicker", source_language),
        headline=localized(article, "headline", source_language),
        body=localized(article, "body", source_language),
        viewpoints_heading=localized(article, "viewpoints_heading", source_language),
    )
    return article


def viewpoint_texts(viewpoint, source_language):
    """What was said, by whom (name or label), with which title, for which organization."""
    speaker = (
        localized(viewpoint.person, "name")
        if viewpoint.person_id
        else localized(viewpoint, "speaker_label", source_language)
    )
    viewpoint.text = SimpleNamespace(
        statement=localized(viewpoint, "statement", source_language),
        speaker=speaker,
        title=localized(viewpoint, "speaker_title", source_language),
        organization=localized(viewpoint.organization, "name"),
    )
    return viewpoint


def image_texts(image, source_language):
    image.text = SimpleNamespace(
        alt=localized(image, "alt_text", source_language),
        caption=localized(image, "caption", source_language),
        credit=localized(image, "credit", source_language),
    )
    return image


def full_article_texts(article, source_language):
    """An article with its viewpoints and images, all prefetched."""
    article_texts(article, source_language)
    for viewpoint in article.viewpoints.all():
        viewpoint_texts(viewpoint, source_language)
    for image in article.images.all():
        image_texts(image, source_language)
    return article
