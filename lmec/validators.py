"""Checks for uploaded images: by content, not by name, within size, pixel and memory limits.

An upload is decoded and encoded again here (lmec/images.py), once: what cannot be
(damaged, too large to decode, not an image) is refused with the reason, and what can is
kept with the file for the save to store (lmec/renditions.py).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from lmec.images import ImageRefused
from lmec.renditions import prepared


@deconstructible
class ImageUploadValidator:
    """Refuse files that are not JPEG/PNG/GIF/WebP images, too large, too many pixels, too
    much memory to decode, or damaged.

    A file stored already was checked when it was uploaded: it is not read again, so that
    a record whose file went missing can still be saved (lmec/renditions.py reports it).
    """

    def __call__(self, file):
        if getattr(file, "_committed", False):
            return
        max_bytes = settings.MAX_IMAGE_UPLOAD_BYTES
        if file.size is not None and file.size > max_bytes:
            raise ValidationError(
                _("The image is %(size)s; the largest accepted is %(max)s."),
                code="image_too_large",
                params={"size": filesizeformat(file.size), "max": filesizeformat(max_bytes)},
            )
        upload = getattr(file, "file", file)  # a field's file, or the file itself
        position = upload.tell()
        try:
            prepared(upload)
        except ImageRefused as refused:
            raise ValidationError(refused.message, code="image_refused") from None
        finally:
            upload.seek(position)

    def __eq__(self, other):
        return isinstance(other, ImageUploadValidator)


validate_image_upload = ImageUploadValidator()
