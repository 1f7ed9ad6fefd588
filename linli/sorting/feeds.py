"""The collection-days iCal feed (built with linli.core.ical)."""

from django.utils.translation import gettext as _

from linli.core.ical import calendar, event


def collection_calendar(neighborhood, days):
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
