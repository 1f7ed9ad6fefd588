"""Home card: the guide's search box and the drop-off times of the person's compound."""

from linli.core.home import Card


def cards(request):
    from linli.community.models import Neighborhood

    from .selectors import dropoffs_for_building

    user = request.user
    household = None
    if user.is_authenticated and user.household_id:
        from linli.community.models import Household

        household = (
            Household.objects.select_related("building", "neighborhood")
            .filter(pk=user.household_id)
            .first()
        )
    neighborhood = (
        household.neighborhood if household else Neighborhood.objects.order_by("pk").first()
    )
    if neighborhood is None:
        return []
    points = dropoffs_for_building(household.building)[:3] if household else []
    return [
        Card(
            "sorting/cards/guide.html",
            order=40,
            context={"neighborhood": neighborhood, "points": points},
        )
    ]
