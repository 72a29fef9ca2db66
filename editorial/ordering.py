"""Ordered inline rows: articles in an issue, viewpoints and images in an article,
organizations in an event.

In the browser, static/js/admin-ordering.js numbers the rows as the editor orders them.
On the server, a new row that comes without a position (0, the model's default: a
script-less browser, a form posted by hand) goes after the rows that have one, in the
order the rows were sent, never first.
"""

from django import forms


class PositionedInlineFormSet(forms.BaseInlineFormSet):
    position_field = "position"

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if self.position_field in form.fields:
            form.fields[self.position_field].required = False

    def clean(self):
        super().clean()
        kept = [
            form
            for form in self.forms
            if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
        ]
        last = max((form.cleaned_data.get(self.position_field) or 0 for form in kept), default=0)
        for form in kept:
            if form.cleaned_data.get(self.position_field) is None and form.instance.pk:
                # Left empty on a saved row: it keeps its place.
                stored = form.initial.get(self.position_field) or 0
                form.cleaned_data[self.position_field] = stored
                setattr(form.instance, self.position_field, stored)
            elif form.instance.pk is None and not form.cleaned_data.get(self.position_field):
                last += 1
                form.cleaned_data[self.position_field] = last
                setattr(form.instance, self.position_field, last)
