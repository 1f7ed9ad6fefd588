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
    Booking.objects.filter(requester=person).update(requester=None, household=None)
