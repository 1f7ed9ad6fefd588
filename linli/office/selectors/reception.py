"""Reading reception days: occurrences and slots."""

from typing import Any

from django.db.models import F, QuerySet
from django.utils import timezone

from linli.community.models import Neighborhood
from linli.office.models import Occurrence, PersonalFeed, ReceptionDay, ReceptionSlot


def upcoming_occurrences(neighborhood: Neighborhood, limit: int = 12) -> list[Occurrence]:
    now = timezone.now()
    return list(
        Occurrence.objects.filter(neighborhood=neighborhood, ends_at__gte=now)
        .select_related("series__space")
        .order_by("starts_at")[:limit]
    )


def past_occurrences(neighborhood: Neighborhood) -> QuerySet[Occurrence]:
    return (
        Occurrence.objects.filter(neighborhood=neighborhood, ends_at__lt=timezone.now())
        .select_related("series")
        .order_by("-starts_at")
    )


def next_occurrence(neighborhood_id: int) -> Occurrence | None:
    return (
        Occurrence.objects.filter(
            neighborhood_id=neighborhood_id,
            status=Occurrence.Status.SCHEDULED,
            ends_at__gte=timezone.now(),
        )
        .select_related("series__space", "neighborhood")
        .order_by("starts_at")
        .first()
    )


def occurrence_detail(pk: int) -> Occurrence:
    return Occurrence.objects.select_related("series__space", "neighborhood").get(pk=pk)


def slots_of(occurrence: Occurrence) -> list[ReceptionSlot]:
    return list(
        ReceptionSlot.objects.filter(occurrence=occurrence, cancelled_at=None)
        .select_related("person", "household__building")
        .order_by("starts_at")
    )


def my_slots(person: Any) -> QuerySet[ReceptionSlot]:
    return (
        ReceptionSlot.objects.filter(person=person, cancelled_at=None)
        .select_related("occurrence__series__space")
        .order_by("-starts_at")
    )


def reception_series(neighborhood: Neighborhood) -> list[ReceptionDay]:
    """A neighborhood's reception days (the series), with their space (one query)."""
    return list(ReceptionDay.objects.filter(neighborhood=neighborhood).select_related("space"))


def changed_occurrences(series: list[ReceptionDay]) -> list[Occurrence]:
    """Occurrences of these series that were moved or cancelled (the feed's exceptions)."""
    return list(
        Occurrence.objects.filter(series__in=series).exclude(
            status=Occurrence.Status.SCHEDULED, starts_at=F("original_start")
        )
    )


def personal_feed(token: str) -> PersonalFeed | None:
    return PersonalFeed.objects.select_related("person").filter(token=token[:64]).first()


def taken_starts(occurrence: Occurrence) -> set[Any]:
    """The start times of an occurrence's booked slots (one query)."""
    return set(
        ReceptionSlot.objects.filter(occurrence=occurrence, cancelled_at=None).values_list(
            "starts_at", flat=True
        )
    )
