"""Posting admin change forms as a browser would: with every value the page showed."""

from django.db.models.fields.files import FieldFile


def form_data(response, **changes) -> dict:
    """The data a browser posts back from an admin change page, with ``changes`` applied.

    Includes the inline formsets and the hidden state of the page (``_loaded_state``).
    """
    context = response.context
    forms = [context["adminform"].form]
    data = {}
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = str(management[name].value())
        forms.extend(formset.forms)
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None or value is False or isinstance(value, FieldFile):
                continue
            if value is True:
                data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(item) for item in value]
            else:
                data[key] = str(value)
    if context.get("loaded_state"):
        data["_loaded_state"] = context["loaded_state"]
    return data | changes
