"""What the editors' change forms add to the admin's: the texts of their scripts."""

from django import template
from django.conf import settings
from django.utils.html import json_script
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from lmec import headlines

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
    strings["Other languages: translate side by side"] = _(
        "Other languages: translate side by side"
    )
    return json_script(strings, "editorial-strings")


@register.simple_tag(takes_context=True)
def nested_inlines(context, form):
    """The formsets nested in an inline row (editorial/nesting.py), rendered in place, or
    for a saved row a summary and the button that loads them."""
    from django.template.loader import get_template
    from django.urls import reverse

    from editorial.nesting import admin_formset, shown_now

    request = context["request"]
    parts = []
    for formset in getattr(form, "nested_formsets", ()):
        if shown_now(formset):
            template = get_template("admin/editorial/nested_stacked.html")
            parts.append(
                template.render(
                    {"inline_admin_formset": admin_formset(request, formset), "nested": True},
                    request,
                )
            )
            continue
        opts = context["opts"]
        outer_prefix, _index = form.prefix.rsplit("-", 1)
        url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_nested",
            args=[context["original"].pk, outer_prefix, form.instance.pk, formset.nested_name],
        )
        rows = list(formset.get_queryset())
        parts.append(
            get_template("admin/editorial/nested_summary.html").render(
                {
                    "url": f"{url}?prefix={formset.prefix}",
                    "prefix": formset.prefix,
                    "rows": rows,
                    "opts": formset.model._meta,
                },
                request,
            )
        )
    return mark_safe("".join(parts))


@register.filter
def headline_lines(text):
    """A headline as pages print it: the lines the editor marked with "|", one under the
    other (lmec/headlines.py)."""
    return headlines.as_html(text)
