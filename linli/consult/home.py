"""Home card: open consultations in the person's neighborhood, and whether they have been heard."""

from django.utils import timezone

from linli.core.home import Card

from .models import Consultation, Response


def cards(request):
    user = request.user
    if not getattr(user, "is_verified", False):
        return []
    now = timezone.now()
    open_ = list(
        Consultation.objects.filter(
            neighborhood_id=user.household.neighborhood_id,
            opens_at__lte=now,
            closes_at__gt=now,
            is_draft=False,
        ).order_by("closes_at")[:3]
    )
    if not open_:
        return []
    answered = set(
        Response.objects.filter(
            consultation__in=open_, respondent_key__in=[f"h{user.household_id}", f"r{user.pk}"]
        ).values_list("consultation_id", flat=True)
    )
    for c in open_:
        c.answered = c.pk in answered
    return [Card("consult/card.html", order=25, context={"consultations": open_})]
