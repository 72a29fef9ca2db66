"""Which language a translated value really comes from.

modeltranslation already falls back to Chinese when a field is empty in the reader's
language, but it does not say so. Pages must mark such text with its own ``lang``
attribute and tell the reader; ``localized()`` returns the text together with the
language it was found in.
"""

from django.conf import settings
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname

DEFAULT_SOURCE_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


class LocalizedText(str):
    """A string that knows its language (``.lang``) and whether it is a fallback."""

    lang: str
    is_fallback: bool

    def __new__(cls, value, lang, requested):
        text = super().__new__(cls, value)
        text.lang = lang
        text.is_fallback = bool(value) and lang != requested
        return text


# Readers of these languages are shown English where their own is missing, before the
# item's source language: a Thai reader understands the English of an issue written in
# Chinese far more often than its Chinese.
ENGLISH_FIRST = ("th", "vi", "lo", "km", "my")


def language_chain(requested: str, source_language: str | None = None) -> list[str]:
    """The languages to try, in order: the reader's, English for the Mekong languages,
    then the item's source language (the one rule for every output)."""
    source_language = source_language or DEFAULT_SOURCE_LANGUAGE
    chain = [requested, *(["en"] if requested in ENGLISH_FIRST else []), source_language]
    chain += list(settings.MODELTRANSLATION_FALLBACK_LANGUAGES)
    return list(dict.fromkeys(code for code in chain if code))


def text_in(values: dict, requested: str, source_language: str) -> LocalizedText:
    """A text of a frozen document (``{language: text}``) for a reader of ``requested``."""
    for code in language_chain(requested, source_language):
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
    for code in language_chain(requested, source_language):
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
