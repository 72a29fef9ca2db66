"""Security glue: the Content-Security-Policy of each part of the site, and the client's
address for login rate limiting.

Public pages carry no inline script or style at all, so their policy allows only files
from the site itself. The admin is stricter than it may look: its only inline script is
the import map of the rich-text editor (django-prose-editor), which is allowed by its
SHA-256 hash, computed from the page itself; inline *styles* are allowed there because
the editor and Django's widgets set style attributes.
"""

import base64
import hashlib
import re

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.exceptions import BadRequest

ADMIN_PREFIX = "/admin/"
IMPORTMAP = re.compile(rb'<script type="importmap"[^>]*>(.*?)</script>', re.S)


def script_hash(content: bytes) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(content).digest()).decode() + "'"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy for admin pages."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or not request.path_info.startswith(ADMIN_PREFIX):
            return parts
        update = {"style-src": [UNSAFE_INLINE]}
        content_type = response.get("Content-Type", "")
        if content_type.startswith("text/html") and not response.streaming:
            hashes = [script_hash(match) for match in IMPORTMAP.findall(response.content)]
            if hashes:
                update["script-src"] = hashes
        parts.update = (parts.update or {}) | update
        return parts


class RefuseNulBytesMiddleware:
    """A 400 for a query string holding a NUL byte (``?status=%00``).

    No page has a use for one, PostgreSQL refuses it in any text (a 500 wherever a
    parameter reaches a query), and forms refuse it in posted fields already.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in key or "\x00" in value for key, value in _pairs(request.GET)):
            raise BadRequest("NUL byte in the query string")
        return self.get_response(request)


def _pairs(query_dict):
    for key, values in query_dict.lists():
        for value in values:
            yield key, value


def client_ip(request) -> str:
    """The visitor's address, as the reverse proxy on this host saw it.

    X-Real-IP is trusted only from the proxies named in LMEC_TRUSTED_PROXIES (nginx sets
    it, see docs/nginx.conf); anyone else could forge it to escape the login limit.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_REAL_IP", "").strip()
    if forwarded and remote in settings.LMEC_TRUSTED_PROXIES:
        return forwarded
    return remote


def locked_out(request, original_response=None, credentials=None):
    """The page django-axes shows after too many failed logins, in the admin's look."""
    from django.contrib import admin
    from django.shortcuts import render

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = admin.site.each_context(request) | {"cooloff_minutes": minutes}
    return render(
        request, "admin/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
