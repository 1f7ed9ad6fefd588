"""A building leader's follow-up sheet for a decision (上门表): who in their building has not
yet voted, with names and phones, filtered on screen and printed for the door-to-door round
(a checkbox per household). The paper ballots collected are entered afterwards through the
participation page's paper-ballot form (`ballot_enter`), reached from each row."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse

from linli.community.followup import (
    SHEET_SIZE,
    building_units,
    followup_building,
    followup_filters,
)
from linli.community.selectors import household_contacts
from linli.core.pagecache import cached_page
from linli.core.paging import paginate
from linli.core.perms import require

from .. import selectors
from ..models import Decision


@cached_page
@login_required
def followup(request, pk):
    decision = _decision(pk, request.user)
    building = followup_building(request, decision.neighborhood_id)
    require(request.user, "decide.view_followup", building)
    filters = followup_filters(request)
    households = selectors.households_with_ballots(decision, building)
    units = building_units(building)
    if filters["unit"]:
        households = households.filter(unit=filters["unit"])
    if filters["show"] == "pending":
        households = households.filter(voted=False)
    elif filters["show"] == "done":
        households = households.filter(voted=True)
    page = paginate(request, households, per_page=SHEET_SIZE)
    contacts = household_contacts(h.pk for h in page.object_list)
    paper = reverse("decide:decision-participation", args=[decision.pk])
    for h in page.object_list:
        h.contacts, h.done = contacts[h.pk], h.voted
        h.enter_url = f"{paper}?building={building.pk}#h{h.pk}"
    return render(
        request,
        "decide/followup.html",
        {
            "decision": decision,
            "building": building,
            "page": page,
            "units": units,
            "filters": filters,
            "owners_matter": decision.owners_only,
            "can_paper": decision.is_voting
            and request.user.has_perm("decide.enter_paper_ballot", building),
        },
    )


def _decision(pk, user) -> Decision:
    from django.shortcuts import get_object_or_404

    decision = get_object_or_404(
        Decision.objects.with_counts().select_related("neighborhood"), pk=pk
    )
    require(user, "decide.view_participation", decision)
    return decision
