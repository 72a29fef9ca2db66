"""An upload that cannot be stored (a full disk) while the admin saves: a message, not a 500.

The admin saves a record, its inline rows and their images in one transaction. When the
storage fails to write an image (OSError: no space left, a quota, a read-only or
unreachable volume; or S3's errors), the whole save is rolled back, the images of that save already
written are deleted, and the form comes back with the editor's other changes and a
message saying what happened and that nothing was saved. The failure is logged as an
error for the operator (docs/operations.md).
"""

import contextlib
import errno
import logging

from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
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
            # save, with the message, and shows what the editor entered.
            setattr(request, FAILURE_ATTRIBUTE, failure)
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
