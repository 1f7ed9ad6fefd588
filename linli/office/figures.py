"""The office's figures for the street's overview: per neighborhood, one query each, from
the stored monthly figures (MonthStat) and the partial index of open requests."""

from datetime import date
from typing import Any

from django.db.models import Count
from django.utils import timezone

from .actions.stats import median
from .models import MonthStat, Request
from .selectors import overdue_q


def months_back(n: int) -> list[date]:
    today = timezone.localdate()
    y, m = today.year, today.month
    out = []
    for _ in range(n):
        out.append(date(y, m, 1))
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    return list(reversed(out))


def open_requests(neighborhood_ids) -> dict[int, dict[str, int]]:
    """{neighborhood id: {"open": n, "overdue": n}}: one query over open requests only
    (the `request_open` partial index)."""
    rows = (
        Request.objects.filter(neighborhood_id__in=neighborhood_ids, status__in=Request.OPEN)
        .values("neighborhood_id")
        .annotate(n_open=Count("id"), n_late=Count("id", filter=overdue_q()))
    )
    return {r["neighborhood_id"]: {"open": r["n_open"], "overdue": r["n_late"]} for r in rows}


def service_levels(neighborhood_ids, months: int = 12) -> dict[int, dict[str, Any]]:
    """{neighborhood id: submitted, resolved, late, on_time (% or None), median_resolve
    (hours or None), per_month [submitted…]} over the last `months` months, from MonthStat
    (one query)."""
    labels = months_back(months)
    out: dict[int, dict[str, Any]] = {
        nid: {
            "submitted": 0,
            "resolved": 0,
            "late": 0,
            "hours": {},
            "per_month": dict.fromkeys(labels, 0),
        }
        for nid in neighborhood_ids
    }
    for row in MonthStat.objects.filter(
        neighborhood_id__in=neighborhood_ids, month__gte=labels[0]
    ).only("neighborhood_id", "month", "submitted", "resolved", "resolved_late", "resolve_hours"):
        f = out[row.neighborhood_id]
        f["submitted"] += row.submitted
        f["resolved"] += row.resolved
        f["late"] += row.resolved_late
        f["per_month"][row.month] = f["per_month"].get(row.month, 0) + row.submitted
        for hours, n in row.resolve_hours.items():
            f["hours"][hours] = f["hours"].get(hours, 0) + n
    for f in out.values():
        f["on_time"] = (
            round(100 * (f["resolved"] - f["late"]) / f["resolved"]) if f["resolved"] else None
        )
        f["median_resolve"] = median(f.pop("hours"))
        f["per_month"] = [f["per_month"][m] for m in labels]
    return out
