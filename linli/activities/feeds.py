from django.utils.translation import gettext as _

from linli.core.ical import calendar, event


def activities_calendar(neighborhood, activities):
    cal = calendar(_("%(neighborhood)s · activities") % {"neighborhood": neighborhood.name})
    for a in activities:
        summary = (
            a.title
            if a.status == a.Status.PUBLISHED
            else _("Cancelled: %(title)s") % {"title": a.title}
        )
        cal.add_component(
            event(
                f"activity-{a.pk}@linli",
                summary,
                a.starts_at,
                a.ends_at,
                a.place,
                a.description[:500],
                a.get_absolute_url(),
            )
        )
    return cal.to_ical()
