"""Collection points and collection days."""

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.community.models import Building, Compound, Neighborhood, Resident
from linli.core.perms import require
from linli.sorting.models import CollectionDay, DropOffPoint, Kind, parse_times


def _clean_times(times: str) -> str:
    try:
        spans = parse_times(times)
    except ValueError as error:
        raise ValidationError(
            {
                "times": _("Write times like 7:00-9:00, 18:00-20:00 (could not read “%(part)s”).")
                % {"part": error.args[0]}
            }
        )
    if not spans:
        raise ValidationError({"times": _("Give at least one drop-off time, like 7:00-9:00.")})
    return ", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in spans)


@transaction.atomic
def point_save(
    *,
    compound: Compound,
    actor: Resident,
    name: str,
    times: str,
    location: str = "",
    name_en: str = "",
    kinds: Iterable[str] | None = None,
    buildings: Iterable[Building] = (),
    point: DropOffPoint | None = None,
) -> DropOffPoint:
    require(
        actor,
        "sorting.manage_points",
        compound.neighborhood,
        _("Only committee staff may change drop-off points."),
    )
    kinds = [k for k in (kinds or Kind.values) if k in Kind.values and k != Kind.BULKY]
    if not kinds:
        raise ValidationError({"kinds": _("Choose at least one kind of waste.")})
    if any(b.compound_id != compound.pk for b in buildings):
        raise ValidationError(
            {"buildings": _("A drop-off point serves buildings of its own compound.")}
        )
    point = point or DropOffPoint()
    before = {"name": point.name, "times": point.times} if point.pk else None
    point.compound, point.neighborhood_id = compound, compound.neighborhood_id
    point.name, point.name_en, point.location = (
        (name or "").strip(),
        (name_en or "").strip(),
        (location or "").strip(),
    )
    point.times, point.kinds = _clean_times(times), ",".join(kinds)
    point.full_clean(exclude=["buildings"])
    point.save()
    point.buildings.set(buildings)
    audit_record(
        actor=actor,
        action="sorting.point_save",
        target=point,
        neighborhood=compound.neighborhood_id,
        before=before,
        after={"name": point.name, "times": point.times},
    )
    return point


@transaction.atomic
def collection_day_save(
    *,
    neighborhood: Neighborhood,
    actor: Resident,
    sort: str,
    starts_at: datetime,
    ends_at: datetime,
    place: str,
    compound: Compound | None = None,
    note: str = "",
    day: CollectionDay | None = None,
) -> CollectionDay:
    require(
        actor,
        "sorting.manage_points",
        neighborhood,
        _("Only committee staff may change collection days."),
    )
    if compound is not None and compound.neighborhood_id != neighborhood.pk:
        raise ValidationError({"compound": _("Choose a compound of this neighborhood.")})
    if starts_at and ends_at and ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The end must be after the start.")})
    day = day or CollectionDay(neighborhood=neighborhood)
    day.compound, day.sort, day.starts_at, day.ends_at, day.place, day.note = (
        compound,
        sort,
        starts_at,
        ends_at,
        (place or "").strip(),
        (note or "").strip(),
    )
    day.full_clean()
    day.save()
    return day
