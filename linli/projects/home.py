"""Home card: the neighborhood's projects in progress (one query), for residents and staff."""

from linli.core.home import Card

from .models import Project, Stage


def cards(request):
    user = request.user
    if not getattr(user, "is_verified", False):
        return []
    active = list(
        Project.objects.filter(neighborhood_id=user.household.neighborhood_id)
        .exclude(stage__in=[Stage.COMPLETED, Stage.UPKEEP])
        .order_by("-updated_at")
        .only("pk", "title", "stage", "updated_at")[:3]
    )
    if not active:
        return []
    return [Card("projects/cards/active.html", order=30, context={"projects": active})]
