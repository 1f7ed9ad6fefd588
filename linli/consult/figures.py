"""Consultation figures for the street's overview: who has been heard, per neighborhood,
from the stored per-building tallies (one query)."""

from datetime import timedelta

from django.db.models import Count, Sum
from django.utils import timezone

from .models import BuildingTally


def participation(neighborhood_ids, days: int = 365) -> dict[int, dict]:
    """{neighborhood id: {"consultations": n, "heard": households heard, "eligible": households
    asked, "share": % or None}} over the consultations open in the last `days` days."""
    since = timezone.now() - timedelta(days=days)
    rows = (
        BuildingTally.objects.filter(
            consultation__neighborhood_id__in=neighborhood_ids,
            consultation__closes_at__gte=since,
            consultation__opens_at__lte=timezone.now(),
        )
        .values("consultation__neighborhood_id")
        .annotate(
            consultations=Count("consultation_id", distinct=True),
            heard=Sum("households_heard"),
            eligible=Sum("eligible_households"),
        )
    )
    out = {}
    for r in rows:
        heard, eligible = r["heard"] or 0, r["eligible"] or 0
        out[r["consultation__neighborhood_id"]] = {
            "consultations": r["consultations"],
            "heard": heard,
            "eligible": eligible,
            "share": round(100 * heard / eligible) if eligible else None,
        }
    return out
