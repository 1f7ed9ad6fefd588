"""Staff fix a published activity; the people registered (and waiting) are told when its time
or place changes. A refused edit changes nothing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.core.perms import require
from linli.core.text import render_markdown
from linli.notify.actions import notify

from .models import Activity, Registration

MAX_CAPACITY = 1000
FIELDS = (
    "title",
    "category",
    "audience",
    "description",
    "starts_at",
    "ends_at",
    "place",
    "capacity",
    "waiting_list",
)


def _check(activity: Activity, new: dict) -> None:
    if activity.status != Activity.Status.PUBLISHED:
        raise ValidationError(_("A cancelled activity cannot be edited."))
    if activity.ends_at <= timezone.now():
        raise ValidationError(_("This activity is over: it can no longer be edited."))
    starts_at, ends_at = new["starts_at"], new["ends_at"]
    if starts_at is None or ends_at is None or ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The activity must end after it starts.")})
    if starts_at != activity.starts_at and starts_at <= timezone.now():
        raise ValidationError({"starts_at": _("An activity cannot start in the past.")})
    if not new["capacity"] or not 1 <= new["capacity"] <= MAX_CAPACITY:
        raise ValidationError(
            {"capacity": _("An activity has between 1 and %(max)s places.") % {"max": MAX_CAPACITY}}
        )
    if new["capacity"] < activity.taken:
        raise ValidationError(
            {
                "capacity": _(
                    "%(n)s people are registered: the activity needs at least that many places."
                )
                % {"n": activity.taken}
            }
        )
    moved = starts_at != activity.starts_at or ends_at != activity.ends_at
    if moved and activity.booking_id:
        raise ValidationError(
            {
                "starts_at": _(
                    "This activity has booked a space for its time. Change the booking first, or cancel the activity and publish it again."
                )
            }
        )


@transaction.atomic
def activity_edit(*, activity: Activity, actor, **changes) -> Activity:
    """Change what staff typed when publishing (not the booked space). Registered and waiting
    people are notified once when the time or the place changes."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    require(
        actor, "activities.edit_activity", activity, _("Only committee staff may edit activities.")
    )
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise ValidationError(
            _("These cannot be changed: %(f)s") % {"f": ", ".join(sorted(unknown))}
        )
    new = {f: changes.get(f, getattr(activity, f)) for f in FIELDS}
    for f in ("title", "place", "description"):
        new[f] = (new[f] or "").strip()
    _check(activity, new)
    before = {f: getattr(activity, f) for f in FIELDS}
    changed = [f for f in FIELDS if before[f] != new[f]]
    if not changed:
        return activity
    for f in changed:
        setattr(activity, f, new[f])
    activity.description_html = render_markdown(activity.description)
    activity.full_clean(exclude=["created_by"])
    activity.save(update_fields=[*changed, "description_html"])
    audit_record(
        actor=actor,
        action="activities.activity_edit",
        target=activity,
        neighborhood=activity.neighborhood_id,
        before={f: str(before[f]) for f in changed},
        after={f: str(new[f]) for f in changed},
    )
    if "capacity" in changed and activity.capacity > activity.taken and activity.waiting:
        _promote(activity, activity.capacity - activity.taken)
    if {"starts_at", "ends_at", "place"} & set(changed):
        _tell_registered(activity, actor)
    return activity


def _promote(activity: Activity, free: int) -> None:
    """More places: the first on the waiting list move up, in order, and are told."""
    now = timezone.now()
    moving = list(
        Registration.objects.filter(activity=activity, status=Registration.Status.WAITING)
        .order_by("created_at", "id")
        .values_list("pk", "person_id")[:free]
    )
    Registration.objects.filter(pk__in=[pk for pk, _p in moving]).update(
        status=Registration.Status.CONFIRMED, promoted_at=now
    )
    activity.taken += len(moving)
    activity.waiting -= len(moving)
    activity.save(update_fields=["taken", "waiting"])
    notify(
        recipients=[person for _pk, person in moving],
        kind="activities.promoted",
        url=activity.get_absolute_url(),
        params={
            "title": activity.title,
            "when": f"{timezone.localtime(activity.starts_at):%m-%d %H:%M}",
        },
    )


def _tell_registered(activity: Activity, actor) -> None:
    people = list(
        Registration.objects.filter(
            activity=activity,
            status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING],
        ).values_list("person_id", flat=True)
    )
    notify(
        recipients=people,
        kind="activities.changed",
        actor=actor,
        url=activity.get_absolute_url(),
        params={
            "title": activity.title,
            "when": f"{timezone.localtime(activity.starts_at):%m-%d %H:%M}",
            "place": activity.place,
        },
    )
