"""Home card for residents: my next shift and how many shifts need people soon (three queries)."""

from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from linli.core.home import Card


def cards(request):
    user = request.user
    if not (user.is_authenticated and user.household_id):
        return []
    from linli.community.models import Neighborhood

    from .models import Shift, SignUp

    neighborhood = Neighborhood.objects.filter(households__pk=user.household_id).first()
    now = timezone.now()
    nxt = (
        SignUp.objects.filter(person=user, status=SignUp.Status.SIGNED, shift__starts_at__gt=now)
        .select_related("shift")
        .order_by("shift__starts_at")
        .first()
    )
    open_count = Shift.objects.filter(
        neighborhood=neighborhood,
        status=Shift.Status.OPEN,
        starts_at__gt=now,
        starts_at__lte=now + timedelta(days=14),
        taken__lt=F("places"),
    ).count()
    return [
        Card(
            "volunteers/cards/volunteers.html",
            order=45,
            context={"neighborhood": neighborhood, "next": nxt, "open_count": open_count},
        )
    ]
