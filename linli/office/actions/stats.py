"""The stored monthly figures (MonthStat) that the dashboard reads: kept here, by the
request actions, inside their transactions (the row is locked while it is changed)."""

from datetime import date, datetime
from typing import Any

from django.utils import timezone

from linli.office.models import MonthStat, Request


def _month(dt: datetime) -> date:
    return timezone.localtime(dt).date().replace(day=1)


def _hours(start: datetime, end: datetime) -> str:
    return str(max(0, int((end - start).total_seconds() // 3600)))


def _row(neighborhood_id: int, party: str, when: datetime) -> MonthStat:
    MonthStat.objects.get_or_create(
        neighborhood_id=neighborhood_id, party=party, month=_month(when)
    )
    return MonthStat.objects.select_for_update().get(
        neighborhood_id=neighborhood_id, party=party, month=_month(when)
    )


def on_submitted(request: Request) -> None:
    row = _row(request.neighborhood_id, request.party, request.created_at)
    row.submitted += 1
    row.save(update_fields=["submitted"])


def on_accepted(request: Request, *, sign: int = 1) -> None:
    assert request.accepted_at is not None, "counted when accepted"
    row = _row(request.neighborhood_id, request.party, request.accepted_at)
    key = _hours(request.created_at, request.accepted_at)
    row.accepted = max(0, row.accepted + sign)
    row.accept_hours[key] = max(0, row.accept_hours.get(key, 0) + sign)
    row.save(update_fields=["accepted", "accept_hours"])


def on_resolved(request: Request, *, sign: int = 1) -> None:
    """Count a resolution (sign=1), or take it back when the request is reopened (sign=-1)."""
    assert request.resolved_at is not None, "counted when resolved"
    row = _row(request.neighborhood_id, request.party, request.resolved_at)
    key = _hours(request.created_at, request.resolved_at)
    row.resolved = max(0, row.resolved + sign)
    if request.resolve_due is not None and request.resolved_at > request.resolve_due:
        row.resolved_late = max(0, row.resolved_late + sign)
    row.resolve_hours[key] = max(0, row.resolve_hours.get(key, 0) + sign)
    if not row.resolve_hours[key]:
        del row.resolve_hours[key]
    row.save(update_fields=["resolved", "resolved_late", "resolve_hours"])


def median(histogram: dict[str, int]) -> int | None:
    """The median of a {value: count} histogram (None when empty)."""
    total = sum(histogram.values())
    if not total:
        return None
    seen = 0
    for value in sorted(histogram, key=int):
        seen += histogram[value]
        if seen * 2 >= total:
            return int(value)
    return None


def stats_rebuild(neighborhood_id: int) -> None:
    """Recompute a neighborhood's MonthStat rows from its requests (the demo loader, the
    bench generator and repairs; the actions keep them right after that)."""
    from collections import defaultdict

    rows: defaultdict[tuple[str, date], dict[str, Any]] = defaultdict(
        lambda: {
            "submitted": 0,
            "accepted": 0,
            "resolved": 0,
            "resolved_late": 0,
            "accept_hours": defaultdict(int),
            "resolve_hours": defaultdict(int),
        }
    )
    fields = ("party", "created_at", "accepted_at", "resolved_at", "resolve_due")
    for party, created, accepted, resolved, due in (
        Request.objects.filter(neighborhood_id=neighborhood_id)
        .values_list(*fields)
        .iterator(chunk_size=5000)
    ):
        rows[(party, _month(created))]["submitted"] += 1
        if accepted:
            r = rows[(party, _month(accepted))]
            r["accepted"] += 1
            r["accept_hours"][_hours(created, accepted)] += 1
        if resolved:
            r = rows[(party, _month(resolved))]
            r["resolved"] += 1
            r["resolved_late"] += resolved > due
            r["resolve_hours"][_hours(created, resolved)] += 1
    MonthStat.objects.filter(neighborhood_id=neighborhood_id).delete()
    MonthStat.objects.bulk_create(
        [
            MonthStat(
                neighborhood_id=neighborhood_id,
                party=party,
                month=month,
                submitted=r["submitted"],
                accepted=r["accepted"],
                resolved=r["resolved"],
                resolved_late=r["resolved_late"],
                accept_hours=dict(r["accept_hours"]),
                resolve_hours=dict(r["resolve_hours"]),
            )
            for (party, month), r in rows.items()
        ]
    )


def analyze_requests() -> None:
    """Refresh the planner's statistics after a bulk load (the demo, the bench generator), so
    that the first pages do not run on a plan made for an empty table."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor in ("postgresql", "sqlite"):
            cursor.execute("ANALYZE office_request")
