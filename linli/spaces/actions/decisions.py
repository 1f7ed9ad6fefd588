"""Staff decide on bookings: approve, reject, cancel, block, move, release."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.core.perms import require
from linli.notify.actions import notify
from linli.spaces.models import Booking, Space

from .common import _local, _overlapping, _refuse_taken, _staff_ids


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
                "space_en": booking.space.name_en,
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
                    "space_en": booking.space.name_en,
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
