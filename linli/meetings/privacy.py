"""What the meetings app holds about a person: the meetings they signed in at."""

from .models import Attendance


def export(person):
    return {
        "meeting_attendance": [
            {
                "meeting": a.meeting.title,
                "starts_at": a.meeting.starts_at.isoformat(),
                "name": a.name,
                "paper": a.paper,
            }
            for a in Attendance.objects.filter(person=person).select_related("meeting")
        ]
    }


def anonymise(person):
    """The attendance stays counted; the name signed with is kept only as 'former resident'."""
    from .actions import attendance_anonymise

    attendance_anonymise(person=person)
