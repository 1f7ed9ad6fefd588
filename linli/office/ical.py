"""iCalendar feeds (RFC 5545) with the icalendar package.

The neighborhood feed has one VEVENT per reception-day series with an RRULE
(FREQ=MONTHLY;BYDAY=2SA), EXDATE for cancelled occurrences and an overriding VEVENT
with RECURRENCE-ID for each moved one; times carry TZID=Asia/Shanghai with its
VTIMEZONE, so calendar apps show the right hour wherever they are. The personal feed
lists a person's own reception slots and space bookings as single events.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, vRecur

from .models import Occurrence

BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def _calendar(name):
    cal = Calendar()
    cal.add("prodid", "-//Linli//Joint office//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    cal.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    cal.add_component(
        Timezone.from_tzinfo(
            ZoneInfo(settings.TIME_ZONE),
            first_date=datetime(2020, 1, 1).date(),
            last_date=datetime(2040, 1, 1).date(),
        )
    )
    return cal


def _local(dt):
    return timezone.localtime(dt, ZoneInfo(settings.TIME_ZONE))


def _uid(series, host):
    return f"reception-{series.pk}@{host}"


def neighborhood_feed(neighborhood, series_list, occurrences, host, base_url):
    """`occurrences`: every occurrence of those series that was cancelled or moved."""
    cal = _calendar(f"{neighborhood.name} · 书记会客日")
    changed = {}
    for occ in occurrences:
        changed.setdefault(occ.series_id, []).append(occ)
    stamp = timezone.now()
    for series in series_list:
        first = series.starts_on
        from .actions.reception import occurrence_dates

        dates = list(occurrence_dates(series, first, first + timedelta(days=62)))
        if not dates:
            continue
        start = datetime.combine(dates[0], series.start_time, ZoneInfo(settings.TIME_ZONE))
        end = datetime.combine(dates[0], series.end_time, ZoneInfo(settings.TIME_ZONE))
        event = Event()
        event.add("uid", _uid(series, host))
        event.add("dtstamp", stamp)
        event.add("summary", series.title)
        event.add("dtstart", start)
        event.add("dtend", end)
        rule = {"freq": "monthly", "byday": f"{series.week_of_month}{BYDAY[series.weekday]}"}
        if series.until:
            rule["until"] = datetime.combine(
                series.until, series.end_time, ZoneInfo(settings.TIME_ZONE)
            ).astimezone(ZoneInfo("UTC"))
        event.add("rrule", vRecur(rule))
        if series.where:
            event.add("location", series.where)
        description = "\n".join(x for x in [series.attendees, series.description] if x)
        if description:
            event.add("description", description)
        event.add("url", base_url)
        cancelled = [
            _local(o.original_start)
            for o in changed.get(series.pk, [])
            if o.status == Occurrence.Status.CANCELLED
        ]
        if cancelled:
            event.add("exdate", cancelled)
        cal.add_component(event)
        for occ in changed.get(series.pk, []):
            if occ.status == Occurrence.Status.CANCELLED or not occ.moved:
                continue
            moved = Event()
            moved.add("uid", _uid(series, host))
            moved.add("dtstamp", stamp)
            moved.add("recurrence-id", _local(occ.original_start))
            moved.add("sequence", occ.sequence)
            moved.add("summary", series.title)
            moved.add("dtstart", _local(occ.starts_at))
            moved.add("dtend", _local(occ.ends_at))
            if series.where:
                moved.add("location", series.where)
            if occ.note:
                moved.add("description", occ.note)
            cal.add_component(moved)
    return cal.to_ical()


def personal_feed(person, slots, bookings, host):
    cal = _calendar(f"{person.public_name} · 邻里")
    stamp = timezone.now()
    for slot in slots:
        occ = slot.occurrence
        event = Event()
        event.add("uid", f"slot-{slot.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", f"{occ.series.title}: {slot.subject}")
        event.add("dtstart", _local(slot.starts_at))
        event.add("dtend", _local(slot.starts_at + timedelta(minutes=occ.series.slot_minutes)))
        event.add(
            "status", "CANCELLED" if occ.status == Occurrence.Status.CANCELLED else "CONFIRMED"
        )
        if occ.series.where:
            event.add("location", occ.series.where)
        cal.add_component(event)
    for booking in bookings:
        event = Event()
        event.add("uid", f"booking-{booking.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", f"{booking.space.name}: {booking.purpose}")
        event.add("dtstart", _local(booking.starts_at))
        event.add("dtend", _local(booking.ends_at))
        event.add(
            "status",
            {"approved": "CONFIRMED", "requested": "TENTATIVE"}.get(booking.status, "CANCELLED"),
        )
        event.add("location", booking.space.location or booking.space.name)
        cal.add_component(event)
    return cal.to_ical()
