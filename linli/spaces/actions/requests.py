"""Booking requests: times checked, overlaps refused, weekly series."""

import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.perms import require
from linli.moderation.screen import screened
from linli.notify.actions import notify
from linli.spaces.models import Booking, Space

from .common import _local, _overlapping, _refuse_taken, _staff_ids

MAX_WEEKS = 26


@dataclass(frozen=True)
class Weekly:
    """Recurrence for booking_request: the same time every week, `count` times (2–26)."""

    count: int = 4


def _check_times(space, starts_at, ends_at, *, now, staff):
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise ValidationError(_("Times must include a time zone."), code="naive")
    if ends_at <= starts_at:
        raise ValidationError(_("The end must be after the start."), code="order")
    if starts_at < now:
        raise ValidationError(
            _("This time is in the past. Choose a time from now on."), code="past"
        )
    if (ends_at - starts_at) > timedelta(minutes=space.max_minutes) and not staff:
        raise ValidationError(
            _("A booking of %(space)s may last at most %(minutes)s minutes.")
            % {"space": space.name, "minutes": space.max_minutes},
            code="too_long",
        )
    if starts_at > now + timedelta(weeks=space.max_weeks_ahead) and not staff:
        raise ValidationError(
            _("%(space)s can be booked at most %(weeks)s weeks ahead.")
            % {"space": space.name, "weeks": space.max_weeks_ahead},
            code="too_far",
        )
    start, end = _local(starts_at), _local(ends_at)
    if start.date() != end.date() or start.time() < space.opens_at or end.time() > space.closes_at:
        raise ValidationError(
            _("%(space)s is open %(opens)s–%(closes)s. Choose a time within the opening hours.")
            % {
                "space": space.name,
                "opens": space.opens_at.strftime("%H:%M"),
                "closes": space.closes_at.strftime("%H:%M"),
            },
            code="closed",
        )


def booking_request(
    *, space, starts_at, ends_at, purpose, requester, recurrence=None, kind=Booking.Kind.BOOKING
) -> list[Booking]:
    """Ask to book `space` from `starts_at` to `ends_at` (and, with ``recurrence=Weekly(n)``,
    the same time in each of the next n−1 weeks). Returns the new bookings, earliest first.

    Residents' requests wait for staff (status "requested"); a request by someone who may
    approve bookings (committee staff) is approved at once. Refused, with nothing saved,
    when any week is in the past, outside the opening hours, too long, too far ahead,
    overlaps an approved booking or an open request, or when the household already has
    `space.max_open_per_household` open bookings.
    """
    require(
        requester,
        "spaces.book_space",
        space,
        _("Only verified residents of this neighborhood can book its spaces."),
    )
    purpose = (purpose or "").strip()
    if not purpose:
        raise ValidationError(_("Say what the booking is for."), code="purpose")
    if len(purpose) > 200:
        raise ValidationError(_("The purpose may be at most 200 characters."), code="purpose")
    if not space.active:
        raise ValidationError(
            _("%(space)s is not open for bookings at the moment.") % {"space": space.name},
            code="inactive",
        )
    count = 1 if recurrence is None else recurrence.count
    if not 1 <= count <= MAX_WEEKS:
        raise ValidationError(
            _("A weekly booking covers 1 to %(n)s weeks.") % {"n": MAX_WEEKS}, code="weeks"
        )
    staff = requester.has_perm("spaces.approve_booking", space)
    now = timezone.now()
    times = [(starts_at + timedelta(weeks=i), ends_at + timedelta(weeks=i)) for i in range(count)]
    for start, end in times:
        _check_times(space, start, end, now=now, staff=staff)
    household_id = getattr(requester, "household_id", None)
    # The purpose is shown in the week's calendar: spam refused, a doubtful one held for staff.
    hold_it = screened(
        author=requester,
        text=purpose,
        kind="spaces.booking",
        neighborhood=space.neighborhood,
        public=False,
    )
    with transaction.atomic():
        # Lock the space: requests for it are decided one at a time, first come first served.
        Space.objects.select_for_update().filter(pk=space.pk).first()
        for start, end in times:
            if _overlapping(space, start, end, Booking.OPEN).exists():
                _refuse_taken(space, start)
        if household_id and not staff and kind == Booking.Kind.BOOKING:
            open_count = Booking.objects.filter(
                household_id=household_id,
                kind=Booking.Kind.BOOKING,
                status__in=Booking.OPEN,
                ends_at__gt=now,
            ).count()
            if open_count + count > space.max_open_per_household:
                raise ValidationError(
                    _(
                        "Your household already has %(n)s open bookings; at most %(max)s are allowed at a time. Cancel one or wait until it has passed."
                    )
                    % {"n": open_count, "max": space.max_open_per_household},
                    code="too_many",
                )
        series = uuid.uuid4() if count > 1 else None
        status = Booking.Status.APPROVED if staff else Booking.Status.REQUESTED
        rows = [
            Booking(
                space=space,
                neighborhood_id=space.neighborhood_id,
                kind=kind,
                requester=requester,
                household_id=household_id,
                purpose=purpose,
                starts_at=start,
                ends_at=end,
                status=status,
                series=series,
                decided_by=requester if staff else None,
                decided_at=now if staff else None,
            )
            for start, end in times
        ]
        for row in rows:
            row.full_clean(exclude=["requester", "household", "decided_by"])
        try:
            with transaction.atomic():
                created = [_save(row) for row in rows]
        except IntegrityError:
            _refuse_taken(space, starts_at)
        for booking in created:
            hold_it(booking)
        if not staff:
            _notify_staff(space, created[0], requester)
    return created


def _save(row):
    row.save()
    return row


def _notify_staff(space, booking, requester):
    from django.urls import reverse

    notify(
        recipients=_staff_ids(space.neighborhood_id),
        kind="spaces.booking_requested",
        actor=requester,
        params={
            "space": space.name,
            "space_en": space.name_en,
            "time": _local(booking.starts_at).strftime("%Y-%m-%d %H:%M"),
            "purpose": booking.purpose,
        },
        url=reverse("spaces:booking-queue", args=[space.neighborhood.slug]),
    )
