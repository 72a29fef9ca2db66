"""Refuse to save over changes someone else saved after the form was opened.

The change form carries, signed, the values of every field it edits (the record's and
its inline rows') as they were when it was opened. On save, the record and its rows
are locked, read again and compared: if anything the form edits changed in between,
the save is refused and the form shows what changed and who changed it, never
overwriting silently. Unlike a version number, this refuses only what would really
overwrite: a change to a field this form does not edit, or a change that was undone,
passes.
"""

import datetime

from django.apps import apps
from django.contrib.admin.utils import unquote
from django.core import signing
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit import revisions

FIELD = "_loaded_state"
SALT = "editorial.concurrency.loaded-state"


class ConcurrentEditMixin:
    change_form_template = "admin/editorial/change_form.html"

    # The state of what the form edits.

    def editing_state(self, request, obj) -> dict:
        """{section: {"model": label, "rows": {pk: {"label": str, "values": {…}}}}}.

        Section "" is the record itself; the others are its inline formsets by prefix.
        """
        fields = _model_fields(self.get_form(request, obj, change=True))
        state = {"": _section(type(obj), [obj], fields)}
        for inline in self.get_inline_instances(request, obj):
            formset = inline.get_formset(request, obj)
            rows = inline.get_queryset(request).filter(**{formset.fk.name: obj}).order_by("pk")
            state[formset.get_default_prefix()] = _section(
                formset.model, rows, _model_fields(formset.form)
            )
        return state

    def loaded_state_token(self, request, obj) -> str:
        return signing.dumps(
            {"at": timezone.now().isoformat(), "state": self.editing_state(request, obj)},
            salt=SALT,
            compress=True,
        )

    # Locking and checking.

    def get_object(self, request, object_id, from_field=None):
        if request.method == "POST" and transaction.get_connection().in_atomic_block:
            self._lock(request, unquote(object_id))
        return super().get_object(request, object_id, from_field)

    def _lock(self, request, object_id):
        """Lock the record and its inline rows before anything of them is read."""
        try:
            locked = list(self.model._default_manager.select_for_update().filter(pk=object_id))
        except (ValueError, ValidationError):
            return
        if not locked:
            return
        for inline in self.get_inline_instances(request, locked[0]):
            formset = inline.get_formset(request, locked[0])
            list(
                formset.model._default_manager.select_for_update()
                .filter(**{formset.fk.name: locked[0]})
                .order_by("pk")
                .values_list("pk", flat=True)
            )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None or request.method != "POST" or FIELD not in request.POST:
            # Only forms opened in the admin carry the loaded state; scripts posting
            # their own data are not checked.
            return form
        admin, original_clean = self, form.clean

        def clean(form_self):
            cleaned_data = original_clean(form_self)
            admin.check_not_changed_since_loaded(request, obj, form_self)
            return cleaned_data

        form.clean = clean  # the class is made afresh for this request
        return form

    def check_not_changed_since_loaded(self, request, obj, form):
        try:
            loaded = signing.loads(request.POST[FIELD], salt=SALT)
        except signing.BadSignature:
            raise ValidationError(
                _("This form could not be checked against the stored record. Open it again."),
                code="concurrent_edit",
            ) from None
        fresh = type(obj)._default_manager.get(pk=obj.pk)
        changes = revisions.compare(
            _record_states(loaded["state"]), _record_states(self.editing_state(request, fresh))
        )
        if not changes:
            return
        loaded_at = datetime.datetime.fromisoformat(loaded["at"])
        since = revisions.versions_of(fresh).filter(revision__date_created__gt=loaded_at)
        form.concurrent_changes = changes
        form.concurrent_editors = sorted(
            {str(v.revision.user) for v in since if v.revision.user is not None}
        )
        raise ValidationError(CONFLICT_MESSAGE, code="concurrent_edit")

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None:
            if request.method == "POST" and FIELD in request.POST:
                # Keep what was loaded: a refused form stays refused until reopened.
                context["loaded_state"] = request.POST[FIELD]
            else:
                context["loaded_state"] = self.loaded_state_token(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)


CONFLICT_MESSAGE = gettext_lazy(
    "Someone else saved this record after you opened it, so your changes were not saved. "
    "What they changed is listed below. Open the record again to see the current version, "
    "then make your changes again."
)


def _model_fields(form_class) -> list[str]:
    return list(form_class.base_fields)


def _section(model, records, field_names) -> dict:
    fields = []
    for name in field_names:
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if model_field.concrete or model_field.many_to_many:
            fields.append(model_field)
    records = list(records)
    # One query per many-to-many field for all the rows (an article's topics), not per row.
    prefetch_related_objects(records, *(f.name for f in fields if f.many_to_many))
    rows = {}
    for record in records:
        values = {}
        for model_field in fields:
            if model_field.many_to_many:
                value = sorted(related.pk for related in getattr(record, model_field.name).all())
            else:
                value = getattr(record, model_field.attname)
                if not isinstance(value, str | int | float | bool | type(None)):
                    value = model_field.value_to_string(record)
            values[model_field.attname] = value
        rows[str(record.pk)] = {"label": str(record), "values": values}
    return {"model": model._meta.label, "rows": rows}


def _record_states(state) -> dict:
    records = {}
    for section in state.values():
        model = apps.get_model(section["model"])
        for pk, row in section["rows"].items():
            records[(model, pk)] = revisions.RecordState(model, row["label"], row["values"])
    return records
