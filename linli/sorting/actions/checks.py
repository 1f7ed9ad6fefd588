"""Bin checks by building leaders: recorded and deleted, with the month's count."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.community.models import Building, Resident
from linli.community.selectors import people_with_role
from linli.core import uploads as upload_checks
from linli.core.perms import require
from linli.notify.actions import notify
from linli.sorting.models import (
    BuildingMonth,
    Check,
    DropOffPoint,
)

RESULT_FIELD: dict[str, str] = {
    Check.Result.GOOD: "good",
    Check.Result.MIXED: "mixed",
    Check.Result.CONTAMINATED: "contaminated",
}


def month_of(day: date) -> date:
    return day.replace(day=1)


@transaction.atomic
def check_record(
    *,
    building: Building,
    actor: Resident,
    day: date,
    result: str,
    point: DropOffPoint | None = None,
    note: str = "",
    photo: Any = None,
) -> Check:
    """Record one check and count it in the building's month (a stored counter, race-safe with F())."""
    require(
        actor,
        "sorting.record_check",
        building,
        _("Only committee staff may record sorting checks."),
    )
    if result not in RESULT_FIELD:
        raise ValidationError({"result": _("Choose well sorted, mixed or contaminated.")})
    if point is not None and point.compound_id != building.compound_id:
        raise ValidationError({"point": _("Choose a drop-off point of the building's compound.")})
    from django.utils import timezone

    if day > timezone.localdate():
        raise ValidationError({"day": _("A check cannot be dated in the future.")})
    check = Check(
        neighborhood_id=building.neighborhood_id,
        building=building,
        point=point,
        day=day,
        result=result,
        note=(note or "").strip(),
        recorded_by=actor,
    )
    if photo:  # checked by content, EXIF (GPS) removed, shrunk: linli.core.uploads
        try:
            check.photo = upload_checks.check_image(photo, max_side=1600).content
        except ValidationError as error:
            raise ValidationError({"photo": error.messages}) from None
    check.full_clean(exclude=["recorded_by"])
    check.save()
    _count(building, day, result, +1)
    audit_record(
        actor=actor,
        action="sorting.check_record",
        target=building,
        neighborhood=building.neighborhood_id,
        after={"day": str(day), "result": result},
    )
    leaders = _leaders_of(building)
    if leaders:
        notify(
            recipients=leaders,
            kind="sorting.check_recorded",
            actor=actor,
            url=f"/sorting/buildings/{building.pk}/",
            params={"building": building.number, "result": result, "day": str(day)},
        )
    return check


def _count(building: Building, day: date, result: str, delta: int) -> None:
    field = RESULT_FIELD[result]
    month = month_of(day)
    try:
        with transaction.atomic():
            BuildingMonth.objects.get_or_create(
                building=building,
                month=month,
                defaults={"neighborhood_id": building.neighborhood_id},
            )
    except IntegrityError:
        pass  # created by a concurrent check
    BuildingMonth.objects.filter(building=building, month=month).update(**{field: F(field) + delta})


def _leaders_of(building: Building) -> Any:
    return people_with_role("building_leader", building=building)


@transaction.atomic
def check_delete(*, check: Check, actor: Resident) -> None:
    require(
        actor, "sorting.record_check", check, _("Only committee staff may record sorting checks.")
    )
    check = Check.objects.select_for_update().select_related("building").get(pk=check.pk)
    _count(check.building, check.day, check.result, -1)
    audit_record(
        actor=actor,
        action="sorting.check_delete",
        target=check.building,
        neighborhood=check.neighborhood_id,
        before={"day": str(check.day), "result": check.result},
    )
    check.delete()
