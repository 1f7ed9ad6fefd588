"""Activity for the street's overview: points awarded in each neighborhood (for posts,
answers, votes, volunteering…) and how many people earned them, over the last days
(one query on the (neighborhood, created_at) index)."""

from datetime import timedelta

from django.db.models import Count, Sum
from django.utils import timezone

from .models import PointsEntry


def activity(neighborhood_ids, days: int = 30) -> dict[int, dict]:
    since = timezone.now() - timedelta(days=days)
    rows = (
        PointsEntry.objects.filter(neighborhood_id__in=neighborhood_ids, created_at__gte=since)
        .values("neighborhood_id")
        .annotate(people=Count("person_id", distinct=True), points=Sum("amount"))
    )
    return {r["neighborhood_id"]: {"people": r["people"], "points": r["points"] or 0} for r in rows}
