"""Cache backends whose failures never fail a request.

The cache only makes the site faster: when Redis is stopped or unreachable, or the
PostgreSQL cache table is missing or the database is away, every operation of these
backends is a miss (``get`` returns the default, ``set`` stores nothing), logged as a
warning, and the request goes on without the cache. After a failure the cache is left
alone for ``LMEC_CACHE_RETRY_SECONDS`` (5) in that process, so that requests do not each
wait for a connection that will fail too; then it is tried again.

Settings name them in place of Django's (lmec/settings.py): anything that uses the cache
(the page cache, and any library) is covered, not only the code that knows about it.
"""

import logging
import time

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.db import DatabaseError, connections, router, transaction

logger = logging.getLogger(__name__)


class FailSoftMixin:
    """Every cache operation: a failure is a miss, logged; the cache rests a moment after one."""

    errors: tuple = ()
    _resting_until = 0.0

    def _attempt(self, operation, fallback, *args, **kwargs):
        if time.monotonic() < self._resting_until:
            return fallback
        try:
            return self._run(operation, *args, **kwargs)
        except self.errors as error:
            retry = settings.LMEC_CACHE_RETRY_SECONDS
            self._resting_until = time.monotonic() + retry
            logger.warning(
                "The cache failed (%s: %s): served without it, trying it again in %s s",
                type(error).__name__,
                error,
                retry,
            )
            return fallback

    def _run(self, operation, *args, **kwargs):
        return operation(*args, **kwargs)

    def get(self, key, default=None, version=None):
        return self._attempt(super().get, default, key, default, version)

    def get_many(self, keys, version=None):
        return self._attempt(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._attempt(super().has_key, False, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(super().set, None, key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(super().add, False, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(super().touch, False, key, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(super().set_many, list(data), data, timeout, version)

    def delete(self, key, version=None):
        return self._attempt(super().delete, False, key, version)

    def delete_many(self, keys, version=None):
        return self._attempt(super().delete_many, None, keys, version)

    def incr(self, key, delta=1, version=None):
        # A counter that cannot be read does not exist, as Django says of a missing key.
        result = self._attempt(super().incr, None, key, delta, version)
        if result is None:
            raise ValueError(f"Key '{key}' not found (the cache is unavailable)")
        return result

    def clear(self):
        return self._attempt(super().clear, None)


class RedisCache(FailSoftMixin, DjangoRedisCache):
    """Django's Redis cache (one connection pool per process and thread, reused)."""

    @property
    def errors(self):
        import redis

        return (redis.RedisError, OSError)


class DatabaseCache(FailSoftMixin, DjangoDatabaseCache):
    """Django's cache in a PostgreSQL table (the table is made by `migrate`, lmec/apps.py)."""

    errors = (DatabaseError,)

    def _run(self, operation, *args, **kwargs):
        # Inside a transaction, a failed query would spoil it: run in a savepoint there.
        alias = router.db_for_write(self.cache_model_class)
        if connections[alias].in_atomic_block:
            with transaction.atomic(using=alias):
                return operation(*args, **kwargs)
        return operation(*args, **kwargs)


# The table production uses when neither REDIS_URL nor CACHE_URL is set (lmec/settings.py).
PRODUCTION_TABLE = "lmec_cache"


def create_cache_tables(using: str = "default", *, tables=()) -> None:
    """Make the missing tables of the database caches settings name, and of ``tables``.

    Run by every `migrate` (lmec/apps.py), even one with nothing to apply, and by the
    migration lmec/0002 for ``PRODUCTION_TABLE`` whatever the settings: a development
    database moved under production settings has its table.
    """
    from django.core.management.commands.createcachetable import Command

    named = {
        config["LOCATION"]
        for config in settings.CACHES.values()
        if config["BACKEND"].endswith("DatabaseCache")
    }
    command = Command()
    command.verbosity = 0
    for table in sorted(named | set(tables)):
        command.create_table(using, table, dry_run=False)
