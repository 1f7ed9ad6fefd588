"""Reads for volunteer pages; each costs a fixed number of queries."""

from django.utils import timezone

from linli.moderation.selectors import mask_held, with_held

from .models import Shift, SignUp, Volunteer


def shown_shift(pk, viewer):
    """One shift as `viewer` may read it, or None: a description the spam check holds reads
    “Waiting for review” to everyone but its author and moderators (one query; one more to ask
    whether the viewer moderates, only for a held one)."""
    found = list(with_held(Shift.objects.filter(pk=pk)))
    for row in found:
        if row.moderation_held and row.created_by_id != getattr(viewer, "pk", None):
            moderator = viewer.has_perm("moderation.review", row.neighborhood)
            mask_held(
                [row],
                viewer,
                author_field="created_by_id",
                fields=["description"],
                moderator=moderator,
            )
    return found[0] if found else None


def upcoming_shifts(neighborhood, sort=""):
    qs = Shift.objects.filter(
        neighborhood=neighborhood, status=Shift.Status.OPEN, starts_at__gt=timezone.now()
    )
    if sort:
        qs = qs.filter(sort=sort)
    return qs.order_by("starts_at", "id")


def past_shifts(neighborhood):
    return Shift.objects.filter(neighborhood=neighborhood, starts_at__lte=timezone.now()).order_by(
        "-starts_at", "-id"
    )


def my_signups_for(person, shift_ids):
    """{shift id: SignUp} of the person's active sign-ups among these shifts (one query)."""
    if not getattr(person, "is_authenticated", False) or not shift_ids:
        return {}
    return {
        s.shift_id: s
        for s in SignUp.objects.filter(
            person=person, shift_id__in=list(shift_ids), status=SignUp.Status.SIGNED
        )
    }


def my_upcoming(person, limit=5):
    return list(
        SignUp.objects.filter(
            person=person, status=SignUp.Status.SIGNED, shift__starts_at__gt=timezone.now()
        )
        .select_related("shift")
        .order_by("shift__starts_at")[:limit]
    )


def shift_signups(shift):
    return list(
        SignUp.objects.filter(shift=shift)
        .exclude(status=SignUp.Status.CANCELLED)
        .select_related("person")
        .order_by("created_at")
    )


def swap_targets(shift, limit=30):
    return list(
        Shift.objects.filter(
            neighborhood_id=shift.neighborhood_id,
            sort=shift.sort,
            status=Shift.Status.OPEN,
            starts_at__gt=timezone.now(),
        )
        .exclude(pk=shift.pk)
        .order_by("starts_at")[:limit]
    )


def volunteer_of(person):
    return Volunteer.objects.filter(pk=person.pk).first() or Volunteer(person_id=person.pk)


def contributions(person):
    return (
        SignUp.objects.filter(person=person, status=SignUp.Status.DONE)
        .select_related("shift")
        .order_by("-shift__starts_at")
    )


def hours_by_month(person, months):
    """[(month, hours)] over the given first-of-month dates (one grouped query)."""
    from django.db.models import Sum
    from django.db.models.functions import TruncMonth

    rows = (
        SignUp.objects.filter(
            person=person, status=SignUp.Status.DONE, shift__starts_at__date__gte=months[0]
        )
        .annotate(m=TruncMonth("shift__starts_at"))
        .values("m")
        .annotate(h=Sum("hours"))
    )
    by_month = {
        timezone.localtime(r["m"]).date().replace(day=1) if hasattr(r["m"], "hour") else r["m"]: r[
            "h"
        ]
        for r in rows
    }
    return [(m, float(by_month.get(m, 0) or 0)) for m in months]


def top_volunteers(neighborhood_id, limit=10):
    """Those who agreed to be shown, by hours (one query)."""
    return list(
        Volunteer.objects.filter(
            show_on_profile=True,
            person__household__neighborhood_id=neighborhood_id,
            hours_total__gt=0,
        )
        .select_related("person")
        .order_by("-hours_total")[:limit]
    )
