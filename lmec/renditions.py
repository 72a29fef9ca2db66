"""Smaller copies of uploaded photos for the reading site, so a phone does not download a
10 MB original to show it 360 px wide.

Each rendition is a WebP file beside the original in the same storage, named after it
(``renditions/<original name>.<width>.webp``), made when the image is saved (or by
``manage.py make_renditions``). Pages know which renditions exist from the image's stored
width alone, without asking the storage: one for each of ``WIDTHS`` narrower than the
original. PDFs keep printing from the original.
"""

import contextlib
import io
import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

logger = logging.getLogger(__name__)

WIDTHS = (480, 960, 1600)
WEBP_QUALITY = 80


def rendition_name(name: str, width: int) -> str:
    return f"renditions/{name}.{width}.webp"


def widths_for(original_width: int | None) -> list[int]:
    """The rendition widths an image of this width has: those it can be scaled down to."""
    if not original_width:
        return []
    return [width for width in WIDTHS if width < original_width]


def make_renditions(field_file) -> tuple[int | None, int | None, list[str]]:
    """Write the renditions of an uploaded image; returns its width and height as shown
    (after the camera's EXIF rotation) and the names written.

    Animated images are left as they are (a WebP of one frame would lose the animation).
    An image Pillow cannot scale is logged and shown as it is: (None, None, []). If the
    storage fails half-way (a full disk), what was written is removed and the storage's
    error raised, for the caller to report.
    """
    with field_file.open("rb"):
        data = field_file.read()
    try:
        size, files = _scaled_copies(data)
    except Exception:  # Pillow's errors are OSError, ValueError…: the original stays usable
        logger.exception("No renditions for %s", field_file.name)
        return None, None, []
    written = []
    try:
        for width, content in files:
            name = rendition_name(field_file.name, width)
            field_file.storage.delete(name)  # a re-upload under the same name replaces it
            written.append(field_file.storage.save(name, ContentFile(content)))
    except Exception:
        delete_renditions(field_file.storage, written)
        raise
    return *size, written


def _scaled_copies(data: bytes):
    """The image's size as shown, and a WebP file for each rendition width, in memory."""
    with Image.open(io.BytesIO(data)) as original:
        if getattr(original, "is_animated", False):
            return original.size, []
        image = ImageOps.exif_transpose(original)
        image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P", "PA") else "RGB")
    files = []
    for width in widths_for(image.width):
        height = max(1, round(image.height * width / image.width))
        output = io.BytesIO()
        image.resize((width, height), Image.Resampling.LANCZOS).save(
            output, "WEBP", quality=WEBP_QUALITY, method=4
        )
        files.append((width, output.getvalue()))
    return image.size, files


def delete_renditions(storage, names) -> None:
    for name in names:
        with contextlib.suppress(Exception):
            storage.delete(name)


def rendition_names(name: str) -> list[str]:
    """Every rendition an image of that name may have, for clean-ups."""
    return [rendition_name(name, width) for width in WIDTHS]


@dataclass(frozen=True)
class Sources:
    """What an ``<img>`` needs: ``src``, a ``srcset`` when there are renditions, the size."""

    src: str
    srcset: str
    width: int | None
    height: int | None


def sources(field_file, width: int | None, height: int | None) -> Sources:
    """The original and its renditions as ``src`` and ``srcset``, without asking the storage."""
    widths = widths_for(width)
    if not widths:
        return Sources(field_file.url, "", width, height)
    storage = field_file.storage
    candidates = [f"{storage.url(rendition_name(field_file.name, w))} {w}w" for w in widths]
    if width <= WIDTHS[-1]:
        # No rendition as wide as the original: it is the sharpest choice.
        candidates.append(f"{field_file.url} {width}w")
    # The largest rendition is the fallback: browsers without srcset get a sensible file too.
    largest = storage.url(rendition_name(field_file.name, widths[-1]))
    return Sources(largest, ", ".join(candidates), width, height)
