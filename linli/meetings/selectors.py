"""Reads for the meeting pages, the API and the iCal feed (constant query counts)."""

from django.db.models import QuerySet
from django.utils import timezone

from .models import AgendaItem, Attendance, Meeting, MinutePoint


def meetings_of(neighborhood, past: bool = False) -> QuerySet[Meeting]:
    rows = Meeting.objects.filter(neighborhood=neighborhood)
    now = timezone.now()
    if past:
        return rows.filter(ends_at__lt=now).order_by("-starts_at", "-id")
    return rows.filter(ends_at__gte=now).order_by("starts_at", "id")


def feed_meetings(neighborhood, limit: int = 200) -> list[Meeting]:
    """For the iCal feed: the coming meetings and those of the last 90 days."""
    since = timezone.now() - timezone.timedelta(days=90)
    return list(
        Meeting.objects.filter(neighborhood=neighborhood, ends_at__gte=since).order_by("starts_at")[
            :limit
        ]
    )


def meeting_detail(pk: int) -> Meeting:
    return Meeting.objects.select_related("neighborhood").get(pk=pk)


def agenda_of(meeting) -> list[AgendaItem]:
    return list(AgendaItem.objects.filter(meeting=meeting))


def minutes_of(meeting) -> list[MinutePoint]:
    return list(MinutePoint.objects.filter(meeting=meeting).select_related("agenda_item"))


def attendance_of(meeting) -> QuerySet[Attendance]:
    return Attendance.objects.filter(meeting=meeting)


def signed_in(meeting, user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Attendance.objects.filter(meeting=meeting, person=user).exists()
