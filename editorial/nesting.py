"""Inlines inside inlines: an issue's page edits every article with its body and viewpoints.

An inline that lists ``nested_inlines`` gives each of its rows the formsets of those
inlines (``form.nested_formsets``, prefix "<row prefix>-<name>": "articles-0-viewpoints"),
validated and saved with the row. Rendering (templates/admin/editorial/nested_stacked.html
and {% nested_inlines %}) reuses the admin's own stacked inline; static/js/admin-nesting.js
starts the nested formsets of rows added in the page. The whole page reads the nested
rows, their partners, people and events in a fixed number of queries, whatever the number
of articles: the rows come prefetched, and the autocomplete widgets label what is
selected from the rows instead of asking the database once per field.
"""

import re

from django import forms
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AutocompleteMixin, RelatedFieldWidgetWrapper


class KnownChoicesMixin:
    """For an autocomplete widget: label the selected records from ``known`` (records the
    form already holds) rather than with a query of its own."""

    known: dict | None = None

    def optgroups(self, name, value, attr=None):
        selected = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if self.known is None or not set(selected) <= self.known.keys():
            return super().optgroups(name, value, attr)
        default = (None, [], 0)
        if not self.is_required and not self.allow_multiple_selected:
            default[1].append(self.create_option(name, "", "", False, 0))
        for pk in selected:
            label = self.choices.field.label_from_instance(self.known[pk])
            default[1].append(self.create_option(name, pk, label, True, len(default[1])))
        return [default]


def _autocomplete(widget):
    inner = widget.widget if isinstance(widget, RelatedFieldWidgetWrapper) else widget
    return inner if isinstance(inner, AutocompleteMixin) else None


class KnownChoicesForm(forms.ModelForm):
    """A row's form whose autocompletes show its partner, person, event and topics from
    the row's prefetched relations."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            return
        for name, form_field in self.fields.items():
            widget = _autocomplete(form_field.widget)
            if widget is None:
                continue
            model_field = self.instance._meta.get_field(name)
            if model_field.many_to_many:
                cache = getattr(self.instance, "_prefetched_objects_cache", {})
                if name not in cache:
                    continue
                records = list(cache[name])
            elif model_field.is_cached(self.instance):
                related = getattr(self.instance, name)
                records = [related] if related is not None else []
            else:
                continue
            widget.__class__ = _known_class(type(widget))
            widget.known = {str(record.pk): record for record in records}


_KNOWN_CLASSES = {}


def _known_class(widget_class):
    if issubclass(widget_class, KnownChoicesMixin):
        return widget_class
    if widget_class not in _KNOWN_CLASSES:
        _KNOWN_CLASSES[widget_class] = type(
            f"Known{widget_class.__name__}", (KnownChoicesMixin, widget_class), {}
        )
    return _KNOWN_CLASSES[widget_class]


class NestedFormSetMixin:
    """For the formset of an inline whose rows hold formsets of their own.

    ``nested`` is set on the class by ``NestedInlineMixin.get_formset``: (name, inline,
    formset class) for each nested inline.
    """

    nested: tuple = ()

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        self._add_nested(form)
        return form

    @property
    def empty_form(self):
        form = super().empty_form
        self._add_nested(form)
        return form

    def _add_nested(self, form):
        form.nested_formsets = []
        for name, inline, formset_class in self.nested:
            prefix = f"{form.prefix}-{name}"
            # Posted without its rows (a script, a form of another page): they stay as they are.
            bound = self.is_bound and f"{prefix}-TOTAL_FORMS" in form.data
            formset = formset_class(
                data=form.data if bound else None,
                files=form.files if bound else None,
                instance=form.instance,
                prefix=prefix,
                queryset=inline.nested_queryset,
            )
            formset.nested_name = name
            formset.inline = inline
            form.nested_formsets.append(formset)

    def _posted_nested(self, forms=None):
        """(row form, nested formset) for the nested formsets the page posted."""
        for form in self.forms if forms is None else forms:
            for nested in form.nested_formsets:
                if nested.is_bound:
                    yield form, nested

    def _live_forms(self):
        return [
            form for form in self.forms if not (self.can_delete and self._should_delete_form(form))
        ]

    def is_valid(self):
        valid = super().is_valid()
        for _form, nested in self._posted_nested(self._live_forms()):
            valid = nested.is_valid() and valid
        return valid

    def has_changed(self):
        return super().has_changed() or any(n.has_changed() for _f, n in self._posted_nested())

    def save(self, commit=True):
        saved = super().save(commit=commit)
        for form, nested in self._posted_nested(self._live_forms()):
            if form.instance.pk is None:
                continue  # an empty new row the formset left unsaved
            nested.instance = form.instance
            nested.save(commit=commit)
        return saved


class PrefetchedRowsFormSetMixin:
    """For a nested formset: its rows are the parent row's prefetched ones, not a query."""

    def get_queryset(self):
        if not hasattr(self, "_queryset"):
            cache = getattr(self.instance, "_prefetched_objects_cache", {})
            name = self.fk.remote_field.get_accessor_name()
            if self.instance.pk is not None and name in cache:
                self._queryset = cache[name]
            else:
                return super().get_queryset()
        return self._queryset


class NestedInlineMixin:
    """For an InlineModelAdmin whose rows edit ``nested_inlines`` too (by name: the
    related name on the row's model, such as "viewpoints")."""

    nested_inlines: tuple = ()  # (name, inline class)
    template = "admin/editorial/nested_stacked.html"

    def nested_inline_instances(self, request):
        instances = []
        for name, inline_class in self.nested_inlines:
            inline = inline_class(self.model, self.admin_site)
            inline.is_nested = True
            instances.append((name, inline))
        return instances

    def get_formset(self, request, obj=None, **kwargs):
        # The page asks for it several times (the form, its fieldsets, the concurrent-edit
        # state): the classes of the nested formsets are made once per request.
        key = (id(self), getattr(obj, "pk", None))
        made = request.__dict__.setdefault("_nested_formsets", {})
        if not kwargs and key in made:
            return made[key]
        formset = self._nested_formset(request, obj, **kwargs)
        if not kwargs:
            made[key] = formset
        return formset

    def _nested_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        nested = []
        for name, inline in self.nested_inline_instances(request):
            # A row of this page stands for the nested inline's parent: its issue says
            # which language is the source (translators), without a query per row.
            parent = self.model(**{self.fk_name_for(obj): obj}) if obj is not None else None
            nested_class = inline.get_formset(request, parent)
            nested_class = type(
                nested_class.__name__, (PrefetchedRowsFormSetMixin, nested_class), {}
            )
            inline.nested_queryset = inline.get_queryset(request)
            inline.request_parent = parent
            nested.append((name, inline, nested_class))
        return type(formset.__name__, (NestedFormSetMixin, formset), {"nested": tuple(nested)})

    def fk_name_for(self, obj) -> str:
        return forms.models._get_foreign_key(type(obj), self.model, fk_name=self.fk_name).name


def admin_formset(request, formset) -> helpers.InlineAdminFormSet:
    """A nested formset wrapped as the admin's inline templates want it."""
    inline = formset.inline
    parent = inline.request_parent
    return helpers.InlineAdminFormSet(
        inline,
        formset,
        list(inline.get_fieldsets(request, parent)),
        inline.get_prepopulated_fields(request, parent),
        inline.get_readonly_fields(request, parent),
        model_admin=inline,
        has_add_permission=inline.has_add_permission(request, parent),
        has_change_permission=inline.has_change_permission(request, parent),
        has_delete_permission=inline.has_delete_permission(request, parent),
        has_view_permission=inline.has_view_permission(request, parent),
    )


def shown_now(formset) -> bool:
    """Whether a nested formset is rendered with its row, or loaded when the editor asks.

    A saved row's nested rows come on demand (``NestedAdminMixin.nested_view``): an issue
    page with every viewpoint's form in every language would take seconds to draw. Posted
    rows (a refused save) and a new row's (none yet) are drawn at once.
    """
    return formset.is_bound or formset.instance.pk is None


class NestedAdminMixin:
    """For the ModelAdmin of a page with nested inlines: the address a nested formset is
    loaded from, "<id>/nested/<inline prefix>/<row id>/<name>/?prefix=articles-0-viewpoints"."""

    def get_urls(self):
        from django.urls import path

        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/nested/<str:inline>/<int:row>/<str:name>/",
                self.admin_site.admin_view(self.nested_view),
                name="{}_{}_nested".format(*info),
            ),
            *super().get_urls(),
        ]

    def nested_view(self, request, object_id, inline, row, name):
        from django.contrib.admin.utils import unquote
        from django.core.exceptions import PermissionDenied
        from django.http import Http404, HttpResponse
        from django.template.loader import render_to_string

        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        prefix = request.GET.get("prefix", "")
        outer = next(
            (
                instance
                for instance in self.get_inline_instances(request, obj)
                if isinstance(instance, NestedInlineMixin)
                and instance.get_formset(request, obj).get_default_prefix() == inline
            ),
            None,
        )
        if outer is None or not re.fullmatch(rf"{re.escape(inline)}-\d+-{re.escape(name)}", prefix):
            raise Http404
        formset_class = outer.get_formset(request, obj)
        nested = {nested_name: (i, cls) for nested_name, i, cls in formset_class.nested}
        if name not in nested:
            raise Http404
        nested_inline, nested_class = nested[name]
        parent = (
            outer.get_queryset(request).filter(**{outer.fk_name_for(obj): obj, "pk": row}).first()
        )
        if parent is None:
            raise Http404
        formset = nested_class(
            instance=parent, prefix=prefix, queryset=nested_inline.nested_queryset
        )
        formset.nested_name, formset.inline = name, nested_inline
        html = render_to_string(
            "admin/editorial/nested_stacked.html",
            {
                "inline_admin_formset": admin_formset(request, formset),
                "nested": True,
                "loaded": True,
            },
            request,
        )
        return HttpResponse(html)
