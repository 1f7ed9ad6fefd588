"""What the spaces app holds about a person (PIPL): their bookings; on deletion the
bookings stay (the calendar), without the person."""

from .models import Booking


def export(person):
    return {
        "bookings": [
            {
                "space": b.space.name,
                "purpose": b.purpose,
                "starts_at": b.starts_at.isoformat(),
                "ends_at": b.ends_at.isoformat(),
                "status": b.status,
            }
            for b in Booking.objects.filter(requester=person).select_related("space")
        ]
    }


def anonymise(person):
    """The person's own future bookings are cancelled through booking_cancel (the slot is free
    again, staff are told of an approved one); every booking stays on the calendar without them.
    Bookings made for the committee's activities or reception days are kept."""
    from django.utils import timezone

    from .actions import booking_cancel

    own = Booking.objects.filter(
        requester=person,
        kind=Booking.Kind.BOOKING,
        status__in=Booking.OPEN,
        ends_at__gt=timezone.now(),
    ).select_related("space")
    for booking in own:
        booking_cancel(booking=booking, actor=person)
    Booking.objects.filter(requester=person).update(requester=None, household=None)
