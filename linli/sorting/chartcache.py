"""Charts rendered once per distinct data: pygal takes tens of milliseconds per chart, so the
rendered <img> is kept in the cache under a hash of its kind, title, labels and values."""

import hashlib

from django.core.cache import cache
from django.utils.safestring import mark_safe

from linli.core import charts

TTL = 24 * 3600


def _plain(value):
    """Data as plain, stable values (lazy translations and dates become strings) for the key."""
    if isinstance(value, dict):
        return tuple((_plain(k), _plain(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(_plain(v) for v in value)
    if value is None or isinstance(value, (int, float, bool)):
        return value
    return str(value)


def chart(kind, title, *args, **options):
    """Like linli.core.charts.<kind>(title, *args, **options), from the cache when the data is the same."""
    key = (
        "chart:"
        + hashlib.sha1(
            repr((kind, _plain(title), _plain(args), _plain(options))).encode()
        ).hexdigest()
    )
    html = cache.get(key)
    if html is None:
        html = str(getattr(charts, kind)(title, *args, **options))
        cache.set(key, html, TTL)
    return mark_safe(html)
