"""What the volunteers app holds about a person: sign-ups, hours and consent."""

from .models import SignUp, Volunteer


def export(person):
    volunteer = Volunteer.objects.filter(pk=person.pk).first()
    return {
        "volunteer": None
        if volunteer is None
        else {
            "show_on_profile": volunteer.show_on_profile,
            "hours_total": str(volunteer.hours_total),
            "shifts_done": volunteer.shifts_done,
        },
        "signups": [
            {
                "shift": s.shift.title,
                "starts_at": s.shift.starts_at.isoformat(),
                "status": s.status,
                "hours": str(s.hours),
            }
            for s in SignUp.objects.filter(person=person)
            .select_related("shift")
            .order_by("created_at")
        ],
    }


def anonymise(person):
    from django.db.models import F

    # Free the places of future sign-ups; past ones stay as counts on their shifts, without the person's record.
    from django.utils import timezone

    from .models import Shift

    future = SignUp.objects.filter(
        person=person, status=SignUp.Status.SIGNED, shift__starts_at__gt=timezone.now()
    )
    for shift_id in future.values_list("shift_id", flat=True):
        Shift.objects.filter(pk=shift_id, taken__gt=0).update(taken=F("taken") - 1)
    future.update(status=SignUp.Status.CANCELLED)
    Volunteer.objects.filter(pk=person.pk).update(show_on_profile=False)
