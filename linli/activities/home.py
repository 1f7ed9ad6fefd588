"""Home card: the next few activities of the person's neighborhood (two queries)."""

from linli.core.home import Card


def cards(request):
    from linli.community.models import Neighborhood

    from .selectors import upcoming

    user = request.user
    if user.is_authenticated and user.household_id:
        neighborhood = Neighborhood.objects.filter(households__pk=user.household_id).first()
    else:
        neighborhood = Neighborhood.objects.order_by("pk").first()
    if neighborhood is None:
        return []
    return [
        Card(
            "activities/cards/activities.html",
            order=42,
            context={"neighborhood": neighborhood, "activities": list(upcoming(neighborhood)[:3])},
        )
    ]
