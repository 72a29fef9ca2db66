"""How often something may be done, counted in the shared cache (settings.CACHES).

``allow(scope, key, limit=…, period=…)`` counts one more attempt of ``key`` (an address,
a client's IP address) in the current window of ``period`` seconds and says whether it is
within ``limit``. The counters live in the cache every server shares (Redis, or the
database table in production), not in process memory. The key is hashed: no address is
stored in the cache.
"""

import hashlib
import time

from django.core.cache import cache


def allow(scope: str, key: str, *, limit: int, period: int) -> bool:
    window = int(time.time() // period)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cache_key = f"lmec:rate:{scope}:{window}:{digest}"
    if cache.add(cache_key, 1, period):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, period)
        return True
    return count <= limit
