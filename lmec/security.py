"""Security glue: the Content-Security-Policy of each part of the site, query strings
without NUL bytes, and the client's address and known browsers for the login limits.

Public pages carry no inline script or style at all, so their policy allows only files
from the site itself. The admin is stricter than it may look: its only inline script is
the import map of the rich-text editor (django-prose-editor), which is allowed by its
SHA-256 hash, computed from the page itself; inline *styles* are allowed there because
the editor and Django's widgets set style attributes.
"""

import base64
import functools
import hashlib
import ipaddress
import re

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core import signing
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
    """The visitor's address, for the login limits; never a forged one.

    ``REMOTE_ADDR`` unless the request comes from a proxy named in LMEC_TRUSTED_PROXIES
    (addresses or networks): then the header LMEC_CLIENT_IP_HEADER names the visitor.
    ``X-Real-IP`` (nginx) holds one address; ``X-Forwarded-For`` (load balancers, CDNs)
    a list to which each proxy appends the address it saw, so the visitor is the
    right-most address that is not one of our proxies: anything left of it may have been
    written by the visitor. A value that is not an address is ignored (docs/deployment.md).
    """
    remote = request.META.get("REMOTE_ADDR", "")
    header = settings.LMEC_CLIENT_IP_HEADER
    if not header or not _is_trusted_proxy(remote):
        return remote
    value = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
    hops = value.split(",") if header.lower() == "x-forwarded-for" else [value]
    client = remote
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            return client  # not an address: what lies beyond it cannot be trusted
        client = address
        if not _is_trusted_proxy(address):
            break
    return client


def _address(value: str) -> str | None:
    """The IP address in a header's value ("[2001:db8::1]:443" and "1.2.3.4:80" too)."""
    value = value.strip()
    if value.startswith("[") and "]" in value:
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:
        value = value.split(":")[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def _is_trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _trusted_networks(tuple(settings.LMEC_TRUSTED_PROXIES)))


@functools.cache
def _trusted_networks(proxies: tuple[str, ...]):
    return [ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies if proxy.strip()]


# A browser where a user logged in before carries this signed cookie: the lock-out of a
# user name after failures from anywhere does not apply to it (an attacker guessing from
# elsewhere cannot keep the user out), only the lock-out of that name from that address.
KNOWN_DEVICE_COOKIE = "lmec_known_device"
KNOWN_DEVICE_SALT = "lmec.security.known_device"
KNOWN_DEVICE_DAYS = 180


def lockout_parameters(request_or_attempt, credentials=None) -> list:
    """What django-axes counts failures by: the user name on its own (from any address)
    and the address on its own; in a browser the user logged in with before, only that
    user name from that address."""
    username = (credentials or {}).get("username")
    cookies = getattr(request_or_attempt, "COOKIES", None)
    if username and cookies is not None and known_device(request_or_attempt) == username:
        return [["username", "ip_address"]]
    return ["ip_address", "username"]


def known_device(request) -> str | None:
    """The user name that last logged in with this browser, if its cookie is genuine."""
    value = request.COOKIES.get(KNOWN_DEVICE_COOKIE)
    if not value:
        return None
    try:
        return signing.loads(value, salt=KNOWN_DEVICE_SALT, max_age=KNOWN_DEVICE_DAYS * 86400)
    except signing.BadSignature:
        return None


class KnownDeviceMiddleware:
    """Give the browser of a successful login its known-device cookie."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        username = getattr(request, "_lmec_logged_in", None)
        if username:
            response.set_cookie(
                KNOWN_DEVICE_COOKIE,
                signing.dumps(username, salt=KNOWN_DEVICE_SALT),
                max_age=KNOWN_DEVICE_DAYS * 86400,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response


def remember_device(sender, request, user, **kwargs):
    """user_logged_in receiver (lmec/apps.py)."""
    if request is not None:
        request._lmec_logged_in = user.get_username()


def locked_out(request, original_response=None, credentials=None):
    """The page django-axes shows after too many failed logins, in the admin's look."""
    from django.contrib import admin
    from django.shortcuts import render

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = admin.site.each_context(request) | {"cooloff_minutes": minutes}
    return render(
        request, "admin/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
