"""Home card: decisions open for voting (or in deliberation) in the person's neighborhood, and whether their household has voted."""

from django.utils import timezone

from linli.core.home import Card

from .models import Ballot, Decision


def cards(request):
    user = request.user
    if not getattr(user, "is_verified", False):
        return []
    now = timezone.now()
    decisions = list(
        Decision.objects.filter(
            neighborhood_id=user.household.neighborhood_id, voting_closes_at__gt=now, is_draft=False
        ).order_by("voting_closes_at")[:3]
    )
    if not decisions:
        return []
    keys = {f"h{user.household_id}", f"r{user.pk}"}
    voted = set(
        Ballot.objects.filter(
            neighborhood_id=user.household.neighborhood_id,
            decision__in=decisions,
            voter_key__in=keys,
        ).values_list("decision_id", flat=True)
    )
    for d in decisions:
        d.voted = d.pk in voted
    return [Card("decide/card.html", order=30, context={"decisions": decisions})]
