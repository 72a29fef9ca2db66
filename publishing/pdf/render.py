"""HTML to PDF with WeasyPrint, with the bundled fonts and no network access.

WeasyPrint is imported here only, on the first render: web processes that merely serve
stored PDFs never load it.
"""

import io
import logging
import sys
import threading
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core.files.storage import default_storage

from publishing.pdf import fonts, patches

logger = logging.getLogger(__name__)

# Images are printed at most this wide or high (pixels): about 270 dpi across the page.
IMAGE_MAX_PIXELS = 2000

# WeasyPrint's font configuration is not meant for two threads at once.
lock = threading.Lock()


@dataclass
class RenderedPDF:
    content: bytes
    pages: int


class ResourceNotAllowed(ValueError):
    pass


@cache
def weasyprint():
    """Import WeasyPrint, without the library search that makes it slow to start.

    WeasyPrint asks cffi for each C library (Pango, HarfBuzz, fontconfig, …) by several
    names; the first ones make ctypes.util.find_library run ldconfig, gcc and ld, 36
    processes and half a second on a busy machine. On Linux the names it tries next
    ("libpango-1.0.so.0") load directly, so the search is skipped while it imports.
    """
    import ctypes.util

    search = ctypes.util.find_library
    if sys.platform == "linux":
        ctypes.util.find_library = lambda name: None
    try:
        import weasyprint
        import weasyprint.text.fonts
    finally:
        ctypes.util.find_library = search
    patches.apply(weasyprint)
    return weasyprint


@cache
def resource_fetcher_class():
    """WeasyPrint's URL fetcher for our PDFs: bundled fonts, uploaded images, data: URLs;
    nothing else (no request leaves the machine while printing)."""
    urls = weasyprint().urls

    class ResourceFetcher(urls.URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("lmec-font:"):
                name = url.removeprefix("lmec-font:")
                if name not in {face.file for face in fonts.FACES}:
                    raise ResourceNotAllowed(url)
                font = open(fonts.FONT_DIR / name, "rb")  # noqa: SIM115 (WeasyPrint closes it)
                return urls.URLFetcherResponse(url, font, {"Content-Type": "font/otf"})
            if url.startswith("lmec-media:"):
                image = image_for_print(url.removeprefix("lmec-media:"))
                return urls.URLFetcherResponse(url, image)
            if url.startswith("data:"):
                return super().fetch(url, headers)
            raise ResourceNotAllowed(f"PDFs load no resource from {url}")

    return ResourceFetcher


def image_for_print(name: str) -> bytes:
    """The uploaded image, scaled down when it is larger than print needs."""
    from PIL import Image

    with default_storage.open(name, "rb") as file:
        data = file.read()
    with Image.open(io.BytesIO(data)) as image:
        if max(image.size) <= IMAGE_MAX_PIXELS:
            return data
        image.thumbnail((IMAGE_MAX_PIXELS, IMAGE_MAX_PIXELS))
        output = io.BytesIO()
        if image.mode in ("RGBA", "LA", "P"):
            image.save(output, "PNG", optimize=True)
        else:
            image.convert("RGB").save(output, "JPEG", quality=85)
        return output.getvalue()


@cache
def font_configuration():
    """One font configuration per process: the bundled fonts are loaded at the first render."""
    return weasyprint().text.fonts.FontConfiguration()


def layout(html: str):
    """Lay ``html`` (from publishing.pdf.document) out in pages: a WeasyPrint Document."""
    return (
        weasyprint()
        .HTML(
            string=html,
            base_url=settings.LMEC_SITE_URL,
            url_fetcher=resource_fetcher_class()(
                allowed_protocols={"data", "lmec-font", "lmec-media"}
            ),
        )
        .render(font_config=font_configuration())
    )


# Readers' files are tagged PDF/UA-1 (structure tree, alt texts, languages, XMP); the
# archival copy is PDF/A-3u, tagged too. The same layout writes either.
READER_VARIANT = {"pdf_variant": "pdf/ua-1"}
ARCHIVAL_VARIANT = {"pdf_variant": "pdf/a-3u", "pdf_tags": True}


def write(document, *, archival: bool = False) -> RenderedPDF:
    content = document.write_pdf(**(ARCHIVAL_VARIANT if archival else READER_VARIANT))
    return RenderedPDF(content=content, pages=len(document.pages))


def render_pdf(html: str, *, archival: bool = False) -> RenderedPDF:
    """Print ``html`` (from publishing.pdf.document) to PDF as it is laid out first;
    composition.compose() looks at the pages and lays them out again where they need it."""
    with lock:
        return write(layout(html), archival=archival)
