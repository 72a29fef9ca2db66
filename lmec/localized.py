"""Which language a translated value really comes from, and which to try when it is missing.

modeltranslation already falls back to Chinese when a field is empty in the reader's
language, but it does not say so. Pages must mark such text with its own ``lang``
attribute and tell the reader; ``localized()`` returns the text together with the
language it was found in. ``fallback_chain()`` is the one rule for the order in which
languages are tried, used by pages, PDFs, feeds, calendars and search.
"""

from django.conf import settings
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname

DEFAULT_SOURCE_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
ENGLISH = "en"


class LocalizedText(str):
    """A string that knows its language (``.lang``) and whether it is a fallback."""

    lang: str
    is_fallback: bool

    def __new__(cls, value, lang, requested):
        text = super().__new__(cls, value)
        text.lang = lang
        text.is_fallback = bool(value) and lang != requested
        return text

    def replaced(self, value: str) -> "LocalizedText":
        """Another text in the same language, a fallback if this one is."""
        text = str.__new__(type(self), value)
        text.lang, text.is_fallback = self.lang, self.is_fallback and bool(value)
        return text


def fallback_chain(requested: str, source_language: str | None = None) -> list[str]:
    """The languages to try for a text, in order.

    A Thai, Vietnamese, Lao, Khmer or Burmese reader gets their language, else English,
    else the item's source language; a Chinese or English reader gets theirs, else the
    source language. Chinese, then English, close the chain for an item whose source
    text is missing too, so that a reader never gets an empty page.
    """
    chain = [requested]
    if requested in settings.LMEC_ENGLISH_FIRST_LANGUAGES:
        chain.append(ENGLISH)
    chain += [source_language or DEFAULT_SOURCE_LANGUAGE, DEFAULT_SOURCE_LANGUAGE, ENGLISH]
    return list(dict.fromkeys(code for code in chain if code))


def text_in(values: dict, requested: str, source_language: str) -> LocalizedText:
    """A text of a frozen document (``{language: text}``) for a reader of ``requested``."""
    for code in fallback_chain(requested, source_language):
        if value := values.get(code):
            return LocalizedText(value, code, requested)
    return LocalizedText("", requested, requested)


def source_language_of(obj) -> str:
    """An issue says what it was written in; everything else is written in Chinese first."""
    return getattr(obj, "source_language", None) or DEFAULT_SOURCE_LANGUAGE


def localized(obj, field: str, source_language: str | None = None) -> LocalizedText:
    """``obj.<field>`` in the active language, else in the first language that has it."""
    requested = get_language() or settings.LANGUAGE_CODE
    source_language = source_language or source_language_of(obj)
    for code in fallback_chain(requested, source_language):
        value = getattr(obj, build_localized_fieldname(field, code), None)
        if value:
            return LocalizedText(value, code, requested)
    return LocalizedText("", requested, requested)


def has_language(obj, field: str, language: str) -> bool:
    return bool(getattr(obj, build_localized_fieldname(field, language), None))


def translated_search_fields(*field_names: str, prefix: str = "") -> list[str]:
    """Search lookups for every language version of translated fields.

    An editor searching "红树林" or "mangrove" finds the record whichever language
    the words are stored in.
    """
    return [
        prefix + build_localized_fieldname(name, code)
        for name in field_names
        for code, _label in settings.LANGUAGES
    ]
