"""Files that cannot be stored or went missing: a message in the admin, never a 500.

An upload that cannot be stored (a full disk) while the admin saves:

The admin saves a record, its inline rows and their images in one transaction. When the
storage fails to write an image (OSError: no space left, a quota, a read-only or
unreachable volume; or S3's errors), the whole save is rolled back, the images of that save already
written are deleted, and the form comes back with the editor's other changes and a
message saying what happened and that nothing was saved. The failure is logged as an
error for the operator (docs/operations.md). The disk storage writes each file under a
temporary name first (lmec/storages.py), so nothing truncated stays behind.

A stored file that went missing (a restore without its media, a disk replaced) is named
in a warning on the record's page and on the list showing it; the record can still be
saved, and the editor uploads the file again.
"""

import contextlib
import errno
import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import FileField
from django.db.models.fields.files import FieldFile
from django.forms.models import _get_foreign_key
from django.utils.translation import gettext as _

from lmec.renditions import delete_renditions, rendition_names

logger = logging.getLogger(__name__)


def _storage_errors() -> tuple[type[Exception], ...]:
    """What a storage raises when it cannot write: OSError on disk, botocore's on S3."""
    try:
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:  # django-storages' S3 backend is not in use
        return (OSError,)
    return (OSError, BotoCoreError, ClientError)


STORAGE_ERRORS = _storage_errors()

FULL = {errno.ENOSPC, errno.EDQUOT}
FAILURE_ATTRIBUTE = "_lmec_storage_failure"


class StorageFailure(Exception):
    def __init__(self, error: Exception):
        super().__init__(str(error))
        self.error = error

    @property
    def message(self) -> str:
        if getattr(self.error, "errno", None) in FULL:
            return _(
                "The image could not be stored: the disk for uploaded files is full. "
                "Nothing was saved. Your changes are still in the form below: ask the site's "
                "operator to free some space, then choose the image again and save."
            )
        return _(
            "The image could not be stored (%(error)s). Nothing was saved. Your changes are "
            "still in the form below: ask the site's operator, then choose the image again "
            "and save."
        ) % {"error": getattr(self.error, "strerror", None) or self.error}


class StorageFailureAdminMixin:
    """Put it before every other admin class: its views must enclose the save's transaction."""

    def add_view(self, request, form_url="", extra_context=None):
        return self._saving_files(super().add_view, request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return self._saving_files(super().change_view, request, object_id, form_url, extra_context)

    def _saving_files(self, view, request, *args):
        if request.method != "POST":
            return view(request, *args)
        try:
            return view(request, *args)
        except StorageFailure as failure:
            # Rolled back by now. The same request again: this time the form refuses to
            # save, with the message, and shows what the editor entered. The uploads are
            # read again from their start, or they would look empty ("not an image").
            setattr(request, FAILURE_ATTRIBUTE, failure)
            for _name, uploads in request.FILES.lists():
                for upload in uploads:
                    upload.seek(0)
            return view(request, *args)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        failure = getattr(request, FAILURE_ATTRIBUTE, None)
        if failure is None:
            return form
        original_clean = form.clean

        def clean(form_self):
            original_clean(form_self)
            raise ValidationError(failure.message, code="storage_failure")

        form.clean = clean  # the class is made afresh for this request
        return form

    def save_model(self, request, obj, form, change):
        with _storing_uploads([form]):
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        forms = [form, *(inline_form for formset in formsets for inline_form in formset.forms)]
        with _storing_uploads(forms):
            super().save_related(request, form, formsets, change)


@contextlib.contextmanager
def _storing_uploads(forms):
    try:
        yield
    except STORAGE_ERRORS as error:
        logger.error("Storing an upload failed; the save was rolled back: %s", error)
        for field_file in _stored_uploads(forms):
            with contextlib.suppress(*STORAGE_ERRORS):
                field_file.storage.delete(field_file.name)
            delete_renditions(field_file.storage, rendition_names(field_file.name))
        raise StorageFailure(error) from error


def _stored_uploads(forms):
    """The files uploaded with ``forms`` that were written to their storage."""
    for form in forms:
        for name in form.fields:
            if form.add_prefix(name) not in form.files:
                continue
            value = getattr(form.instance, name, None)
            if isinstance(value, FieldFile) and value.name and value._committed:
                yield value


class MissingFilesAdminMixin:
    """Warn on a record's page, and on a list, about stored files that went missing."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = getattr(response, "context_data", {}).get("original")
        if obj is not None:
            self._warn_missing_files(request, [obj])
        return response

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            self._warn_missing_files(request, changelist.result_list)
        return response

    def _warn_missing_files(self, request, objs):
        missing = [
            _("“%(record)s”: %(field)s “%(name)s”")
            % {"record": record, "field": field.verbose_name, "name": field_file.name}
            for record, field, field_file in self._stored_files(request, objs)
            if not _exists(field_file)
        ]
        if missing:
            messages.warning(
                request,
                _(
                    "These files are missing from the storage; readers do not see them. "
                    "Upload them again: %(files)s."
                )
                % {"files": "; ".join(missing)},
            )

    def _stored_files(self, request, objs):
        """(record, field, file) of the records' files and those of their inline rows
        (named by their record)."""
        groups = [(self.model, [(obj, obj) for obj in objs])]
        for inline in self.get_inline_instances(request):
            if _file_fields(inline.model):
                fk = _get_foreign_key(self.model, inline.model, fk_name=inline.fk_name)
                rows = inline.model._default_manager.filter(
                    **{f"{fk.name}__in": list(objs)}
                ).select_related(fk.name)
                groups.append((inline.model, [(getattr(row, fk.name), row) for row in rows]))
        for model, pairs in groups:
            fields = _file_fields(model)
            for record, row in pairs if fields else []:
                for field in fields:
                    field_file = getattr(row, field.name)
                    if field_file:
                        yield record, field, field_file


def _file_fields(model):
    return [field for field in model._meta.concrete_fields if isinstance(field, FileField)]


def _exists(field_file) -> bool:
    try:
        return field_file.storage.exists(field_file.name)
    except STORAGE_ERRORS:
        return True  # the storage cannot say: no warning rather than a wrong one
