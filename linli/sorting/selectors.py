"""Reads for the sorting pages; each costs a fixed number of queries."""

from datetime import date, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone, translation

from linli.community.models import Building, Compound, Neighborhood

from . import guide
from .models import BuildingMonth, Check, CollectionDay, DropOffPoint, Item


def published_items_rows(neighborhood_id: int | None) -> list[tuple[Any, ...]]:
    """(id, name_zh, name_en, synonyms, kind, search_keys, search_tokens) of what the neighborhood's guide shows (one query)."""
    published = Item.objects.filter(status=Item.Status.PUBLISHED).filter(
        Q(neighborhood=None) | Q(neighborhood_id=neighborhood_id)
    )
    rows: list[tuple[Any, ...]] = list(
        published.values_list(
            "id",
            "name_zh",
            "name_en",
            "synonyms",
            "kind",
            "search_keys",
            "search_tokens",
            "neighborhood_id",
        )
    )
    local = {r[1] for r in rows if r[7] is not None}
    return [r[:7] for r in rows if r[7] is not None or r[1] not in local]


def search(neighborhood_id: int, query: str, limit: int = 20) -> list[tuple[Any, float]]:
    """[(Entry, score)] from the in-memory index: no query when the index is warm."""
    return guide.index_for(neighborhood_id).search(query, limit=limit)


def items_by_ids(ids: list[int]) -> list[Item]:
    found = Item.objects.in_bulk(ids)
    return [found[i] for i in ids if i in found]


def item_preparation(item: Item) -> str:
    """What to do before dropping it off, in the reader's language."""
    if item.note:
        return item.note
    text = guide.PREPARATION.get(item.preparation)
    if text is None:
        return ""
    return str(text)


def points_of(neighborhood: Neighborhood) -> list[DropOffPoint]:
    """Drop-off points with their compound and buildings served (two queries)."""
    return list(
        DropOffPoint.objects.filter(neighborhood=neighborhood)
        .select_related("compound")
        .prefetch_related("buildings")
        .order_by("compound__name", "name")
    )


def dropoffs_for_building(building: Building) -> list[DropOffPoint]:
    """The points serving a building: those of its compound for everyone or for it (one query)."""
    return list(
        DropOffPoint.objects.filter(compound_id=building.compound_id)
        .filter(Q(buildings=None) | Q(buildings=building))
        .distinct()
        .order_by("name")
    )


def upcoming_collection_days(
    neighborhood: Neighborhood, limit: int = 5, compound_id: int | None = None
) -> list[CollectionDay]:
    qs = CollectionDay.objects.filter(
        neighborhood=neighborhood, ends_at__gte=timezone.now()
    ).select_related("compound")
    if compound_id:
        qs = qs.filter(Q(compound=None) | Q(compound_id=compound_id))
    return list(qs.order_by("starts_at")[:limit])


def collection_days_for_feed(neighborhood: Neighborhood) -> list[CollectionDay]:
    since = timezone.now() - timedelta(days=90)
    return list(
        CollectionDay.objects.filter(neighborhood=neighborhood, starts_at__gte=since)
        .select_related("compound")
        .order_by("starts_at")[:500]
    )


def suggestions(neighborhood: Neighborhood) -> QuerySet[Item]:
    return (
        Item.objects.filter(neighborhood=neighborhood, status=Item.Status.SUGGESTED)
        .select_related("suggested_by")
        .order_by("created_at")
    )


def local_items(neighborhood: Neighborhood) -> QuerySet[Item]:
    return Item.objects.filter(neighborhood=neighborhood, status=Item.Status.PUBLISHED).order_by(
        "name_zh"
    )


def months_back(today: date, n: int) -> list[date]:
    months: list[date] = []
    y, m = today.year, today.month
    for _ in range(n):
        months.append(date(y, m, 1))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return list(reversed(months))


def scoreboard(
    neighborhood: Neighborhood, month: date, trend_months: int = 6
) -> tuple[list[dict[str, Any]], list[date]]:
    """Buildings ranked for one month, with their scores over the months before (two queries)."""
    buildings = list(
        Building.objects.filter(neighborhood=neighborhood)
        .select_related("compound")
        .order_by("compound__name", "sort_key", "number")
    )
    months = months_back(month, trend_months)
    rows = BuildingMonth.objects.filter(
        neighborhood=neighborhood, month__gte=months[0], month__lte=months[-1]
    )
    by_key = {(r.building_id, r.month): r for r in rows}
    table: list[dict[str, Any]] = []
    for b in buildings:
        current = by_key.get((b.pk, month))
        trend = [by_key[(b.pk, m)].score if (b.pk, m) in by_key else None for m in months]
        table.append(
            {
                "building": b,
                "month": current,
                "score": current.score if current else None,
                "trend": trend,
            }
        )
    table.sort(
        key=lambda r: (
            r["score"] is None,
            -(r["score"] or 0),
            r["building"].compound.name,
            r["building"].sort_key,
        )
    )
    return table, months


def building_checks(building: Building) -> QuerySet[Check]:
    return (
        Check.objects.filter(building=building)
        .select_related("point", "recorded_by")
        .order_by("-day", "-id")
    )


def building_months(
    building: Building, months: list[date]
) -> list[tuple[date, BuildingMonth | None]]:
    rows = {
        r.month: r
        for r in BuildingMonth.objects.filter(
            building=building, month__gte=months[0], month__lte=months[-1]
        )
    }
    return [(m, rows.get(m)) for m in months]


def my_compound(user: Any) -> int | None:
    """The signed-in resident's compound id, or None (no query: household and building are loaded by the caller)."""
    household = (
        getattr(user, "household", None) if getattr(user, "is_authenticated", False) else None
    )
    return household.building.compound_id if household else None


def compounds_of(neighborhood: Neighborhood) -> list[Compound]:
    return list(Compound.objects.filter(neighborhood=neighborhood).order_by("name"))


def display_name(obj: Any, field: str = "name") -> str:
    english = translation.get_language() == "en"
    return (getattr(obj, f"{field}_en", "") if english else "") or getattr(obj, field)


def compound_choices(neighborhood: Neighborhood) -> QuerySet[Compound]:
    """The compounds a form offers (a queryset: the form's choice field runs it)."""
    return Compound.objects.filter(neighborhood=neighborhood)


def check_choices(
    neighborhood: Neighborhood,
) -> tuple[QuerySet[Building], QuerySet[DropOffPoint]]:
    """The buildings and drop-off points the bin-check form offers."""
    buildings = (
        Building.objects.filter(neighborhood=neighborhood)
        .select_related("compound")
        .order_by("compound__name", "sort_key")
    )
    points = DropOffPoint.objects.filter(neighborhood=neighborhood).select_related("compound")
    return buildings, points
