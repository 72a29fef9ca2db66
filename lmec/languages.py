"""The seven languages: their CLDR locale (Babel), the names of countries in each, and the
language a reader who arrives without one in the address is sent to.
"""

from functools import cache

from babel import Locale
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.urls import is_valid_path
from django.utils import translation
from django.utils.translation.trans_real import (
    get_supported_language_variant,
    parse_accept_lang_header,
)

ENGLISH = "en"
# The admin's interface is complete in these two (PRODUCT.md).
ADMIN_LANGUAGES = ("zh-hans", "en")

# Babel's locale for each language code of settings.LANGUAGES. English dates put the day
# first ("3 August 2020"): CLDR's international English, as the center writes them.
BABEL_LOCALES = {
    "zh-hans": "zh_Hans",
    "en": "en_001",
    "th": "th",
    "vi": "vi",
    "lo": "lo",
    "km": "km",
    "my": "my",
}


@cache
def babel_locale(language: str) -> Locale:
    return Locale.parse(BABEL_LOCALES.get(language, BABEL_LOCALES[ENGLISH]))


def country_name(code: str, language: str | None = None) -> str:
    """A country's name in ``language`` (the active one by default), from CLDR."""
    territories = babel_locale(language or translation.get_language() or ENGLISH).territories
    return territories.get(str(code).upper(), str(code))


def accepted_language(header: str) -> str | None:
    """The reader's best language among the seven for an Accept-Language header.

    English for a browser that asks only for other languages (a French reader reads
    English more often than Chinese); None when the header names no language at all.
    """
    asked = [code for code, _quality in parse_accept_lang_header(header) if code != "*"]
    for code in asked:
        try:
            return get_supported_language_variant(code)
        except LookupError:
            continue
    return ENGLISH if asked else None


def reader_language(request) -> str:
    """The language chosen before (cookie), else the browser's, else the site's default."""
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if cookie:
        try:
            return get_supported_language_variant(cookie)
        except LookupError:
            pass
    return accepted_language(request.META.get("HTTP_ACCEPT_LANGUAGE", "")) or (
        settings.LANGUAGE_CODE
    )


class ReaderLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, with the reader's language for addresses without one.

    "/" (and any public address without a language) is redirected to the reader's
    language by ``reader_language()``; pages outside the language prefixes (the admin)
    are shown in Chinese or English, the two languages their interface is complete in.
    """

    def process_request(self, request):
        super().process_request(request)
        if translation.get_language_from_path(request.path_info):
            return
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        language = reader_language(request)
        if is_valid_path(request.path_info, urlconf) and language not in ADMIN_LANGUAGES:
            language = ENGLISH
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
