"""Helpers shared by the community actions."""

from django.db.models import F, Value
from django.db.models.functions import Greatest

from linli.community.models import (
    Building,
    Compound,
    Household,
    Neighborhood,
)


def _bump_counters(household_id: int, delta: int) -> None:
    # Greatest(…, 0): a counter never goes below zero, even if it was stale before.
    household = Household.objects.select_related("building").get(pk=household_id)
    value = Greatest(F("resident_count") + delta, Value(0))
    Building.objects.filter(pk=household.building_id).update(resident_count=value)
    Compound.objects.filter(pk=household.building.compound_id).update(resident_count=value)
    Neighborhood.objects.filter(pk=household.neighborhood_id).update(resident_count=value)
