"""Reading reception days: occurrences and slots."""

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from linli.community.models import Neighborhood
from linli.office.models import (
    Occurrence,
    ReceptionSlot,
)


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
