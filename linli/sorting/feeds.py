"""iCal feeds (icalendar) with an Asia/Shanghai VTIMEZONE."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar, Event, Timezone, TimezoneStandard

SHANGHAI = ZoneInfo("Asia/Shanghai")


def calendar(name):
    cal = Calendar()
    cal.add("prodid", "-//Linli//linli//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Shanghai")
    tz = Timezone()
    tz.add("tzid", "Asia/Shanghai")
    standard = TimezoneStandard()
    standard.add("dtstart", datetime(1970, 1, 1))
    standard.add("tzoffsetfrom", timedelta(hours=8))
    standard.add("tzoffsetto", timedelta(hours=8))
    standard.add("tzname", "CST")
    tz.add_component(standard)
    cal.add_component(tz)
    return cal


def event(uid, summary, start, end, location="", description="", url=""):
    e = Event()
    e.add("uid", uid)
    e.add("summary", summary)
    e.add("dtstart", start.astimezone(SHANGHAI))
    e.add("dtend", end.astimezone(SHANGHAI))
    e.add("dtstamp", datetime.now(tz=SHANGHAI))
    if location:
        e.add("location", location)
    if description:
        e.add("description", description)
    if url:
        e.add("url", getattr(settings, "LINLI_SITE_URL", "") + url)
    return e


def collection_calendar(neighborhood, days):
    from django.utils.translation import gettext as _

    cal = calendar(_("%(neighborhood)s · collection days") % {"neighborhood": neighborhood.name})
    for day in days:
        where = f"{day.compound.name} · {day.place}" if day.compound_id else day.place
        cal.add_component(
            event(
                f"sorting-collection-{day.pk}@linli",
                f"{day.get_sort_display()}",
                day.starts_at,
                day.ends_at,
                where,
                day.note,
            )
        )
    return cal.to_ical()
