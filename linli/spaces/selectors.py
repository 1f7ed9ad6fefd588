"""Reads for spaces: the week's calendar, free slots, queues. Fixed query counts."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from linli.moderation.selectors import mask_held, with_held

from .models import Booking, Space


def spaces_of(neighborhood):
    return Space.objects.filter(neighborhood=neighborhood).order_by("-active", "name")


def _day_bounds(day):
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(day, time.min), tz)
    return start, start + timedelta(days=1)


def bookings_between(space, start, end, statuses=Booking.OPEN):
    """Open bookings of a space that touch [start, end), with the requester and whether moderation
    holds the purpose (one query)."""
    return with_held(
        Booking.objects.filter(
            space=space, status__in=statuses, starts_at__lt=end, ends_at__gt=start
        )
        .select_related("requester")
        .order_by("starts_at")
    )


def week_of(day):
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def week_view(space, monday, viewer=None, moderator=False):
    """Seven days from `monday`, each with its open bookings (one query). A purpose the spam check
    holds reads “Waiting for review” to everyone but its author and moderators (the slot stays taken)."""
    start, _ = _day_bounds(monday)
    end = start + timedelta(days=7)
    days = [{"date": monday + timedelta(days=i), "bookings": []} for i in range(7)]
    rows = bookings_between(space, start, end)
    for booking in mask_held(
        rows, viewer, author_field="requester_id", fields=["purpose"], moderator=moderator
    ):
        index = (timezone.localtime(booking.starts_at).date() - monday).days
        if 0 <= index < 7:
            days[index]["bookings"].append(booking)
    return days


def free_slots(*, space, day, minutes=60, step=30):
    """Free start/end pairs of `minutes` on `day`, every `step` minutes within the opening
    hours, not overlapping an approved booking or an open request, not in the past (one query)."""
    tz = timezone.get_current_timezone()
    opens = timezone.make_aware(datetime.combine(day, space.opens_at), tz)
    closes = timezone.make_aware(datetime.combine(day, space.closes_at), tz)
    taken = list(bookings_between(space, opens, closes).values_list("starts_at", "ends_at"))
    now = timezone.now()
    slots, start, length = [], opens, timedelta(minutes=minutes)
    while start + length <= closes:
        end = start + length
        if start >= now and not any(s < end and start < e for s, e in taken):
            slots.append((start, end))
        start += timedelta(minutes=step)
    return slots


def booking_queue(neighborhood):
    """Requests waiting for staff, soonest first."""
    return (
        Booking.objects.filter(
            neighborhood=neighborhood, status=Booking.Status.REQUESTED, ends_at__gt=timezone.now()
        )
        .select_related("space", "requester", "household__building__compound")
        .order_by("starts_at")
    )


def bookings_of(person):
    """A person's (and their household's) bookings, newest first."""
    from django.db.models import Q

    q = Q(requester_id=person.pk)
    if getattr(person, "household_id", None):
        q |= Q(household_id=person.household_id)
    return (
        Booking.objects.filter(q, kind=Booking.Kind.BOOKING)
        .select_related("space")
        .order_by("-starts_at")
    )


def upcoming_count(neighborhood_id):
    return Booking.objects.filter(
        neighborhood_id=neighborhood_id, status=Booking.Status.REQUESTED, ends_at__gt=timezone.now()
    ).count()
