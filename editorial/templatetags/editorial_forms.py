"""What the editors' change forms add to the admin's: the texts of their scripts."""

from django import template
from django.conf import settings
from django.utils.html import json_script
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def editorial_strings():
    """The texts static/js/admin-*.js show, in the interface language, as a JSON block
    (data, not a script: the Content-Security-Policy allows it)."""
    strings = {
        # admin-ordering.js
        "Drag to reorder, or use the arrow keys": _("Drag to reorder, or use the arrow keys"),
        "Move up": _("Move up"),
        "Move down": _("Move down"),
        "Row %(number)s": _("Row %(number)s"),
        "%(row)s moved to position %(position)s of %(count)s.": _(
            "%(row)s moved to position %(position)s of %(count)s."
        ),
    }
    # admin-languages.js: the content languages by name, for the page-wide switch.
    strings["languages"] = {
        code: f"{get_language_info(code)['name_local']} · {get_language_info(code)['name_translated']}"
        if get_language_info(code)["name_local"] != get_language_info(code)["name_translated"]
        else get_language_info(code)["name_local"]
        for code, _name in settings.LANGUAGES
    }
    strings["Languages of the fields:"] = _("Languages of the fields:")
    return json_script(strings, "editorial-strings")
