"""iCalendar (RFC 5545) documents, the one builder every feed uses.

A calendar carries the VTIMEZONE of the site's time zone (Asia/Shanghai) and each event's times
carry its TZID, so calendar apps show the right hour wherever they are. Apps add what is their
own (an RRULE, EXDATE, RECURRENCE-ID, a STATUS) to the events these functions return.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, Timezone


def zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local(dt: datetime) -> datetime:
    """An aware datetime in the site's time zone (written with its TZID)."""
    return timezone.localtime(dt, zone())


def calendar(name: str, *, prodid: str = "-//Linli//linli//ZH") -> Calendar:
    """An empty VCALENDAR named `name`, with the site's VTIMEZONE; refreshed every 6 hours."""
    cal = Calendar()
    cal.add("prodid", prodid)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    cal.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    cal.add_component(
        Timezone.from_tzinfo(zone(), first_date=date(2020, 1, 1), last_date=date(2040, 1, 1))
    )
    return cal


def event(
    uid: str,
    summary: str,
    start: datetime,
    end: datetime,
    location: str = "",
    description: str = "",
    url: str = "",
    *,
    stamp: datetime | None = None,
) -> Event:
    """A VEVENT in local time; a relative `url` is made absolute with LINLI_SITE_URL."""
    e = Event()
    e.add("uid", uid)
    e.add("dtstamp", stamp or timezone.now())
    e.add("summary", summary)
    e.add("dtstart", local(start))
    e.add("dtend", local(end))
    if location:
        e.add("location", location)
    if description:
        e.add("description", description)
    if url:
        if not url.startswith(("http://", "https://")):
            url = getattr(settings, "LINLI_SITE_URL", "") + url
        e.add("url", url)
    return e
