"""The list of a refused form's errors at the top of the page, each linked to its field.

Django's admin says only "Please correct the errors below." and leaves the editor to find
a viewpoint without an organization 2 000 px further down. The summary names each error
where it is: "Viewpoint 2: organization — This field is required.", with a link that
opens the field's language tab and puts the cursor in it (static/js/admin-editing.js).
"""

from dataclasses import dataclass

from django.forms.forms import NON_FIELD_ERRORS
from django.utils.text import capfirst


@dataclass
class FormError:
    where: str  # "Viewpoint 2: organization", or "" for the record as a whole
    message: str
    field_id: str = ""  # the id of the field's input, for the link


def form_errors(form, row: str = "") -> list[FormError]:
    """The errors of one form; ``row`` names its inline row ("Viewpoint 2")."""
    errors = []
    for name, messages in form.errors.items():
        if name == NON_FIELD_ERRORS or name not in form.fields:
            errors += [FormError(where=row, message=message) for message in messages]
            continue
        field = form[name]
        label = str(field.label)
        where = f"{row}: {label[:1].lower()}{label[1:]}" if row else capfirst(label)
        errors += [
            FormError(where=where, message=message, field_id=field.id_for_label)
            for message in messages
        ]
    return errors


def formset_errors(formset, parent: str = "") -> list[FormError]:
    """The errors of an inline formset, row by row in the order shown (nested ones too)."""
    opts = formset.model._meta
    errors = [
        FormError(where=f"{parent}: {opts.verbose_name_plural}" if parent else "", message=m)
        for m in formset.non_form_errors()
    ]
    for number, form in enumerate(formset.forms, start=1):
        row = f"{capfirst(opts.verbose_name)} {number}"
        if parent:
            row = f"{parent}, {opts.verbose_name} {number}"
        errors += form_errors(form, row)
        for nested in getattr(form, "nested_formsets", ()):
            errors += formset_errors(nested, row)
    return errors


class ErrorSummaryMixin:
    """For a ModelAdmin: ``error_summary`` in the change form's context when it was refused."""

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        adminform = context.get("adminform")
        # Not only when context["errors"] says so: that list knows no nested formset.
        if adminform is not None and request.method == "POST":
            summary = form_errors(adminform.form)
            for inline in context.get("inline_admin_formsets", []):
                summary += formset_errors(inline.formset)
            if summary:
                context["error_summary"] = summary
        return super().render_change_form(request, context, add, change, form_url, obj)
