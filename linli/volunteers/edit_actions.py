"""Staff fix an open volunteer shift; the volunteers signed up are told when its time or place
changes. A refused edit changes nothing."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.core.perms import require
from linli.notify.actions import notify

from .models import Shift, SignUp

MAX_PLACES = 500
FIELDS = ("title", "sort", "description", "place", "starts_at", "ends_at", "places", "hours")


def _check(shift: Shift, new: dict) -> None:
    now = timezone.now()
    if shift.status != Shift.Status.OPEN:
        raise ValidationError(_("Only an open shift can be edited."))
    if shift.ends_at <= now:
        raise ValidationError(_("This shift is over: it can no longer be edited."))
    starts_at, ends_at = new["starts_at"], new["ends_at"]
    if starts_at is None or ends_at is None or ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The shift must end after it starts.")})
    if starts_at != shift.starts_at and starts_at <= now:
        raise ValidationError({"starts_at": _("A shift cannot start in the past.")})
    if not new["places"] or not 1 <= new["places"] <= MAX_PLACES:
        raise ValidationError(
            {"places": _("A shift has between 1 and %(max)s places.") % {"max": MAX_PLACES}}
        )
    if new["places"] < shift.taken:
        raise ValidationError(
            {
                "places": _(
                    "%(n)s volunteers have signed up: the shift needs at least that many places."
                )
                % {"n": shift.taken}
            }
        )
    if new["hours"] is None or Decimal(new["hours"]) <= 0:
        raise ValidationError({"hours": _("Credit more than 0 hours.")})


@transaction.atomic
def shift_edit(*, shift: Shift, actor, **changes) -> Shift:
    """Change an open shift. Signed-up volunteers are notified once when time or place changes."""
    shift = Shift.objects.select_for_update().get(pk=shift.pk)
    require(actor, "volunteers.edit_shift", shift, _("Only committee staff may edit shifts."))
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise ValidationError(
            _("These cannot be changed: %(f)s") % {"f": ", ".join(sorted(unknown))}
        )
    new = {f: changes.get(f, getattr(shift, f)) for f in FIELDS}
    for f in ("title", "place", "description"):
        new[f] = (new[f] or "").strip()
    _check(shift, new)
    new["hours"] = Decimal(new["hours"])
    before = {f: getattr(shift, f) for f in FIELDS}
    changed = [f for f in FIELDS if before[f] != new[f]]
    if not changed:
        return shift
    for f in changed:
        setattr(shift, f, new[f])
    shift.full_clean(exclude=["created_by"])
    shift.save(update_fields=changed)
    audit_record(
        actor=actor,
        action="volunteers.shift_edit",
        target=shift,
        neighborhood=shift.neighborhood_id,
        before={f: str(before[f]) for f in changed},
        after={f: str(new[f]) for f in changed},
    )
    if {"starts_at", "ends_at", "place"} & set(changed):
        people = list(
            SignUp.objects.filter(shift=shift, status=SignUp.Status.SIGNED).values_list(
                "person_id", flat=True
            )
        )
        notify(
            recipients=people,
            kind="volunteers.shift_changed",
            actor=actor,
            url=shift.get_absolute_url(),
            params={
                "title": shift.title,
                "when": f"{timezone.localtime(shift.starts_at):%Y-%m-%d %H:%M}",
                "place": shift.place,
            },
        )
    return shift
