"""Home cards: hot topics of my neighborhood; for staff, reports waiting for review."""

from linli.community.predicates import staff_neighborhood_ids
from linli.core.home import Card

from . import selectors


def cards(request):
    user = request.user
    result = []
    if user.is_authenticated and user.household_id:
        neighborhood = user.household.neighborhood
        result.append(
            Card(
                "forum/cards/hot.html",
                order=20,
                context={
                    "neighborhood": neighborhood,
                    "topics": selectors.hot_topics(user=user, neighborhood=neighborhood, limit=5),
                },
            )
        )
    if user.is_authenticated:
        ids = [nid for nid in staff_neighborhood_ids(user)]
        if ids:
            from linli.community.models import Neighborhood
            from linli.moderation.selectors import open_count

            waiting = open_count(ids)
            rows = [
                (n, waiting.get(n.pk, 0))
                for n in Neighborhood.objects.filter(pk__in=ids).order_by("name")[:10]
                if user.has_perm("moderation.review", n)
            ]
            if rows:
                result.append(Card("forum/cards/reports.html", order=6, context={"rows": rows}))
    return result
