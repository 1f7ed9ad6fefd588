"""Charts: pygal renders SVG on the server, shown as an <img> with a data: URI, so a chart
works without JavaScript and under the strict CSP (an SVG image runs no script and its
styles stay inside it). Put the numbers in a table beside it too, for screen readers.

    {{ chart }}  →  <img class="chart" src="data:image/svg+xml;base64,…" alt="title">
"""

import base64
import hashlib
import re

import pygal
from django.core.cache import cache
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from pygal.style import Style

STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#1d2430",
    foreground_strong="#1d2430",
    foreground_subtle="#5a6472",
    colors=("#0b6e4f", "#1a5fb4", "#b7791f", "#b3261e", "#6d28d9", "#0e7490"),
    font_family="system-ui, 'Noto Sans CJK SC', sans-serif",
    label_font_size=12,
    major_label_font_size=12,
    value_font_size=12,
    legend_font_size=12,
    title_font_size=14,
)


def _config(chart_class, title, **options):
    return chart_class(
        title=title,
        style=STYLE,
        js=[],
        disable_xml_declaration=True,
        explicit_size=False,
        width=options.pop("width", 640),
        height=options.pop("height", 320),
        show_legend=options.pop("show_legend", True),
        print_values=options.pop("print_values", False),
        legend_at_bottom=True,
        truncate_label=-1,
        no_data_text=str(_("No data yet")),
        **options,
    )


def _img(chart, title):
    svg = chart.render(is_unicode=True)
    svg = re.sub(r"<script.*?</script>", "", svg, flags=re.S)
    data = base64.b64encode(svg.encode()).decode()
    return format_html(
        '<img class="chart" src="data:image/svg+xml;base64,{}" alt="{}">', data, title
    )


CACHE_SECONDS = 3600


def _cached(kind, draw, *args, **options):
    """A chart depends only on its data and the language; pygal takes 10–40 ms to draw one,
    so each drawing is kept in the cache (shared by all processes with Redis)."""
    key = (
        "chart:"
        + hashlib.sha256(
            repr((kind, args, sorted(options.items()), get_language())).encode()
        ).hexdigest()
    )
    html = cache.get(key)
    if html is None:
        html = str(draw(*args, **options))
        cache.set(key, html, CACHE_SECONDS)
    return mark_safe(html)  # built with format_html


def bar(title, labels, series: dict, horizontal=False, **options):
    return _cached(
        "bar",
        _bar,
        str(title),
        [str(x) for x in labels],
        {str(k): list(v) for k, v in series.items()},
        horizontal,
        **options,
    )


def line(title, labels, series: dict, **options):
    return _cached(
        "line",
        _line,
        str(title),
        [str(x) for x in labels],
        {str(k): list(v) for k, v in series.items()},
        **options,
    )


def pie(title, parts: dict, **options):
    return _cached("pie", _pie, str(title), {str(k): v for k, v in parts.items()}, **options)


def _bar(title, labels, series: dict, horizontal=False, **options):
    """series: {name: [values aligned with labels]} → inline SVG markup."""
    chart = _config(pygal.HorizontalBar if horizontal else pygal.Bar, title, **options)
    chart.x_labels = [str(label) for label in labels]
    for name, values in series.items():
        chart.add(str(name), list(values))
    return _img(chart, title)


def _line(title, labels, series: dict, **options):
    chart = _config(pygal.Line, title, **options)
    chart.x_labels = [str(label) for label in labels]
    for name, values in series.items():
        chart.add(str(name), list(values))
    return _img(chart, title)


def _pie(title, parts: dict, **options):
    chart = _config(pygal.Pie, title, **options)
    for name, value in parts.items():
        chart.add(str(name), value)
    return _img(chart, title)


def ranked_bars(title, items, *, legend=(), note=""):
    """Horizontal bars, highest first, for rates from 0 to 100: one row per item, its label
    as HTML text (it wraps, and never overprints a neighbour as an axis label can), then its
    bars as a small inline SVG (rect widths are attributes, not styles, so the CSP allows
    them), then the value as text.

    items: [{"label": str, "values": [rate, …], "texts": [shown value, …]}] — values in
    percent, one per series; the first series sorts the rows and draws the thick bar.
    legend: the series' names, in order. The figure is hidden from screen readers, which
    read the table that goes beside it (say so in `note`).
    """
    from django.template.loader import render_to_string

    def width(value):
        return round(max(0.0, min(100.0, float(value or 0))), 1)

    rows = sorted(
        items, key=lambda item: -(item["values"][0] or 0)
    )  # stable: ties keep their order
    for row in rows:
        row["bars"] = [
            {"width": width(value), "y": 0 if i == 0 else 12, "height": 10 if i == 0 else 5}
            for i, value in enumerate(row["values"][:2])
        ]
    return render_to_string(
        "core/ranked_bars.html",
        {"title": title, "rows": rows, "legend": list(legend)[:2], "note": note},
    )
