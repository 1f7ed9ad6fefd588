"""A building leader's follow-up sheet for a consultation: who in their building has not yet
answered, with names and phones; the answers taken on paper are entered from its rows.

Permission table (consult.view_followup, with consult.view_participation on the consultation),
walked on the real page: the sheet of building 1 (张三, 13811112222, 1-1-101), of building 2,
and without ?building=. Cells: `-` refused or absent; `np` the row with a name and phone.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from linli.consult import actions
from linli.consult.models import Response

from .conftest import choice

# fmt: off
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


def _sheet(client, c, building=None, query=""):
    url = reverse("consult:consultation-followup", args=[c.pk])
    url += f"?building={building.pk}{query}" if building is not None else ""
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
def test_permission_table(role, people, tree, client, survey):
    c = survey()
    b1, b2 = tree.buildings
    if role != "anonymous":
        client.force_login(people[role], backend="django.contrib.auth.backends.ModelBackend")
    got = [
        _cell(_sheet(client, c, b1), "1-1-101", "张三", "13811112222"),
        _cell(_sheet(client, c, b2), "2-1-101", "far_resident 真名", "13900000000"),
        _cell(_sheet(client, c), "1-1-101", "张三", "13811112222"),
    ]
    assert got == TABLE[role].split(), role


def test_the_sheet_lists_who_has_not_answered_and_prints_a_box_each(people, tree, login, survey):
    c = survey()
    actions.response_submit(
        consultation=c, actor=people["neighbour"], answers={c.q["use"].pk: choice(c.q["use"], "会")}
    )
    client = login(people["leader"])
    body = _sheet(client, c, tree.buildings[0])
    assert _row(body, "1-1-101") and _row(body, "1-1-201") is None
    assert body.count('class="fu-box"') == 3 and "css/followup.css" in body
    done = _sheet(client, c, tree.buildings[0], "&show=done")
    assert _row(done, "1-1-201") and _row(done, "1-1-101") is None


def test_the_leader_enters_the_paper_answer_from_the_sheet(people, tree, login, survey):
    c = survey()
    client = login(people["leader"])
    home = tree.buildings[0].homes[0]
    body = _sheet(client, c, tree.buildings[0])
    link = f"/consult/{c.pk}/?household={home.pk}"
    assert link in body
    client.post(link, {"channel": "paper", f"q{c.q['use'].pk}": choice(c.q["use"], "会")})
    assert Response.objects.filter(consultation=c, household=home).exists()
    assert _row(_sheet(client, c, tree.buildings[0]), "1-1-101") is None


def test_the_sheet_costs_the_same_queries_for_more_households(
    people, tree, login, survey, django_assert_max_num_queries
):
    from linli.community.models import Household

    c = survey()
    client = login(people["staff"])
    b1 = tree.buildings[0]
    with CaptureQueriesContext(connection) as few:
        _sheet(client, c, b1)
    for r in range(5, 25):
        Household.objects.create(
            building=b1, neighborhood=b1.neighborhood, unit="2", room=f"{r}01", area=90
        )
    with django_assert_max_num_queries(len(few)):
        body = _sheet(client, c, b1)
    assert "1-2-2401" in body
