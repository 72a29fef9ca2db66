"""Pages sent compressed: Brotli to the browsers that accept it (all current ones), else
gzip, so that a reader on a slow connection gets an issue page in a fifth of its size.

Static files are compressed once, ahead of time, by WhiteNoise (``collectstatic`` writes
a ``.br`` and a ``.gz`` beside each; ``brotli`` is installed for it) and never reach this
middleware. Pages are compressed here, for every deployment alike (with nginx in front
or not: docs/examples/nginx.conf leaves them as they come); the anonymous page cache keeps
them uncompressed, so one copy serves every encoding.

The admin is left uncompressed: its pages hold secrets (CSRF tokens, session-bound
forms) beside what a visitor may type, what a BREACH attack needs; the public pages hold
none.
"""

import re

import brotli
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string

COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/ld+json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/javascript",
    "image/svg+xml",
)
MIN_BYTES = 512  # below this the headers weigh more than what compression saves
BROTLI_QUALITY = 5  # of 11: most of the gain for a few milliseconds on a 50 KB page
UNCOMPRESSED_PREFIXES = ("/admin/",)


def accepted_encodings(header: str) -> set[str]:
    """The encodings an Accept-Encoding header accepts ("br;q=1.0, gzip, *;q=0")."""
    accepted = set()
    for part in header.lower().split(","):
        name, _, params = part.strip().partition(";")
        quality = re.search(r"q\s*=\s*([0-9.]+)", params)
        if name and not (quality and float(quality.group(1) or 0) == 0):
            accepted.add(name.strip())
    return accepted


class CompressionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.streaming
            or response.has_header("Content-Encoding")
            or not response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES)
            or request.path_info.startswith(UNCOMPRESSED_PREFIXES)
            or len(response.content) < MIN_BYTES
        ):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        accepted = accepted_encodings(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        if "br" in accepted:
            encoding, body = "br", brotli.compress(response.content, quality=BROTLI_QUALITY)
        elif "gzip" in accepted:
            encoding, body = "gzip", compress_string(response.content)
        else:
            return response
        if len(body) >= len(response.content):
            return response
        response.content = body
        response["Content-Length"] = str(len(body))
        response["Content-Encoding"] = encoding
        # The bytes differ from the uncompressed ones: a strong validator would lie.
        if etag := response.get("ETag"):
            response["ETag"] = etag if etag.startswith("W/") else f"W/{etag}"
        return response
