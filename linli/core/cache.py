"""A Redis cache that slows the site down when Redis is gone, instead of taking it down.

Every operation that fails on a Redis connection error or time-out is treated as a miss: `get`
returns the default, `add` and `set` keep nothing, `incr` counts nothing (returns 0). The error
is logged once a minute per process, never shown to users. Sessions (cached_db) then read from
the database, pages are rendered instead of served from the page cache, and rate limits fall
back to the database. Short socket time-outs (settings.CACHES OPTIONS) keep a hung Redis from
holding requests.
"""

import logging
import time
from functools import wraps

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

log = logging.getLogger("linli.cache")
LOG_EVERY = 60.0
_last_logged = 0.0


def _report(error: Exception, operation: str) -> None:
    global _last_logged
    now = time.monotonic()
    if now - _last_logged >= LOG_EVERY:
        _last_logged = now
        log.error(
            "Redis is unavailable (%s failed: %s); serving without the cache", operation, error
        )


def _tolerant(default):
    def decorate(method):
        @wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                _report(error, method.__name__)
                return default(*args, **kwargs) if callable(default) else default

        return wrapper

    return decorate


def _get_default(key, default=None, version=None):
    return default


class TolerantRedisCache(RedisCache):
    get = _tolerant(_get_default)(RedisCache.get)
    get_many = _tolerant({})(RedisCache.get_many)
    has_key = _tolerant(False)(RedisCache.has_key)
    add = _tolerant(False)(RedisCache.add)
    set = _tolerant(None)(RedisCache.set)
    set_many = _tolerant(lambda data, *a, **k: list(data))(RedisCache.set_many)
    touch = _tolerant(False)(RedisCache.touch)
    delete = _tolerant(False)(RedisCache.delete)
    delete_many = _tolerant(None)(RedisCache.delete_many)
    incr = _tolerant(0)(RedisCache.incr)
    decr = _tolerant(0)(RedisCache.decr)
    clear = _tolerant(False)(RedisCache.clear)

    def available(self) -> bool:
        """Whether Redis answers now (for /readyz)."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except RedisError:
            return False
