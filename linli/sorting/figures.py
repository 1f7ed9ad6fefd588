"""Waste-sorting figures for the street's overview: the neighborhood's score over the last
months, from the stored per-building monthly checks (one query)."""

from datetime import date

from django.db.models import Sum
from django.utils import timezone


def scores(neighborhood_ids, months: int = 3) -> dict[int, dict]:
    """{neighborhood id: {"checks": n, "score": 0–100 or None}}: well sorted share, mixed
    counting half (as BuildingMonth.score), over the last `months` months."""
    from .models import BuildingMonth

    today = timezone.localdate()
    y, m = today.year, today.month - (months - 1)
    while m < 1:
        y, m = y - 1, m + 12
    rows = (
        BuildingMonth.objects.filter(neighborhood_id__in=neighborhood_ids, month__gte=date(y, m, 1))
        .values("neighborhood_id")
        .annotate(good=Sum("good"), mixed=Sum("mixed"), bad=Sum("contaminated"))
    )
    out = {}
    for r in rows:
        total = r["good"] + r["mixed"] + r["bad"]
        out[r["neighborhood_id"]] = {
            "checks": total,
            "score": round(100 * (r["good"] + 0.5 * r["mixed"]) / total) if total else None,
        }
    return out
