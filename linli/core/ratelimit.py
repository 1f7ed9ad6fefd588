"""Fixed-window counters in the cache, shared by every process when the cache is Redis."""

import time

from django.core.cache import cache

from linli.core.clientip import client_ip  # noqa: F401  (callers have always found it here)


def _key(scope: str, ident: str, window: int) -> str:
    return f"rl:{scope}:{ident}:{int(time.time() // window)}"


def hits(scope: str, ident: str, *, window: int) -> int:
    return cache.get(_key(scope, ident, window), 0)


def hit(scope: str, ident: str, *, window: int) -> int:
    """Count one event; returns the count in the current window."""
    key = _key(scope, ident, window)
    if cache.add(key, 1, timeout=window + 1):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window + 1)
        return 1


def exceeded(scope: str, ident: str, *, limit: int, window: int) -> bool:
    return hits(scope, ident, window=window) >= limit
