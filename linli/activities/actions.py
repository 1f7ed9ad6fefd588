"""Every write to activities, registrations, check-ins and photos.

Registration and cancellation lock the activity row (SELECT … FOR UPDATE): the last place
goes to exactly one person, and when a registered person cancels, the first on the waiting
list moves up in the same transaction.
"""

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.core import ratelimit
from linli.core import uploads as upload_checks
from linli.core.perms import require
from linli.core.text import render_markdown
from linli.moderation.screen import screened
from linli.notify.actions import notify

from .models import Activity, Photo, Registration

MAX_CAPACITY = 1000
CHECKIN_OPENS = timedelta(hours=1)
# Wrong check-in codes allowed per window: per person on one activity, and for one activity
# from everyone together (10⁸ codes / 100 tries an hour: guessing is hopeless).
CHECKIN_TRIES_PER_PERSON = 10
CHECKIN_TRIES_PER_ACTIVITY = 100
CHECKIN_TRIES_WINDOW = 3600
MAX_PHOTO_BYTES = 8 * 1024 * 1024


def _spaces():
    """linli.spaces.actions when that capability is installed, else None."""
    try:
        from linli.spaces import actions as spaces_actions
    except ImportError:  # pragma: no cover - spaces is part of the project now
        return None
    return spaces_actions if hasattr(spaces_actions, "booking_request") else None


def _book(space, activity, actor):
    spaces = _spaces()
    from linli.spaces.models import Booking

    booking = spaces.booking_request(
        space=space,
        starts_at=activity.starts_at,
        ends_at=activity.ends_at,
        purpose=activity.title[:200],
        requester=actor,
        kind=Booking.Kind.ACTIVITY,
    )[0]
    return booking


@transaction.atomic
def activity_publish(
    *,
    neighborhood,
    actor,
    title,
    starts_at,
    ends_at,
    place="",
    capacity,
    category=Activity.Category.OTHER,
    audience=Activity.Audience.EVERYONE,
    description="",
    waiting_list=True,
    space=None,
) -> Activity:
    """Staff publish an activity. With `space` (a linli.spaces Space) the space is booked for it too;
    if the space is taken, nothing is saved."""
    require(
        actor,
        "activities.manage_activity",
        neighborhood,
        _("Only committee staff may publish activities."),
    )
    if starts_at is None or ends_at is None or ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The activity must end after it starts.")})
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": _("An activity cannot start in the past.")})
    if not capacity or not 1 <= capacity <= MAX_CAPACITY:
        raise ValidationError(
            {"capacity": _("An activity has between 1 and %(max)s places.") % {"max": MAX_CAPACITY}}
        )
    if space is not None and space.neighborhood_id != neighborhood.pk:
        raise ValidationError({"space": _("Choose a space of this neighborhood.")})
    place = (place or "").strip() or (space.name if space is not None else "")
    activity = Activity(
        neighborhood=neighborhood,
        title=(title or "").strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        capacity=capacity,
        category=category,
        audience=audience,
        description=(description or "").strip(),
        waiting_list=waiting_list,
        created_by=actor,
    )
    activity.description_html = render_markdown(activity.description)
    activity.full_clean(exclude=["created_by"])
    hold_it = screened(
        author=actor,
        text=f"{activity.title}\n{activity.description}",
        kind="activities.activity",
        neighborhood=neighborhood,
        public=False,
    )  # spam and blocked words refused; a held description waits for staff
    if space is not None:
        booking = _book(space, activity, actor)
        activity.space_id, activity.booking_id = space.pk, booking.pk
    activity.save()
    hold_it(activity)
    return activity


@transaction.atomic
def activity_cancel(*, activity, actor, reason="") -> Activity:
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    require(
        actor,
        "activities.manage_activity",
        activity,
        _("Only committee staff may cancel activities."),
    )
    if activity.status == Activity.Status.CANCELLED:
        raise ValidationError(_("This activity is already cancelled."))
    people = list(
        Registration.objects.filter(
            activity=activity, status__in=["confirmed", "waiting"]
        ).values_list("person_id", flat=True)
    )
    Registration.objects.filter(activity=activity, status__in=["confirmed", "waiting"]).update(
        status=Registration.Status.CANCELLED, cancelled_at=timezone.now()
    )
    activity.status, activity.taken, activity.waiting = Activity.Status.CANCELLED, 0, 0
    activity.save(update_fields=["status", "taken", "waiting"])
    if activity.booking_id and _spaces() and activity.ends_at > timezone.now():
        from linli.spaces.models import Booking

        booking = Booking.objects.filter(pk=activity.booking_id, status__in=Booking.OPEN).first()
        if booking:
            _spaces().booking_cancel(
                booking=booking, actor=actor, reason=_("The activity was cancelled.")
            )
    audit_record(
        actor=actor,
        action="activities.activity_cancel",
        target=activity,
        neighborhood=activity.neighborhood_id,
        after={"registered": len(people)},
    )
    notify(
        recipients=people,
        kind="activities.cancelled",
        actor=actor,
        url=activity.get_absolute_url(),
        params={
            "title": activity.title,
            "when": f"{timezone.localtime(activity.starts_at):%m-%d %H:%M}",
            "reason": (reason or "").strip(),
        },
    )
    return activity


def registration_create(*, activity, person) -> Registration:
    """A place if one is free, else a place on the waiting list (if the activity has one)."""
    require(
        person,
        "activities.register",
        activity,
        _("Only verified residents of this neighborhood may register."),
    )
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=activity.pk)
        if activity.status != Activity.Status.PUBLISHED:
            raise ValidationError(_("This activity was cancelled."), code="cancelled")
        if activity.starts_at <= timezone.now():
            raise ValidationError(
                _("This activity has already started; registration is closed."), code="past"
            )
        if Registration.objects.filter(
            activity=activity, person=person, status__in=["confirmed", "waiting"]
        ).exists():
            raise ValidationError(_("You are already registered for this activity."), code="double")
        if activity.taken < activity.capacity:
            status, counter = Registration.Status.CONFIRMED, "taken"
        elif activity.waiting_list:
            status, counter = Registration.Status.WAITING, "waiting"
        else:
            raise ValidationError(_("This activity is full."), code="full")
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    activity=activity, person=person, status=status
                )
        except IntegrityError:
            raise ValidationError(
                _("You are already registered for this activity."), code="double"
            ) from None
        Activity.objects.filter(pk=activity.pk).update(**{counter: F(counter) + 1})
    return registration


def registration_cancel(*, registration, actor) -> Registration:
    """Cancel; a freed place goes to the first person on the waiting list, who is told."""
    require(
        actor,
        "activities.change_registration",
        registration,
        _("You can only cancel your own registration."),
    )
    now = timezone.now()
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=registration.activity_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status not in (Registration.Status.CONFIRMED, Registration.Status.WAITING):
            raise ValidationError(_("This registration is not active."))
        if activity.starts_at <= now:
            raise ValidationError(_("The activity has already started."))
        was = registration.status
        registration.status, registration.cancelled_at = Registration.Status.CANCELLED, now
        registration.save(update_fields=["status", "cancelled_at"])
        if was == Registration.Status.WAITING:
            Activity.objects.filter(pk=activity.pk).update(waiting=F("waiting") - 1)
        else:
            promoted = (
                Registration.objects.filter(activity=activity, status=Registration.Status.WAITING)
                .order_by("created_at", "id")
                .first()
            )
            if promoted is None:
                Activity.objects.filter(pk=activity.pk).update(taken=F("taken") - 1)
            else:
                promoted.status, promoted.promoted_at = Registration.Status.CONFIRMED, now
                promoted.save(update_fields=["status", "promoted_at"])
                Activity.objects.filter(pk=activity.pk).update(waiting=F("waiting") - 1)
                notify(
                    recipients=[promoted.person_id],
                    kind="activities.promoted",
                    url=activity.get_absolute_url(),
                    params={
                        "title": activity.title,
                        "when": f"{timezone.localtime(activity.starts_at):%m-%d %H:%M}",
                    },
                )
        if registration.person_id != actor.pk:
            audit_record(
                actor=actor,
                action="activities.registration_cancel",
                target=activity,
                subject=registration.person_id,
                neighborhood=activity.neighborhood_id,
            )
    return registration


def _check_in(activity, registration, now):
    if registration.status != Registration.Status.CONFIRMED:
        raise ValidationError(
            _("Only registered participants can check in."), code="not_registered"
        )
    if registration.checked_in_at:
        return registration
    if not (activity.starts_at - CHECKIN_OPENS <= now <= activity.ends_at):
        raise ValidationError(
            _("Check-in is open from an hour before the start until the end."), code="not_open"
        )
    if (
        Registration.objects.filter(pk=registration.pk, checked_in_at=None).update(
            checked_in_at=now
        )
        == 1
    ):
        Activity.objects.filter(pk=activity.pk).update(checked_in=F("checked_in") + 1)
    registration.checked_in_at = now
    return registration


def _checkin_refused(code):
    if code == "too_many":
        message = _(
            "Too many wrong check-in codes. Please wait an hour, or ask the organisers to check you in."
        )
    else:
        message = _(
            "This check-in code is not right, or you are not registered for this activity. "
            "Ask the organisers."
        )
    return ValidationError(message, code=code)


@transaction.atomic
def checkin_with_code(*, activity, person, code) -> Registration:
    """A participant checks themselves in with the code shown at the activity.

    A wrong code and "not registered" get the same answer (no oracle for the code), and wrong
    tries are limited per person and per activity (linli.core.ratelimit, shared by every
    process when the cache is Redis); past the limit even the right code is refused until
    the window ends, while the organisers can still check people in from the list."""
    person_key, activity_key = f"{activity.pk}:{person.pk}", str(activity.pk)
    if ratelimit.exceeded(
        "activities.checkin.person",
        person_key,
        limit=CHECKIN_TRIES_PER_PERSON,
        window=CHECKIN_TRIES_WINDOW,
    ) or ratelimit.exceeded(
        "activities.checkin.activity",
        activity_key,
        limit=CHECKIN_TRIES_PER_ACTIVITY,
        window=CHECKIN_TRIES_WINDOW,
    ):
        raise _checkin_refused("too_many")
    given = (code or "").strip()
    registration = Registration.objects.filter(
        activity=activity, person=person, status=Registration.Status.CONFIRMED
    ).first()
    right = bool(given) and secrets.compare_digest(
        given.encode(), (activity.checkin_code or "").encode()
    )
    if registration is None or not right:
        ratelimit.hit("activities.checkin.person", person_key, window=CHECKIN_TRIES_WINDOW)
        ratelimit.hit("activities.checkin.activity", activity_key, window=CHECKIN_TRIES_WINDOW)
        raise _checkin_refused("wrong_code")
    return _check_in(activity, registration, timezone.now())


@transaction.atomic
def checkin_by_staff(*, registration, actor) -> Registration:
    activity = registration.activity
    require(
        actor,
        "activities.manage_activity",
        activity,
        _("Only committee staff may check people in."),
    )
    return _check_in(activity, registration, timezone.now())


@transaction.atomic
def photo_add(*, activity, actor, image, caption="") -> Photo:
    require(
        actor, "activities.manage_activity", activity, _("Only committee staff may add photos.")
    )
    if activity.starts_at > timezone.now():
        raise ValidationError({"image": _("Photos are added once the activity has started.")})
    if image is None:
        raise ValidationError({"image": _("Choose a photo.")})
    try:  # checked by content, EXIF (GPS) removed, shrunk: linli.core.uploads
        checked = upload_checks.check_image(image, max_side=2000, max_bytes=MAX_PHOTO_BYTES)
    except ValidationError as error:
        raise ValidationError({"image": error.messages}) from None
    photo = Photo(
        activity=activity,
        image=checked.content,
        caption=(caption or "").strip(),
        uploaded_by=actor,
    )
    photo.full_clean(exclude=["uploaded_by"])
    photo.save()
    Activity.objects.filter(pk=activity.pk).update(photo_count=F("photo_count") + 1)
    return photo
