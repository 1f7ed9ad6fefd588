"""What a building leader's follow-up sheet (decide, consult) asks of the neighborhood: the
building asked for or led, the filters, the units of a building."""

from django.http import Http404

from .models import Building, Household
from .predicates import led_building_ids

SHOW = ("pending", "all", "done")
SHEET_SIZE = 300  # one building's households fit on one sheet


def followup_building(request, neighborhood_id: int) -> Building:
    """The building asked for (?building=), or the one the person leads there. 404 otherwise."""
    raw = request.GET.get("building", "")
    qs = Building.objects.filter(neighborhood_id=neighborhood_id).select_related("compound")
    if raw.isascii() and raw.isdigit() and len(raw) < 10:
        building = qs.filter(pk=int(raw)).first()
    else:
        led = led_building_ids(request.user)
        building = qs.filter(pk__in=led).order_by("pk").first() if led else None
    if building is None:
        raise Http404
    return building


def followup_filters(request) -> dict:
    show = request.GET.get("show", "pending")
    unit = request.GET.get("unit", "")[:20]
    return {"show": show if show in SHOW else "pending", "unit": unit}


def building_units(building: Building) -> list[str]:
    return sorted(
        u
        for u in Household.objects.filter(building=building)
        .order_by()
        .values_list("unit", flat=True)
        .distinct()
        if u
    )
