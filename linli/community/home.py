"""The community's home cards: my household or how to get verified; staff's waiting work."""

from linli.core.home import Card

from . import selectors
from .predicates import opens_staff_pages


def cards(request):
    user = request.user
    if not user.is_authenticated:
        return [Card("community/cards/welcome.html", order=0)]
    me = selectors.user_with_household(user)
    result = []
    if me.household_id or user.has_perm("community.request_verification"):
        result.append(
            Card(
                "community/cards/household.html"
                if me.household_id
                else "community/cards/verify.html",
                order=10,
                context={"me": me},
            )
        )
    if opens_staff_pages(user):
        neighborhoods = list(selectors.staff_neighborhoods(user))
        waiting = selectors.pending_verification_counts(
            [n.pk for n in neighborhoods if user.has_perm("community.list_households", n)]
        )
        for n in neighborhoods:
            n.pending_verifications = waiting.get(n.pk)
        result.append(
            Card(
                "community/cards/staff.html",
                order=5,
                context={"staff_neighborhoods": neighborhoods},
            )
        )
    return result
