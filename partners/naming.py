"""How a partner is named to readers, everywhere: its full name in the page's language,
then its acronym in brackets where it has one ("World Wide Fund for Nature (WWF)",
"世界自然基金会（WWF）"). Pages, PDFs, feeds and the search index use ``display_name``;
lists of partners sort by ``lmec.collation.sort_key`` of it.
"""

import re

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname

from lmec.localized import LocalizedText, localized

# An acronym is Latin capitals (with digits, "&", "-" or "."), however an editor entered
# it: "WWF", "UNICEF", "FECO", "MoNRE". Short forms such as 儿基会 or 生态环境部 are not.
ACRONYM = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Za-z0-9&.\-]{1,11}$")
# Languages whose text takes full-width brackets.
FULL_WIDTH_BRACKETS = ("zh-hans",)
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def acronym(short_names: dict) -> str:
    """The acronym among an organization's short names (``{language: short name}``), the
    English one first."""
    for code in ["en", *LANGUAGE_CODES]:
        value = (short_names.get(code) or "").strip()
        if ACRONYM.match(value):
            return value
    return ""


def display_name(name: LocalizedText, short_names: dict) -> LocalizedText:
    """The name readers see: ``name`` (in the page's language, or its fallback), and the
    acronym in brackets unless the name is it or already holds it."""
    letters = acronym(short_names)
    if not letters or letters in name:
        return name
    pattern = "{}（{}）" if name.lang in FULL_WIDTH_BRACKETS else "{} ({})"
    text = LocalizedText(pattern.format(name, letters), name.lang, name.lang)
    text.is_fallback = name.is_fallback
    return text


def short_names_of(organization) -> dict:
    return {
        code: value
        for code in LANGUAGE_CODES
        if (value := getattr(organization, build_localized_fieldname("short_name", code), ""))
    }


def organization_name(organization) -> LocalizedText:
    """``display_name`` of an Organization (or its published version)."""
    return display_name(localized(organization, "name"), short_names_of(organization))


def monogram(name: str, short_names: dict) -> str:
    """What stands for a partner without a logo: the first letter of its acronym, else of
    its name (one letter: the name beside it is not said twice)."""
    return (acronym(short_names) or name.strip())[:1].upper()
