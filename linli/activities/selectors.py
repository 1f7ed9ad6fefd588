"""Reads for activity pages; each costs a fixed number of queries."""

import calendar
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from linli.moderation.selectors import mask_held, with_held

from .models import Activity, Photo, Registration


def shown_activity(pk, viewer):
    """One activity as `viewer` may read it, or None: a description the spam check holds reads
    “Waiting for review” to everyone but its author and moderators (one query; one more to ask
    whether the viewer moderates, only for a held one)."""
    found = list(with_held(Activity.objects.filter(pk=pk)))
    for row in found:
        if row.moderation_held and row.created_by_id != getattr(viewer, "pk", None):
            moderator = viewer.has_perm("moderation.review", row.neighborhood)
            mask_held(
                [row],
                viewer,
                author_field="created_by_id",
                fields=["description", "description_html"],
                moderator=moderator,
            )
    return found[0] if found else None


def upcoming(neighborhood):
    return Activity.objects.filter(
        neighborhood=neighborhood, status=Activity.Status.PUBLISHED, ends_at__gt=timezone.now()
    ).order_by("starts_at", "id")


def past(neighborhood):
    return Activity.objects.filter(neighborhood=neighborhood, ends_at__lte=timezone.now()).order_by(
        "-starts_at", "-id"
    )


def month_bounds(first: date):
    tz = timezone.get_current_timezone()
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return datetime.combine(first, time.min, tz), datetime.combine(
        last + timedelta(days=1), time.min, tz
    )


def month_calendar(neighborhood, first: date):
    """Weeks (Monday first) of days with that day's activities, and the month's activities in order (one query)."""
    start, end = month_bounds(first)
    activities = list(
        Activity.objects.filter(
            neighborhood=neighborhood, starts_at__gte=start, starts_at__lt=end
        ).order_by("starts_at", "id")[:500]
    )
    by_day = {}
    for a in activities:
        by_day.setdefault(timezone.localtime(a.starts_at).date(), []).append(a)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
        weeks.append(
            [
                {"day": d, "in_month": d.month == first.month, "activities": by_day.get(d, [])}
                for d in week
            ]
        )
    return weeks, activities


def my_registrations_for(person, activity_ids):
    if not getattr(person, "is_authenticated", False) or not activity_ids:
        return {}
    return {
        r.activity_id: r
        for r in Registration.objects.filter(
            person=person, activity_id__in=list(activity_ids), status__in=["confirmed", "waiting"]
        )
    }


def waiting_position(registration):
    if registration is None or registration.status != Registration.Status.WAITING:
        return None
    return Registration.objects.filter(
        activity_id=registration.activity_id,
        status=Registration.Status.WAITING,
        created_at__lte=registration.created_at,
    ).count()


def registrations(activity):
    return list(
        Registration.objects.filter(activity=activity, status__in=["confirmed", "waiting"])
        .select_related("person")
        .order_by("status", "created_at", "id")
    )


def photos(activity, limit=60):
    return list(Photo.objects.filter(activity=activity).order_by("created_at", "id")[:limit])


def feed_activities(neighborhood):
    since = timezone.now() - timedelta(days=60)
    return list(
        Activity.objects.filter(neighborhood=neighborhood, starts_at__gte=since).order_by(
            "starts_at"
        )[:500]
    )


def my_upcoming(person, limit=5):
    return list(
        Registration.objects.filter(
            person=person, status__in=["confirmed", "waiting"], activity__ends_at__gt=timezone.now()
        )
        .select_related("activity")
        .order_by("activity__starts_at")[:limit]
    )
