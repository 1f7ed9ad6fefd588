"""linli.core.charts, remembered: a chart's SVG depends only on its data and the language, and pygal
takes 10–40 ms to draw one, so each drawing is kept in the cache (shared by all processes)."""

import hashlib

from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from linli.core import charts

TTL = 3600


def bar(title, labels, series, **options):
    key = (
        "chart:"
        + hashlib.sha256(
            repr(
                (
                    str(title),
                    [str(x) for x in labels],
                    {str(k): list(v) for k, v in series.items()},
                    sorted(options.items()),
                    get_language(),
                )
            ).encode()
        ).hexdigest()
    )
    html = cache.get(key)
    if html is None:
        html = str(charts.bar(title, labels, series, **options))
        cache.set(key, html, TTL)
    return mark_safe(html)
