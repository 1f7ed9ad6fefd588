"""Every write to spaces and their bookings. Other apps (activities, the office's
reception days) book through these functions, never through the models.

Usage from another app::

    from linli.spaces import actions as spaces
    bookings = spaces.booking_request(space=room, starts_at=start, ends_at=end,
                                      purpose="亲子阅读", requester=person,
                                      recurrence=spaces.Weekly(count=4))
    spaces.booking_approve(booking=bookings[0], actor=staff)        # one week
    spaces.booking_cancel(booking=bookings[0], actor=person, reason="…")
    spaces.booking_block(space=room, starts_at=…, ends_at=…, purpose="书记会客日",
                         actor=staff, kind=Booking.Kind.RECEPTION)  # approved at once

    from linli.spaces.selectors import free_slots
    free_slots(space=room, day=date(2026, 12, 12), minutes=60)      # [(start, end), …]

Every function raises ``ValidationError`` (a translated message for people) when the
input is refused, and ``PermissionDenied`` when the person may not do it; nothing is
changed then. All times are aware datetimes; opening hours are read in the
neighborhood's local time (settings.TIME_ZONE).

The no-overlap guarantee: a new request is refused if it overlaps an approved booking
or another open request (first come, first served; the space row is locked while
checking, so two people asking at once get one booking and one refusal). Approving is
guarded by the database itself (see models.py): an overlapping approval raises
IntegrityError there, which these actions turn into a ValidationError.
"""

import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.community.selectors import people_with_role
from linli.core import uploads as upload_checks
from linli.core.perms import require
from linli.notify.actions import notify

from .models import Booking, Space

MAX_WEEKS = 26


@dataclass(frozen=True)
class Weekly:
    """Recurrence for booking_request: the same time every week, `count` times (2–26)."""

    count: int = 4


def _local(dt):
    return timezone.localtime(dt)


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


def _overlapping(space, starts_at, ends_at, statuses):
    return Booking.objects.filter(
        space=space, status__in=statuses, starts_at__lt=ends_at, ends_at__gt=starts_at
    )


def _refuse_taken(space, starts_at):
    raise ValidationError(
        _("The space is already booked on %(time)s. Choose another time.")
        % {"time": _local(starts_at).strftime("%Y-%m-%d %H:%M")},
        code="taken",
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
        if not staff:
            _notify_staff(space, created[0], requester)
    return created


def _save(row):
    row.save()
    return row


def _staff_ids(neighborhood_id):
    return people_with_role("committee_staff", "secretary", neighborhood_id=neighborhood_id)


def _notify_staff(space, booking, requester):
    from django.urls import reverse

    notify(
        recipients=_staff_ids(space.neighborhood_id),
        kind="spaces.booking_requested",
        actor=requester,
        params={
            "space": space.name,
            "time": _local(booking.starts_at).strftime("%Y-%m-%d %H:%M"),
            "purpose": booking.purpose,
        },
        url=reverse("spaces:booking-queue", args=[space.neighborhood.slug]),
    )


def _locked(booking):
    return (
        Booking.objects.select_for_update()
        .select_related("space", "neighborhood")
        .get(pk=booking.pk)
    )


def _decide_notice(booking, kind, actor, reason=""):
    from django.urls import reverse

    if booking.requester_id:
        notify(
            recipients=[booking.requester_id],
            kind=kind,
            actor=actor,
            params={
                "space": booking.space.name,
                "time": _local(booking.starts_at).strftime("%Y-%m-%d %H:%M"),
                "purpose": booking.purpose,
                "reason": reason,
            },
            url=reverse("spaces:booking-mine"),
        )


def booking_approve(*, booking, actor) -> Booking:
    """Staff approve a requested booking. Refused if it now overlaps an approved one
    (checked here, and enforced by the database's constraint when two approvals race)."""
    require(actor, "spaces.approve_booking", booking)
    with transaction.atomic():
        booking = _locked(booking)
        if booking.status != Booking.Status.REQUESTED:
            raise ValidationError(
                _("Only a booking that is waiting can be approved."), code="state"
            )
        if (
            _overlapping(
                booking.space, booking.starts_at, booking.ends_at, [Booking.Status.APPROVED]
            )
            .exclude(pk=booking.pk)
            .exists()
        ):
            _refuse_taken(booking.space, booking.starts_at)
        booking.status, booking.decided_by, booking.decided_at = (
            Booking.Status.APPROVED,
            actor,
            timezone.now(),
        )
        try:
            with transaction.atomic():
                booking.save(update_fields=["status", "decided_by", "decided_at"])
        except IntegrityError:
            _refuse_taken(booking.space, booking.starts_at)
        audit_record(
            actor=actor,
            action="spaces.booking_approve",
            target=booking,
            subject=booking.requester_id,
            neighborhood=booking.neighborhood_id,
            before={"status": "requested"},
            after={"status": "approved"},
        )
        _decide_notice(booking, "spaces.booking_approved", actor)
    return booking


def booking_reject(*, booking, actor, reason) -> Booking:
    """Staff decline a requested booking, with a reason the requester reads."""
    require(actor, "spaces.approve_booking", booking)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give a reason, so the resident knows why."), code="reason")
    with transaction.atomic():
        booking = _locked(booking)
        if booking.status != Booking.Status.REQUESTED:
            raise ValidationError(
                _("Only a booking that is waiting can be declined."), code="state"
            )
        booking.status, booking.decided_by, booking.decided_at, booking.reason = (
            Booking.Status.REJECTED,
            actor,
            timezone.now(),
            reason[:300],
        )
        booking.save(update_fields=["status", "decided_by", "decided_at", "reason"])
        audit_record(
            actor=actor,
            action="spaces.booking_reject",
            target=booking,
            subject=booking.requester_id,
            neighborhood=booking.neighborhood_id,
            before={"status": "requested"},
            after={"status": "rejected", "reason": booking.reason},
        )
        _decide_notice(booking, "spaces.booking_rejected", actor, booking.reason)
    return booking


def booking_cancel(*, booking, actor, reason="") -> Booking:
    """Cancel a booking (its requester, their household, or staff); the slot is free at once.
    The requester is told when someone else cancels; staff are told when the requester does."""
    require(
        actor,
        "spaces.cancel_booking",
        booking,
        _("Only the person who booked, their household or staff can cancel this booking."),
    )
    with transaction.atomic():
        booking = _locked(booking)
        if booking.status not in Booking.OPEN:
            raise ValidationError(_("This booking is no longer open."), code="state")
        if booking.ends_at <= timezone.now():
            raise ValidationError(_("This booking has already taken place."), code="past")
        before = booking.status
        booking.status, booking.reason = Booking.Status.CANCELLED, (reason or "").strip()[:300]
        booking.save(update_fields=["status", "reason"])
        if booking.requester_id and booking.requester_id != actor.pk:
            audit_record(
                actor=actor,
                action="spaces.booking_cancel",
                target=booking,
                subject=booking.requester_id,
                neighborhood=booking.neighborhood_id,
                before={"status": before},
                after={"status": "cancelled", "reason": booking.reason},
            )
            _decide_notice(booking, "spaces.booking_cancelled", actor, booking.reason)
        elif before == Booking.Status.APPROVED:
            from django.urls import reverse

            notify(
                recipients=_staff_ids(booking.neighborhood_id),
                kind="spaces.booking_cancelled",
                actor=actor,
                params={
                    "space": booking.space.name,
                    "time": _local(booking.starts_at).strftime("%Y-%m-%d %H:%M"),
                    "purpose": booking.purpose,
                    "reason": booking.reason,
                },
                url=reverse("spaces:space-week", args=[booking.space_id]),
            )
    return booking


def booking_block(
    *, space, starts_at, ends_at, purpose, actor, kind=Booking.Kind.RECEPTION
) -> Booking:
    """Staff block a space's time (a reception day, a closure): approved at once, any
    hours of the day. Refused if it overlaps an approved booking; open requests that
    overlap are declined with the purpose as the reason."""
    require(actor, "spaces.approve_booking", space)
    if ends_at <= starts_at:
        raise ValidationError(_("The end must be after the start."), code="order")
    with transaction.atomic():
        Space.objects.select_for_update().filter(pk=space.pk).first()
        if _overlapping(space, starts_at, ends_at, [Booking.Status.APPROVED]).exists():
            _refuse_taken(space, starts_at)
        now = timezone.now()
        for waiting in _overlapping(
            space, starts_at, ends_at, [Booking.Status.REQUESTED]
        ).select_related("space"):
            waiting.status, waiting.decided_by, waiting.decided_at, waiting.reason = (
                Booking.Status.REJECTED,
                actor,
                now,
                purpose[:300],
            )
            waiting.save(update_fields=["status", "decided_by", "decided_at", "reason"])
            _decide_notice(waiting, "spaces.booking_rejected", actor, waiting.reason)
        booking = Booking(
            space=space,
            neighborhood_id=space.neighborhood_id,
            kind=kind,
            requester=actor,
            purpose=purpose[:200],
            starts_at=starts_at,
            ends_at=ends_at,
            status=Booking.Status.APPROVED,
            decided_by=actor,
            decided_at=now,
        )
        try:
            with transaction.atomic():
                booking.save()
        except IntegrityError:
            _refuse_taken(space, starts_at)
    return booking


def booking_move(*, booking, starts_at, ends_at, actor) -> Booking:
    """Staff move a block (a moved reception day) to another time; same checks as booking_block."""
    require(actor, "spaces.approve_booking", booking)
    if ends_at <= starts_at:
        raise ValidationError(_("The end must be after the start."), code="order")
    with transaction.atomic():
        booking = _locked(booking)
        if (
            _overlapping(booking.space, starts_at, ends_at, [Booking.Status.APPROVED])
            .exclude(pk=booking.pk)
            .exists()
        ):
            _refuse_taken(booking.space, starts_at)
        booking.starts_at, booking.ends_at = starts_at, ends_at
        try:
            with transaction.atomic():
                booking.save(update_fields=["starts_at", "ends_at"])
        except IntegrityError:
            _refuse_taken(booking.space, starts_at)
    return booking


def booking_release(*, booking, actor) -> Booking:
    """Staff release a block (a cancelled reception day): the time is free again."""
    require(actor, "spaces.approve_booking", booking)
    with transaction.atomic():
        booking = _locked(booking)
        if booking.status in Booking.OPEN:
            booking.status = Booking.Status.CANCELLED
            booking.save(update_fields=["status"])
    return booking


def _photo(space, value):
    """A new upload goes through linli.core.uploads (content, EXIF removed); the file it
    replaces, or a cleared one, is deleted once the change commits."""
    if isinstance(value, UploadedFile):
        try:
            value = upload_checks.check_image(value, max_side=1600).content
        except ValidationError as error:
            raise ValidationError({"photo": error.messages}) from None
    elif value and getattr(value, "name", value) == space.photo.name:
        return value  # unchanged
    if space.pk and space.photo:
        upload_checks.delete_on_commit(space.photo)  # takes the name now, deletes on commit
    return value


@transaction.atomic
def space_save(*, actor, neighborhood, space=None, **fields) -> Space:
    """Create or change a space (committee staff)."""
    require(actor, "spaces.manage_space", neighborhood)
    if space is not None and space.neighborhood_id != neighborhood.pk:
        raise PermissionDenied(_("You do not have permission to do this."))
    creating = space is None
    space = space or Space(neighborhood=neighborhood)
    before = {k: str(getattr(space, k)) for k in fields} if not creating else None
    if "photo" in fields:
        fields["photo"] = _photo(space, fields["photo"])
    for key, value in fields.items():
        setattr(space, key, value)
    space.full_clean()
    space.save()
    audit_record(
        actor=actor,
        action="spaces.space_create" if creating else "spaces.space_update",
        target=space,
        neighborhood=neighborhood,
        before=before,
        after={k: str(v) for k, v in fields.items() if k != "photo"},
    )
    return space
