"""Translators change translations only.

A user without the ``bulletins.edit_source_text`` permission (the Translator role) may
open the records they may change, but every field except the translations into the
languages other than the record's source language is disabled. Django ignores what is
posted for a disabled field and keeps the stored value, so this holds on the server
whatever the browser sends.
"""

import copy

from django.utils.translation import get_language_info
from modeltranslation.translator import NotRegistered, translator

from lmec.localized import source_language_of

SOURCE_PERMISSION = "bulletins.edit_source_text"


def may_edit_source(user) -> bool:
    return user.has_perm(SOURCE_PERMISSION)


def translation_field_names(model, source_language: str) -> set[str]:
    """The per-language fields of ``model`` in every language but ``source_language``."""
    return {
        name for name, language in field_languages(model).items() if language != source_language
    }


def field_languages(model) -> dict[str, str]:
    """{per-language field name: its language} of ``model``'s translated fields."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return {}
    return {
        translation_field.name: translation_field.language
        for translation_fields in options.all_fields.values()
        for translation_field in translation_fields
    }


def _restrict(form_class, editable: set[str]):
    for name, form_field in list(form_class.base_fields.items()):
        if name not in editable:
            # A copy: a field declared on the form class is shared by every class made
            # from it, and would stay disabled for everyone after one translator's page.
            form_field = form_class.base_fields[name] = copy.copy(form_field)
            form_field.disabled = True


class _TranslatorRestriction:
    def source_language(self, obj) -> str:
        """The language ``obj`` was written in (for an inline, ``obj`` is the parent)."""
        return source_language_of(obj)

    def translator_editable_fields(self, obj) -> set[str]:
        return translation_field_names(self.model, self.source_language(obj))


class TranslatorFieldsMixin(_TranslatorRestriction):
    """For a ModelAdmin: translators may change only the record's translations."""

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None and not may_edit_source(request.user):
            _restrict(form, self.translator_editable_fields(obj))
        return form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and not may_edit_source(request.user):
            context["translations_only"] = get_language_info(self.source_language(obj))
        return super().render_change_form(request, context, add, change, form_url, obj)


class TranslatorInlineMixin(_TranslatorRestriction):
    """For an inline: translators may change only the rows' translations."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None and not may_edit_source(request.user):
            _restrict(formset.form, self.translator_editable_fields(obj))
        return formset
