"""Uploaded images, decoded within limits and encoded again before anything is stored.

The file an editor uploads is never stored or served as it came: it may carry the
camera's GPS position and other metadata, be tens of megapixels, be damaged, or be a
"polyglot" (a GIF that is also valid JavaScript). ``prepare_image`` decodes it once,
within a memory budget, and returns

- the *master*: the image encoded again in its own format, upright, at most
  ``LMEC_IMAGE_MAX_SIDE`` pixels on its longest side, with its colour profile and of its
  EXIF data only the photographer and copyright fields (``KEPT_EXIF_TAGS``);
- its renditions: the WebP copies readers get (lmec/renditions.py).

An image that cannot be decoded whole, or whose copies cannot be made, is refused with
a message (``ImageRefused``), so nothing of it is ever stored or linked.

Memory: Pillow holds a decoded image as width × height × bytes per pixel (4 for colour).
That, for the size the image is decoded at, must stay within
``LMEC_MAX_IMAGE_DECODE_BYTES``; a JPEG is decoded directly at a reduced scale when it is
larger than the master needs (``Image.draft``), and everything after the decoding works on
the master-sized image.
"""

import io
import math
from dataclasses import dataclass, field

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

ALLOWED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
# The renditions' widths (lmec/renditions.py): each at most that wide.
WIDTHS = (480, 960, 1600)
# EXIF fields kept in the master: who took the photo and its copyright, which editors may
# want to keep with it. Everything else goes: GPS position, camera, dates, thumbnails,
# maker notes, XMP and IPTC blocks. The orientation is applied to the pixels instead.
ARTIST, COPYRIGHT = 0x013B, 0x8298
KEPT_EXIF_TAGS = (ARTIST, COPYRIGHT)
JPEG_QUALITY = 90
WEBP_QUALITY = 80
# Bytes Pillow uses for one pixel of a mode; every other mode takes 4.
BYTES_PER_PIXEL = {"1": 1, "L": 1, "P": 1, "I;16": 2, "I;16L": 2, "I;16B": 2, "I;16N": 2}


class ImageRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class PreparedImage:
    """What is stored for an upload: the master and its renditions, all in memory."""

    content: bytes
    format: str
    width: int
    height: int
    renditions: dict[int, bytes] = field(default_factory=dict)  # by rendition width


def prepare_image(data: bytes) -> PreparedImage:
    """The master and renditions of an uploaded image, or ImageRefused saying why not."""
    damaged = ImageRefused(
        _(
            "This image is damaged or incomplete (an upload cut short?) and cannot be "
            "shown. Save it again in an image editor and upload it again."
        )
    )
    try:
        opened = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:  # so many pixels that Pillow will not even open it
        raise ImageRefused(
            _("The image has far more than %(max)s pixels, the most accepted.")
            % {"max": f"{settings.MAX_IMAGE_PIXELS:,}"}
        ) from None
    except (OSError, SyntaxError, ValueError) as error:
        raise ImageRefused(
            _("This file is not an image we can read (JPEG, PNG, GIF or WebP).")
        ) from error
    try:
        with opened as image:
            image_format = image.format
            _check_format_and_size(image)
            if getattr(image, "n_frames", 1) > 1:
                return _prepare_animation(image)
            _decode(image)
            master = _master(image)
            content = _encode_master(master, image_format, image)
            shown = master.convert("RGBA" if _has_alpha(master) else "RGB")
            copies = {
                width: _webp(shown.resize(size, Image.Resampling.LANCZOS))
                for width, size in rendition_sizes(shown.size)
            }
    except ImageRefused:
        raise
    except (OSError, SyntaxError, ValueError, EOFError, MemoryError) as error:
        raise damaged from error
    return PreparedImage(content, image_format, *master.size, renditions=copies)


def rendition_sizes(size: tuple[int, int]) -> list[tuple[int, tuple[int, int]]]:
    """(rendition width, its size in pixels) of each rendition of an image of ``size``."""
    width, height = size
    sizes = []
    for slot in WIDTHS:
        scaled = min(slot, width)
        sizes.append((slot, (scaled, max(1, round(height * scaled / width)))))
    return sizes


def _check_format_and_size(image) -> None:
    if image.format not in ALLOWED_FORMATS:
        raise ImageRefused(
            _("Images must be JPEG, PNG, GIF or WebP; this file is %(format)s.")
            % {"format": image.format}
        )
    width, height = image.size
    if width * height > settings.MAX_IMAGE_PIXELS:
        raise _too_many_pixels(width, height)


def _too_many_pixels(width: int, height: int) -> ImageRefused:
    return ImageRefused(
        _("The image is %(width)s × %(height)s pixels; at most %(max)s pixels are accepted.")
        % {"width": width, "height": height, "max": f"{settings.MAX_IMAGE_PIXELS:,}"}
    )


def _decode(image) -> None:
    """Decode the pixels, at a reduced scale for a JPEG larger than the master needs,
    once the memory this takes is known to be within the budget."""
    if image.format == "JPEG":
        side = settings.LMEC_IMAGE_MAX_SIDE
        scale = side / max(image.size)
        if scale < 1:
            image.draft(
                image.mode, (math.ceil(image.width * scale), math.ceil(image.height * scale))
            )
    _check_memory(image.size, image.mode, frames=1)
    image.load()


def _check_memory(size, mode: str, *, frames: int) -> None:
    width, height = size
    needed = width * height * BYTES_PER_PIXEL.get(mode, 4) * frames
    limit = settings.LMEC_MAX_IMAGE_DECODE_BYTES
    if needed > limit:
        raise ImageRefused(
            _(
                "The image is %(width)s × %(height)s pixels%(frames)s: decoding it would take "
                "%(needed)s of memory, more than the %(limit)s allowed. Save it smaller "
                "and upload it again."
            )
            % {
                "width": width,
                "height": height,
                "frames": _(" in %(count)s frames") % {"count": frames} if frames > 1 else "",
                "needed": filesizeformat(needed),
                "limit": filesizeformat(limit),
            }
        )


def _master(image):
    """The decoded image upright and at most LMEC_IMAGE_MAX_SIDE pixels on a side."""
    side = settings.LMEC_IMAGE_MAX_SIDE
    if max(image.size) > side:
        # In place: reduce() first, then a high-quality resize of what is left.
        image.thumbnail((side, side), Image.Resampling.LANCZOS, reducing_gap=3.0)
    return ImageOps.exif_transpose(image)


def _encode_master(master, image_format: str, original) -> bytes:
    # Nothing of what came with the file is written again unless named below: no
    # comments, XMP, IPTC or application blocks, where a payload could hide.
    kept_info = {key: master.info[key] for key in ("transparency",) if key in master.info}
    master.info = kept_info
    options = {}
    icc_profile = original.info.get("icc_profile")
    if icc_profile and image_format != "GIF":
        options["icc_profile"] = icc_profile
    exif = _kept_exif(original)
    if exif and image_format != "GIF":
        options["exif"] = exif
    if image_format == "JPEG":
        if master.mode not in ("RGB", "L", "CMYK"):
            master = master.convert("RGB")
        options |= {"quality": JPEG_QUALITY, "optimize": True}
    elif image_format == "WEBP":
        master = master.convert("RGBA" if _has_alpha(master) else "RGB")
        options |= {"quality": JPEG_QUALITY}
    output = io.BytesIO()
    master.save(output, image_format, **options)
    return output.getvalue()


def _kept_exif(image) -> bytes:
    source = image.getexif()
    kept = Image.Exif()
    for tag in KEPT_EXIF_TAGS:
        if source.get(tag):
            kept[tag] = source[tag]
    return kept.tobytes() if len(kept) else b""


def _has_alpha(image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        image.mode == "P" and "transparency" in image.info
    )


def _webp(image, **options) -> bytes:
    output = io.BytesIO()
    image.save(output, "WEBP", quality=WEBP_QUALITY, method=4, **options)
    return output.getvalue()


def _prepare_animation(image) -> PreparedImage:
    """An animated GIF or WebP stays animated: its frames are encoded again as they are
    (frame by frame, their metadata and comments dropped), and its renditions are
    animated WebP files."""
    frames_count = image.n_frames
    _check_memory(image.size, "RGBA", frames=frames_count)
    frames, durations = [], []
    for index in range(frames_count):
        image.seek(index)
        frames.append(image.convert("RGBA"))
        durations.append(image.info.get("duration", 100))
    loop = image.info.get("loop", 0)
    output = io.BytesIO()
    if image.format == "GIF":
        frames[0].save(
            output, "GIF", save_all=True, append_images=frames[1:], duration=durations, loop=loop
        )
    else:
        frames[0].save(
            output,
            "WEBP",
            save_all=True,
            append_images=frames[1:],
            duration=durations,
            loop=loop,
            quality=JPEG_QUALITY,
        )
    copies = {}
    for width, size in rendition_sizes(image.size):
        scaled = [frame.resize(size, Image.Resampling.LANCZOS) for frame in frames]
        copies[width] = _webp(
            scaled[0], save_all=True, append_images=scaled[1:], duration=durations, loop=loop
        )
    return PreparedImage(output.getvalue(), image.format, *image.size, renditions=copies)
