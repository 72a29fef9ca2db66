"""QR codes of addresses, as SVG images in ``data:`` URLs (segno).

An ``<img src="data:…">``: the site's Content-Security-Policy allows ``data:`` images and
no inline ``<svg>`` styles, and the page needs no extra request.
"""

from dataclasses import dataclass
from functools import lru_cache

import segno

SCALE = 4  # pixels per module
BORDER = 2  # modules of quiet zone


@dataclass(frozen=True)
class QRCode:
    src: str
    size: int  # pixels, square


# Making a code costs several milliseconds, more than the rest of an issue page; a page's
# address changes rarely, so each process keeps the codes of the pages it served lately.
@lru_cache(maxsize=2048)
def qr_code(text: str) -> QRCode:
    """The QR code of ``text``: dark on white, whatever the page's colours."""
    code = segno.make(text, error="m", micro=False)
    size, _height = code.symbol_size(scale=SCALE, border=BORDER)
    uri = code.svg_data_uri(scale=SCALE, border=BORDER, dark="#000", light="#fff")
    return QRCode(src=uri, size=size)
