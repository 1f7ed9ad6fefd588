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
from icalendar import vRecur

from linli.core.ical import calendar, event
from linli.core.ical import local as _local

from .models import Occurrence

PRODID = "-//Linli//Joint office//ZH"
BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def _uid(series, host):
    return f"reception-{series.pk}@{host}"


def neighborhood_feed(neighborhood, series_list, occurrences, host, base_url):
    """`occurrences`: every occurrence of those series that was cancelled or moved."""
    cal = calendar(f"{neighborhood.name} · 书记会客日", prodid=PRODID)
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
        description = "\n".join(x for x in [series.attendees, series.description] if x)
        master = event(
            _uid(series, host),
            series.title,
            start,
            end,
            series.where,
            description,
            base_url,
            stamp=stamp,
        )
        rule = {"freq": "monthly", "byday": f"{series.week_of_month}{BYDAY[series.weekday]}"}
        if series.until:
            rule["until"] = datetime.combine(
                series.until, series.end_time, ZoneInfo(settings.TIME_ZONE)
            ).astimezone(ZoneInfo("UTC"))
        master.add("rrule", vRecur(rule))
        cancelled = [
            _local(o.original_start)
            for o in changed.get(series.pk, [])
            if o.status == Occurrence.Status.CANCELLED
        ]
        if cancelled:
            master.add("exdate", cancelled)
        cal.add_component(master)
        for occ in changed.get(series.pk, []):
            if occ.status == Occurrence.Status.CANCELLED or not occ.moved:
                continue
            moved = event(
                _uid(series, host),
                series.title,
                occ.starts_at,
                occ.ends_at,
                series.where,
                occ.note,
                stamp=stamp,
            )
            moved.add("recurrence-id", _local(occ.original_start))
            moved.add("sequence", occ.sequence)
            cal.add_component(moved)
    return cal.to_ical()


def personal_feed(person, slots, bookings, host):
    cal = calendar(f"{person.public_name} · 邻里", prodid=PRODID)
    stamp = timezone.now()
    for slot in slots:
        occ = slot.occurrence
        ends = slot.starts_at + timedelta(minutes=occ.series.slot_minutes)
        e = event(
            f"slot-{slot.pk}@{host}",
            f"{occ.series.title}: {slot.subject}",
            slot.starts_at,
            ends,
            occ.series.where,
            stamp=stamp,
        )
        e.add("status", "CANCELLED" if occ.status == Occurrence.Status.CANCELLED else "CONFIRMED")
        cal.add_component(e)
    for booking in bookings:
        e = event(
            f"booking-{booking.pk}@{host}",
            f"{booking.space.name}: {booking.purpose}",
            booking.starts_at,
            booking.ends_at,
            booking.space.location or booking.space.name,
            stamp=stamp,
        )
        e.add(
            "status",
            {"approved": "CONFIRMED", "requested": "TENTATIVE"}.get(booking.status, "CANCELLED"),
        )
        cal.add_component(e)
    return cal.to_ical()
