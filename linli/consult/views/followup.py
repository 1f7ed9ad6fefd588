"""A building leader's follow-up sheet for a consultation (上门表): who in their building has not
yet answered, with names and phones, filtered on screen and printed for the door-to-door round
(a checkbox per household). The answers collected on paper are entered afterwards on the
consultation page on the household's behalf (`?household=`), reached from each row."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
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
from ..models import Consultation


@cached_page
@login_required
def followup(request, pk):
    c = get_object_or_404(Consultation.objects.select_related("neighborhood"), pk=pk)
    require(request.user, "consult.view_participation", c)
    building = followup_building(request, c.neighborhood_id)
    require(request.user, "consult.view_followup", building)
    filters = followup_filters(request)
    households = selectors.households_heard(c, building)
    if filters["unit"]:
        households = households.filter(unit=filters["unit"])
    if filters["show"] == "pending":
        households = households.filter(heard=False)
    elif filters["show"] == "done":
        households = households.filter(heard=True)
    page = paginate(request, households, per_page=SHEET_SIZE)
    contacts = household_contacts(h.pk for h in page.object_list)
    detail = reverse("consult:consultation-detail", args=[c.pk])
    for h in page.object_list:
        h.contacts, h.done = contacts[h.pk], h.heard
        h.enter_url = f"{detail}?household={h.pk}"
    return render(
        request,
        "consult/followup.html",
        {
            "c": c,
            "building": building,
            "page": page,
            "units": building_units(building),
            "filters": filters,
            "can_enter": c.is_open and request.user.has_perm("consult.enter_on_behalf", building),
        },
    )
