"""What the activities app holds about a person: registrations and check-ins."""

from django.utils import timezone

from .models import Registration


def export(person):
    return {
        "activity_registrations": [
            {
                "activity": r.activity.title,
                "starts_at": r.activity.starts_at.isoformat(),
                "status": r.status,
                "checked_in_at": r.checked_in_at.isoformat() if r.checked_in_at else None,
            }
            for r in Registration.objects.filter(person=person)
            .select_related("activity")
            .order_by("created_at")
        ]
    }


def anonymise(person):
    """Future registrations are cancelled through registration_cancel, under its lock: a freed
    place goes to the first on the waiting list (who is told) and the counters stay right.
    Past registrations stay as numbers."""
    from .actions import registration_cancel

    future = Registration.objects.filter(
        person=person, status__in=["confirmed", "waiting"], activity__starts_at__gt=timezone.now()
    ).order_by("pk")
    for registration in future:
        registration_cancel(registration=registration, actor=person)
