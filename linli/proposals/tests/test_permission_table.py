"""The proposals' permission table: every role of the root conftest against proposals of `nb`
and of the other neighborhood, on real pages and the API.

    view      the page of an nb proposal on the agenda (`.` shown; `s` + the supporting households)
    x         the page of the other neighborhood's proposal (same marks)
    new       the page to make an nb proposal (200, else 302/403)
    create    make an nb proposal (API)
    support   support an nb proposal (web form, then the database)
    xsupport  support the other neighborhood's proposal (API)
    answer    answer the nb proposal on the agenda (web form)
    rule      set nb's threshold (API PUT)

Write cells: `y` done, `-` refused and nothing changed.
"""

import json

import pytest

from linli.proposals import actions
from linli.proposals.models import Proposal, ProposalRule, Support

COLUMNS = ["view", "x", "new", "create", "support", "xsupport", "answer", "rule"]

# fmt: off
TABLE = {
    "secretary":    ("committee staff",    "s  .  y  y  y  -  y  y"),
    "staff":        ("committee staff",    "s  .  y  y  y  -  y  y"),
    "leader":       ("own building",       ".  .  y  y  y  -  -  -"),
    "owners":       ("other building",     ".  .  y  y  y  -  -  -"),
    "property":     ("no household",       ".  .  -  -  -  -  -  -"),
    "resident":     ("own (author)",       ".  .  y  y  y  -  -  -"),
    "housemate":    ("own household",      ".  .  y  y  y  -  -  -"),
    "neighbour":    ("own building",       ".  .  y  y  y  -  -  -"),
    "far_resident": ("other building",     ".  .  y  y  y  -  -  -"),
    "street_staff": ("street",             ".  .  -  -  -  -  -  -"),
    "other_staff":  ("other neighborhood", ".  s  -  -  -  y  -  -"),
    "unverified":   ("no household",       ".  .  -  -  -  -  -  -"),
    "anonymous":    ("signed out",         ".  .  -  -  -  -  -  -"),
}
# fmt: on


def test_the_table_covers_every_role_of_the_root_conftest(people):
    assert set(TABLE) == set(people)
    assert all(len(row.split()) == len(COLUMNS) for _scope, row in TABLE.values())


@pytest.fixture
def made(people, tree, other_tree):
    from linli.community.testing import make_person

    nb, staff = tree.neighborhood, people["staff"]
    actions.rule_set(
        neighborhood=nb, actor=staff, share_percent=10, buildings=0, per_building=1, answer_days=30
    )
    view = actions.proposal_create(
        neighborhood=nb, author=people["resident"], title="座椅", body="b"
    )
    actions.support_add(proposal=view, person=people["neighbour"])
    support = actions.proposal_create(
        neighborhood=nb, author=people["far_resident"], title="路灯", body="b"
    )
    li = make_person("li_si", other_tree.buildings[0].homes[2])
    x = actions.proposal_create(
        neighborhood=other_tree.neighborhood, author=li, title="远方", body="b"
    )
    actions.support_add(proposal=x, person=li)
    return {"view": view, "support": support, "x": x, "li": li}


def _read(client, proposal, marker):
    response = client.get(proposal.get_absolute_url())
    assert response.status_code == 200
    return "s" if marker in response.content.decode() else "."


@pytest.mark.parametrize("role", list(TABLE))
def test_permission_table(role, people, made, client, tree):
    person = people[role]
    if role != "anonymous":
        client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    expected = dict(zip(COLUMNS, TABLE[role][1].split(), strict=True))
    got = {}
    got["view"] = _read(client, made["view"], people["neighbour"].household.address)
    got["x"] = _read(client, made["x"], made["li"].household.address)
    status = client.get(f"/proposals/n/{tree.neighborhood.slug}/new/").status_code
    assert status in (200, 302, 403)
    got["new"] = "y" if status == 200 else "-"
    n = Proposal.objects.count()
    r = client.post(
        f"/api/v1/proposals/n/{tree.neighborhood.slug}/proposals",
        json.dumps({"title": "新提案", "body": "理由"}),
        content_type="application/json",
    )
    got["create"] = "y" if r.status_code == 201 else "-"
    assert Proposal.objects.count() == n + (r.status_code == 201)
    client.post(f"/proposals/{made['support'].pk}/support/")
    got["support"] = "y" if Support.objects.filter(proposal=made["support"]).exists() else "-"
    r = client.post(f"/api/v1/proposals/{made['x'].pk}/supports")
    got["xsupport"] = "y" if r.status_code == 201 else "-"
    assert Support.objects.filter(proposal=made["x"]).count() == 1 + (r.status_code == 201)
    client.post(
        f"/proposals/{made['view'].pk}/answer/",
        {"kind": "declined", "text": "不在本届计划内。"},
    )
    got["answer"] = "y" if Proposal.objects.get(pk=made["view"].pk).status == "answered" else "-"
    r = client.put(
        f"/api/v1/proposals/n/{tree.neighborhood.slug}/threshold",
        json.dumps({"share_percent": "20", "buildings": 2, "per_building": 3, "answer_days": 20}),
        content_type="application/json",
    )
    rule = ProposalRule.objects.get(neighborhood=tree.neighborhood)
    got["rule"] = "y" if (r.status_code == 200 and rule.answer_days == 20) else "-"
    assert (rule.answer_days == 20) == (got["rule"] == "y")
    assert got == expected
