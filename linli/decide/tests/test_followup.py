"""A building leader's follow-up sheet for a decision: who in their building has not yet voted,
with names and phones, filtered, printable with a box per household; the paper ballots
entered afterwards through the participation page's form.

Permission table (decide.view_followup, with decide.view_participation on the decision), walked
on the real page. Columns: the sheet of building 1 (where 张三, 13811112222, lives in 1-1-101)
and of building 2, and the sheet without ?building= (the building one leads). Cells: `-`
refused or absent; `np` the row of 1-1-101 (b1) or 2-1-101 (b2) with a name and phone.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from linli.community.actions.owners import OwnerEntry, unit_owners_set
from linli.decide import actions
from linli.decide.models import Ballot

# fmt: off
COLUMNS = ["b1", "b2", "own"]
TABLE = {
    "secretary":    "np   np   -",
    "staff":        "np   np   -",
    "leader":       "np   -    np",
    "owners":       "-    -    -",
    "property":     "-    -    -",
    "resident":     "-    -    -",
    "housemate":    "-    -    -",
    "neighbour":    "-    -    -",
    "far_resident": "-    -    -",
    "street_staff": "-    -    -",
    "other_staff":  "-    -    -",
    "unverified":   "-    -    -",
    "anonymous":    "-    -    -",
}
# fmt: on


def _sheet(client, decision, building=None):
    url = reverse("decide:decision-followup", args=[decision.pk])
    if building is not None:
        url += f"?building={building.pk}"
    r = client.get(url)
    assert r.status_code in (200, 302, 403, 404), r.status_code
    return r.content.decode() if r.status_code == 200 else None


def _row(body, room):
    if body is None:
        return None
    found = re.search(rf'<th scope="row">{room}(.*?)</tr>', body, re.S)
    return found.group(1) if found else None


def _cell(body, room, name, phone):
    row = _row(body, room)
    if row is None:
        return "-"
    return ("n" if name in row else "") + ("p" if phone in row else "") or "o"


@pytest.mark.parametrize("role", list(TABLE))
def test_permission_table(role, people, tree, client, make_decision):
    decision = make_decision()
    b1, b2 = tree.buildings
    if role != "anonymous":
        client.force_login(people[role], backend="django.contrib.auth.backends.ModelBackend")
    got = [
        _cell(_sheet(client, decision, b1), "1-1-101", "张三", "13811112222"),
        _cell(_sheet(client, decision, b2), "2-1-101", "far_resident 真名", "13900000000"),
        _cell(_sheet(client, decision), "1-1-101", "张三", "13811112222"),
    ]
    assert got == TABLE[role].split(), role


def test_the_sheet_lists_who_has_not_voted_and_hides_who_has(people, tree, login, make_decision):
    decision = make_decision()
    first = decision.options.order_by("position").first()
    actions.ballot_cast(decision=decision, actor=people["neighbour"], option_ids=[first.pk])
    client = login(people["leader"])
    pending = _sheet(client, decision, tree.buildings[0])
    assert _row(pending, "1-1-101") and _row(pending, "1-1-201") is None
    done = client.get(
        reverse("decide:decision-followup", args=[decision.pk])
        + f"?building={tree.buildings[0].pk}&show=done"
    ).content.decode()
    assert _row(done, "1-1-201") and _row(done, "1-1-101") is None
    every = client.get(
        reverse("decide:decision-followup", args=[decision.pk])
        + f"?building={tree.buildings[0].pk}&show=all&unit=1"
    ).content.decode()
    assert every.count('class="fu-box"') == 4


def test_the_sheet_prints_with_a_box_per_household(people, tree, login, make_decision):
    body = _sheet(login(people["leader"]), make_decision(), tree.buildings[0])
    assert "css/followup.css" in body
    assert body.count('class="fu-box"') == 4  # four households, none has voted
    assert 'class="filters screen-only"' in body


def test_an_owners_decision_sheet_shows_the_owner_of_a_let_unit(people, tree, login, make_decision):
    decision = make_decision(owners_only=True)
    let = tree.buildings[0].homes[1]
    unit_owners_set(
        household=let, actor=people["staff"], owners=[OwnerEntry("远方业主", "13700001111", "X")]
    )
    row = _row(_sheet(login(people["leader"]), decision, tree.buildings[0]), "1-1-201")
    assert "远方业主" in row and "13700001111" in row


def test_the_leader_enters_the_paper_ballot_from_the_sheet(people, tree, login, make_decision):
    decision = make_decision()
    client = login(people["leader"])
    body = _sheet(client, decision, tree.buildings[0])
    home = tree.buildings[0].homes[0]
    link = f"/decide/{decision.pk}/participation/?building={tree.buildings[0].pk}#h{home.pk}"
    assert link.replace("&", "&amp;") in body
    page = client.get(link.split("#")[0]).content.decode()
    assert f'id="h{home.pk}"' in page
    option = decision.options.order_by("position").first()
    client.post(
        reverse("decide:ballot-enter", args=[decision.pk]),
        {
            "household": home.pk,
            "building": tree.buildings[0].pk,
            "channel": "paper",
            "option": option.pk,
        },
    )
    assert Ballot.objects.get(decision=decision, household=home).channel == "paper"
    assert _row(_sheet(client, decision, tree.buildings[0]), "1-1-101") is None


def test_the_sheet_costs_the_same_queries_for_more_households(
    people, tree, login, make_decision, django_assert_max_num_queries
):
    from linli.community.models import Household

    decision = make_decision()
    client = login(people["leader"])
    b1 = tree.buildings[0]
    with CaptureQueriesContext(connection) as few:
        _sheet(client, decision, b1)
    for r in range(5, 25):
        Household.objects.create(
            building=b1, neighborhood=b1.neighborhood, unit="2", room=f"{r}01", area=90
        )
    with django_assert_max_num_queries(len(few)):
        body = _sheet(client, decision, b1)
    assert "1-2-2401" in body


def test_a_leader_may_not_open_another_building_s_sheet(people, tree, login, make_decision):
    client = login(people["leader"])
    url = reverse("decide:decision-followup", args=[make_decision().pk])
    assert client.get(f"{url}?building={tree.buildings[1].pk}").status_code == 403
    assert client.get(f"{url}?building=x").status_code == 200  # falls back to their own
