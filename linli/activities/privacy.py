"""What the activities app holds about a person: registrations and check-ins."""

from django.db.models import F
from django.utils import timezone

from .models import Activity, Registration


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
    # Future places are freed (counts kept right); past registrations stay as numbers.
    future = Registration.objects.filter(
        person=person, status__in=["confirmed", "waiting"], activity__starts_at__gt=timezone.now()
    )
    for activity_id, status in future.values_list("activity_id", "status"):
        field = "taken" if status == "confirmed" else "waiting"
        Activity.objects.filter(pk=activity_id, **{f"{field}__gt": 0}).update(
            **{field: F(field) - 1}
        )
    future.update(status=Registration.Status.CANCELLED, cancelled_at=timezone.now())
