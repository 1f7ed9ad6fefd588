import json

import pytest

from linli.decide.models import Ballot

from .conftest import set_phase


def post(client, url, data):
    return client.post(url, data=json.dumps(data), content_type="application/json")


def test_a_resident_votes_through_the_api_and_reads_the_ballot(people, login, make_decision):
    d = make_decision()
    opts = list(d.options.values_list("id", flat=True))
    client = login(people["resident"])
    r = post(client, f"/api/v1/decisions/{d.pk}/ballot", {"options": [opts[1]]})
    assert r.status_code == 201, r.content
    assert client.get(f"/api/v1/decisions/{d.pk}/ballot").json()["options"] == [opts[1]]
    assert client.get(f"/api/v1/decisions/{d.pk}/options").json()[0]["title"] == "A"
    listed = client.get("/api/v1/decisions/n/nb").json()
    assert listed["count"] == 1 and listed["items"][0]["ballot_count"] == 1


@pytest.mark.parametrize("payload,status", [
    ({"options": [1, 1]}, 422), ({"options": "x"}, 422), ({"options": [999999999]}, 422), ({}, 422), ({"options": [2**70]}, 422),
])
def test_bad_ballots_are_4xx_with_a_detail(people, login, make_decision, payload, status):
    d = make_decision()
    r = post(login(people["resident"]), f"/api/v1/decisions/{d.pk}/ballot", payload)
    assert r.status_code == status and r.json()["detail"]
    assert not Ballot.objects.exists()


def test_voting_for_another_household_or_after_close_is_refused(people, login, make_decision, tree):
    d = make_decision()
    opt = d.options.values_list("id", flat=True)[0]
    client = login(people["resident"])
    r = post(client, f"/api/v1/decisions/{d.pk}/ballot", {"options": [opt], "household": people["far_resident"].household_id, "channel": "paper"})
    assert r.status_code == 403 and r.json()["detail"]
    set_phase(d, "closed")
    r = post(client, f"/api/v1/decisions/{d.pk}/ballot", {"options": [opt]})
    assert r.status_code == 422 and r.json()["detail"] == "投票已经截止。"  # Chinese by default
    r = client.post(f"/api/v1/decisions/{d.pk}/ballot", data=json.dumps({"options": [opt]}), content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 422 and r.json()["detail"] == "Voting has closed."
    assert not Ballot.objects.exists()


def test_results_are_hidden_until_close_and_then_full(people, login, make_decision):
    d = make_decision(method="ranked")
    opts = list(d.options.values_list("id", flat=True))
    client = login(people["resident"])
    post(client, f"/api/v1/decisions/{d.pk}/ballot", {"options": [opts[2], opts[0]]})
    assert client.get(f"/api/v1/decisions/{d.pk}/results").status_code == 403
    set_phase(d, "closed")
    body = client.get(f"/api/v1/decisions/{d.pk}/results").json()
    assert body["ballots"] == 1 and body["winner"] == opts[2] and body["rounds"][0]["counts"][str(opts[2])] == 1


def test_participation_is_for_organisers_and_leaders_only(people, login, make_decision, tree):
    d = make_decision()
    assert login(people["resident"]).get(f"/api/v1/decisions/{d.pk}/participation").status_code == 403
    rows = login(people["leader"]).get(f"/api/v1/decisions/{d.pk}/participation").json()
    assert [r["building_id"] for r in rows] == [tree.buildings[0].pk]
    assert len(login(people["staff"]).get(f"/api/v1/decisions/{d.pk}/participation").json()) == 2


def test_another_neighborhood_cannot_see_a_decision(people, login, make_decision):
    d = make_decision()
    assert login(people["other_staff"]).get(f"/api/v1/decisions/{d.pk}").status_code == 403
    assert login(people["resident"]).get("/api/v1/decisions/999999").status_code == 404
