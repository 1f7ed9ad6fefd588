"""Home cards: the next reception day (with the calendar feed, also as a <link> for the
page head: card.context["head_links"]), my open requests, and overdue work for the office."""

from django.urls import reverse

from linli.community.predicates import has_any_staff_role
from linli.core.home import Card

from . import selectors
from .models import Request


def _neighborhood_id(request):
    user = request.user
    if user.is_authenticated and user.household_id:
        return user.household.neighborhood_id
    return None


def cards(request):
    user = request.user
    neighborhood_id = _neighborhood_id(request)
    result = []
    occ = (
        selectors.next_occurrence(neighborhood_id)
        if neighborhood_id
        else _only_neighborhood_occurrence()
    )
    if occ is not None:
        feed = request.build_absolute_uri(
            reverse("office:reception-feed", args=[occ.neighborhood.slug])
        )
        result.append(
            Card(
                "office/cards/reception.html",
                order=30,
                context={
                    "occ": occ,
                    "feed_url": feed,
                    "head_links": [
                        {
                            "rel": "alternate",
                            "type": "text/calendar",
                            "href": feed,
                            "title": occ.series.title,
                        }
                    ],
                },
            )
        )
    if user.is_authenticated:
        mine = list(
            Request.objects.filter(reporter_id=user.pk, status__in=Request.OPEN)
            .select_related("category")
            .order_by("-created_at")[:3]
        )
        overdue = _overdue_for(user) if has_any_staff_role(user) else None
        if mine or overdue:
            result.append(
                Card(
                    "office/cards/requests.html",
                    order=25,
                    context={"mine": mine, "overdue": overdue},
                )
            )
    return result


def _only_neighborhood_occurrence():
    from linli.community.models import Neighborhood

    ids = list(Neighborhood.objects.values_list("id", flat=True)[:2])
    return selectors.next_occurrence(ids[0]) if len(ids) == 1 else None


def _overdue_for(user):
    from linli.community.models import Neighborhood
    from linli.community.predicates import roles_of

    ids = [nid for nid in roles_of(user).kinds_by_neighborhood if nid]
    if not ids:
        return None
    rows = []
    for n in Neighborhood.objects.filter(id__in=ids[:5]).order_by("name"):
        if user.has_perm("office.view_dashboard", n):
            rows.append(
                (
                    n,
                    Request.objects.filter(
                        selectors.overdue_q(), neighborhood=n, status__in=Request.OPEN
                    ).count(),
                )
            )
    return rows
