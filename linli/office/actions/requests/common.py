"""Limits and helpers shared by the request actions."""

from linli.community.selectors import people_with_role
from linli.office.models import Party, Request, RequestFollower

S = Request.Status


def _audience(request, actor=None):
    ids = set(RequestFollower.objects.filter(request=request).values_list("person_id", flat=True))
    if request.reporter_id:
        ids.add(request.reporter_id)
    return ids


def _party_staff(neighborhood_id, party):
    kinds = {
        Party.RESIDENTS_COMMITTEE: ["committee_staff", "secretary"],
        Party.OWNERS_COMMITTEE: ["owners_committee"],
        Party.PROPERTY_MANAGER: ["property_manager"],
    }[party]
    return set(people_with_role(*kinds, neighborhood_id=neighborhood_id))


def _locked(request):
    return Request.objects.select_for_update().select_related("category").get(pk=request.pk)
