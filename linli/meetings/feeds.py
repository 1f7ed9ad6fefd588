from django.utils.translation import gettext as _

from linli.core.ical import calendar, event


def meetings_calendar(neighborhood, meetings):
    cal = calendar(_("%(neighborhood)s · meetings") % {"neighborhood": neighborhood.name})
    for m in meetings:
        cal.add_component(
            event(
                f"meeting-{m.pk}@linli",
                f"{m.get_kind_display()}: {m.title}",
                m.starts_at,
                m.ends_at,
                m.place,
                m.description[:500],
                m.get_absolute_url(),
            )
        )
    return cal.to_ical()
