"""Admin helpers shared by the apps."""

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname


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
