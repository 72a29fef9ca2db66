"""Checks for uploaded images: by content, not by name, with size and pixel limits."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image

ALLOWED_IMAGE_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}


@deconstructible
class ImageUploadValidator:
    """Refuse files that are not JPEG/PNG/GIF/WebP images, too large, or too many pixels.

    Pillow's own decompression-bomb guard only warns below twice its limit; this
    check reads the header and refuses anything above the configured pixel count
    before the image is ever decoded.
    """

    def __call__(self, file):
        max_bytes = settings.MAX_IMAGE_UPLOAD_BYTES
        if file.size is not None and file.size > max_bytes:
            raise ValidationError(
                _("The image is %(size)s; the largest accepted is %(max)s."),
                code="image_too_large",
                params={"size": filesizeformat(file.size), "max": filesizeformat(max_bytes)},
            )
        position = file.tell() if hasattr(file, "tell") else None
        try:
            file.seek(0)
            with Image.open(file) as image:
                image_format, (width, height) = image.format, image.size
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
            raise ValidationError(
                _("This file is not an image we can read (JPEG, PNG, GIF or WebP)."),
                code="invalid_image",
            ) from error
        finally:
            if position is not None:
                file.seek(position)
        if image_format not in ALLOWED_IMAGE_FORMATS:
            raise ValidationError(
                _("Images must be JPEG, PNG, GIF or WebP; this file is %(format)s."),
                code="invalid_image_format",
                params={"format": image_format},
            )
        if width * height > settings.MAX_IMAGE_PIXELS:
            raise ValidationError(
                _(
                    "The image is %(width)s × %(height)s pixels; at most %(max)s pixels are accepted."
                ),
                code="image_too_many_pixels",
                params={
                    "width": width,
                    "height": height,
                    "max": f"{settings.MAX_IMAGE_PIXELS:,}",
                },
            )

    def __eq__(self, other):
        return isinstance(other, ImageUploadValidator)


validate_image_upload = ImageUploadValidator()
