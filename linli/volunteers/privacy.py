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
    """Future sign-ups are cancelled through signup_cancel (place freed under the shift's lock,
    audit entry written); past ones stay as counts on their shifts. The profile consent goes."""
    from django.utils import timezone

    from linli.audit.actions import audit_record

    from .actions import consent_set, signup_cancel

    future = SignUp.objects.filter(
        person=person, status=SignUp.Status.SIGNED, shift__starts_at__gt=timezone.now()
    ).order_by("pk")
    for signup in future.select_related("shift"):
        signup_cancel(signup=signup, actor=person)
        # signup_cancel audits only what staff do to others; the committee should still see why
        # a volunteer dropped out of its shift, so the entry is written here (without a subject:
        # the account is going).
        audit_record(
            actor=person,
            action="volunteers.signup_cancel",
            target=signup.shift,
            neighborhood=signup.shift.neighborhood_id,
            after={"reason": "account deleted"},
        )
    if Volunteer.objects.filter(pk=person.pk, show_on_profile=True).exists():
        consent_set(person=person, show=False)
