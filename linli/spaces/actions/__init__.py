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
IntegrityError there, which these actions turn into a ValidationError."""

# ruff: noqa: F401  (the package re-exports every name the module had)

from .common import _local, _overlapping, _refuse_taken, _staff_ids
from .decisions import (
    _decide_notice,
    _locked,
    booking_approve,
    booking_block,
    booking_cancel,
    booking_move,
    booking_reject,
    booking_release,
)
from .requests import MAX_WEEKS, Weekly, _check_times, _notify_staff, _save, booking_request
from .spaces import _photo, space_save

__all__ = [
    "MAX_WEEKS",
    "Weekly",
    "booking_approve",
    "booking_block",
    "booking_cancel",
    "booking_move",
    "booking_reject",
    "booking_release",
    "booking_request",
    "space_save",
]
