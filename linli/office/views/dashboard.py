"""The joint office's dashboard: per party and month, from the stored monthly figures."""

import hashlib
import json

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from linli.community.shortcuts import neighborhood_or_404
from linli.core import charts
from linli.core.pagecache import cached_page

from .. import selectors
from ..models import Party


@cached_page
@login_required
def dashboard(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "office.view_dashboard")
    data = selectors.dashboard(neighborhood)
    labels = [m.strftime("%y-%m") for m in data["months"]]
    by = {p: [r for r in data["table"] if r["party"] == p] for p in Party.values}
    names = {p: str(Party(p).label) for p in Party.values}
    # Rendering two SVG charts costs more than the rest of the page: keep them in the cache,
    # keyed by the figures they show (and the language), so they are drawn again only when those change.
    key = (
        "office-charts:"
        + hashlib.sha256(
            json.dumps([get_language(), labels, data["table"]], default=str).encode()
        ).hexdigest()
    )
    cached = cache.get(key)
    if cached is None:
        cached = _charts(labels, by, names)
        cache.set(key, cached, 3600)
    submitted, resolve = cached
    return render(
        request,
        "office/dashboard.html",
        {
            "neighborhood": neighborhood,
            "data": data,
            "submitted_chart": submitted,
            "resolve_chart": resolve,
            "totals": selectors.totals(data["table"]),
            "overdue": [(names[p], p, n) for p, n in data["overdue"].items()],
            "by_party": [
                {"key": p, "label": names[p], "rows": list(reversed(by[p]))} for p in Party.values
            ],
        },
    )


def _charts(labels, by, names):
    submitted = charts.bar(
        _("Requests per month"),
        labels,
        {names[p]: [r["submitted"] for r in by[p]] for p in Party.values},
        width=480,
        height=320,
        x_label_rotation=45,
    )
    resolve = charts.line(
        _("Median hours to resolve"),
        labels,
        {names[p]: [r["median_resolve"] for r in by[p]] for p in Party.values},
        width=480,
        height=320,
        x_label_rotation=45,
    )
    return submitted, resolve
