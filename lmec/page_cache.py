"""The anonymous page cache: whole public pages kept in the shared cache (settings.CACHES).

- Only responses a view marked with ``cacheable_page`` (or ``CacheablePageMixin``) are
  stored, only for GET requests by visitors who are not logged in, only with status 200.
  Logged-in users (staff) neither read nor fill it: they may see previews.
- Each stored page carries the *content version* it was rendered under. Any change to
  content (``content_changed()``, called when something is published) sets a new
  version, so every page is rendered afresh and stored over the old one.
- A request that cannot be served from the cache costs it nothing: the middleware decides
  from the request alone (method, the view's mark, the session cookie) before asking the
  cache. A request that can be makes one round trip, reading the page and the current
  version together (``get_many``). A cache that fails is a miss (lmec/cache.py).
- No entry lives past the next scheduled publication: a page stored at 9:00 when an issue
  is scheduled for 9:30 expires at 9:30 and the issue appears on the next request, with no
  job to run. Nothing is kept in process memory, so several servers can share the cache.
"""

import functools
import hashlib
import math
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone

VERSION_KEY = "lmec:page-cache:version"
MAX_QUERY_STRING = 200
CACHEABLE_ATTRIBUTE = "lmec_cacheable"
STORED_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition")


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def content_changed():
    """Forget every cached page, now and again once the current transaction commits.

    The second time closes the window in which another request could render the old
    content (not yet committed) and store it under the new version.
    """
    _new_version()
    transaction.on_commit(_new_version)


def _new_version():
    version = uuid.uuid4().hex
    _cache().set(VERSION_KEY, version, None)
    return version


# Functions returning the next time at which public content changes by itself (a
# scheduled publication), or None. The apps that know such times register one in their
# AppConfig.ready() with ``register_next_change``: the cache knows no app.
_next_change_hooks = []


def register_next_change(hook):
    """Have ``hook(now)`` consulted for the next time pages change without a save."""
    if hook not in _next_change_hooks:
        _next_change_hooks.append(hook)


def seconds_until_next_change(now=None):
    """Seconds until public content next changes by itself, or None when nothing is due."""
    now = now or timezone.now()
    upcoming = [time for hook in _next_change_hooks if (time := hook(now)) is not None]
    if not upcoming:
        return None
    return (min(upcoming) - now).total_seconds()


def lifetime():
    """How long a page stored now may be served: never past the next publication."""
    seconds = settings.PAGE_CACHE_SECONDS
    until_next = seconds_until_next_change()
    if until_next is not None:
        seconds = min(seconds, math.floor(until_next))
    return seconds


def cacheable_page(view):
    """Mark the responses of a function view as fit for the anonymous page cache."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        setattr(response, CACHEABLE_ATTRIBUTE, True)
        return response

    setattr(wrapper, CACHEABLE_ATTRIBUTE, True)  # so the middleware asks the cache first
    return wrapper


class CacheablePageMixin:
    """Mark the responses of a class-based view as fit for the anonymous page cache."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        setattr(response, CACHEABLE_ATTRIBUTE, True)
        return response


def is_cacheable_view(view) -> bool:
    """Whether a view (as URL patterns hold it) marks its pages cacheable."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return issubclass(view_class, CacheablePageMixin)
    return getattr(view, CACHEABLE_ATTRIBUTE, False)


class AnonymousPageCacheMiddleware:
    """Serve and store whole pages for visitors who are not logged in.

    Sits after AuthenticationMiddleware; the middleware above it still runs for cached
    pages, so security headers and Content-Language stay fresh. The page is looked up once
    the URL is resolved (``process_view``), only for views that mark their pages
    cacheable: health checks, search, the admin and static files never reach the cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        lookup = getattr(request, "_page_cache_lookup", None)
        if lookup is not None and self._storable(request, response):
            seconds = lifetime()
            if seconds > 0:
                key, version = lookup
                _cache().set(key, self._freeze(response, version), seconds)
                response["X-Page-Cache"] = "miss"
        return response

    def process_view(self, request, view, view_args, view_kwargs):
        if not is_cacheable_view(view) or not self._applies_to(request):
            return None
        key = self._key(request)
        found = _cache().get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY) or _new_version()
        stored = found.get(key)
        if stored is not None and stored.get("version") == version:
            return self._rebuild(stored)
        request._page_cache_lookup = (key, version)
        return None

    @staticmethod
    def _applies_to(request):
        if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
            return False
        if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
            return False
        # Without a session cookie nobody is logged in: the session store is not asked.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return True
        return not request.user.is_authenticated

    @staticmethod
    def _storable(request, response):
        cache_control = response.get("Cache-Control", "")
        return (
            request.method == "GET"
            and response.status_code == 200
            and getattr(response, CACHEABLE_ATTRIBUTE, False)
            and not response.streaming
            and not response.cookies
            and not response.has_header("Set-Cookie")
            # A page that says it is private (a preview link's) is never shared.
            and "private" not in cache_control
            and "no-store" not in cache_control
        )

    @staticmethod
    def _key(request):
        location = f"{request.get_host()}{request.get_full_path()}"
        digest = hashlib.sha256(location.encode()).hexdigest()
        return f"lmec:page:{digest}"

    @staticmethod
    def _freeze(response, version):
        headers = {name: response[name] for name in STORED_HEADERS if response.has_header(name)}
        return {"version": version, "content": response.content, "headers": headers}

    @staticmethod
    def _rebuild(stored):
        response = HttpResponse(stored["content"])
        for name, value in stored["headers"].items():
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response
