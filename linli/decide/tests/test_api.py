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


@pytest.mark.parametrize(
    "payload,status",
    [
        ({"options": [1, 1]}, 422),
        ({"options": "x"}, 422),
        ({"options": [999999999]}, 422),
        ({}, 422),
        ({"options": [2**70]}, 422),
    ],
)
def test_bad_ballots_are_4xx_with_a_detail(people, login, make_decision, payload, status):
    d = make_decision()
    r = post(login(people["resident"]), f"/api/v1/decisions/{d.pk}/ballot", payload)
    assert r.status_code == status and r.json()["detail"]
    assert not Ballot.objects.exists()


def test_voting_for_another_household_or_after_close_is_refused(people, login, make_decision, tree):
    d = make_decision()
    opt = d.options.values_list("id", flat=True)[0]
    client = login(people["resident"])
    r = post(
        client,
        f"/api/v1/decisions/{d.pk}/ballot",
        {"options": [opt], "household": people["far_resident"].household_id, "channel": "paper"},
    )
    assert r.status_code == 403 and r.json()["detail"]
    set_phase(d, "closed")
    r = post(client, f"/api/v1/decisions/{d.pk}/ballot", {"options": [opt]})
    assert r.status_code == 422 and r.json()["detail"] == "投票已经截止。"  # Chinese by default
    r = client.post(
        f"/api/v1/decisions/{d.pk}/ballot",
        data=json.dumps({"options": [opt]}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
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
    assert (
        body["ballots"] == 1
        and body["winner"] == opts[2]
        and body["rounds"][0]["counts"][str(opts[2])] == 1
    )


def test_participation_is_for_organisers_and_leaders_only(people, login, make_decision, tree):
    d = make_decision()
    assert (
        login(people["resident"]).get(f"/api/v1/decisions/{d.pk}/participation").status_code == 403
    )
    rows = login(people["leader"]).get(f"/api/v1/decisions/{d.pk}/participation").json()
    assert [r["building_id"] for r in rows] == [tree.buildings[0].pk]
    assert len(login(people["staff"]).get(f"/api/v1/decisions/{d.pk}/participation").json()) == 2


def test_another_neighborhood_cannot_see_a_decision(people, login, make_decision):
    d = make_decision()
    assert login(people["other_staff"]).get(f"/api/v1/decisions/{d.pk}").status_code == 403
    assert login(people["resident"]).get("/api/v1/decisions/999999").status_code == 404


def _token_client(client, person):
    from linli.api.actions import token_create

    _token, secret = token_create(person=person, name="script", scope="write")
    client.logout()
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    return client


def test_a_ballot_by_token_costs_a_fixed_handful_of_statements(client, people, make_decision, tree):
    """The hot path of a vote: token, its last use, the decision with its option and building ids,
    the ballot with its choices and counter (one statement on PostgreSQL; three and a transaction on SQLite)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from linli.decide.models import BallotChoice, BuildingTally

    d = make_decision(method="ranked")
    opts = list(d.options.values_list("id", flat=True))
    client = _token_client(client, people["resident"])
    with CaptureQueriesContext(connection) as ctx:
        r = post(client, f"/api/v1/decisions/{d.pk}/ballot", {"options": [opts[2], opts[0]]})
    assert r.status_code == 201, r.content
    # SQLite: + SAVEPOINT/RELEASE around the three statements (BEGIN/COMMIT outside a test's transaction).
    assert len(ctx.captured_queries) == (4 if connection.vendor == "postgresql" else 8), "\n".join(
        q["sql"][:60] for q in ctx.captured_queries
    )
    ballot = Ballot.objects.get(decision=d)
    assert (ballot.household_id, ballot.cast_by_id, ballot.resident_id, ballot.channel) == (
        people["resident"].household_id,
        people["resident"].pk,
        people["resident"].pk,
        "online",
    )
    assert list(
        BallotChoice.objects.filter(ballot=ballot)
        .order_by("rank")
        .values_list("option_id", flat=True)
    ) == [opts[2], opts[0]]
    assert (
        BuildingTally.objects.get(
            decision=d, building_id=people["resident"].household.building_id
        ).voted
        == 1
    )
    assert r.json()["id"] == ballot.pk and r.json()["options"] == [opts[2], opts[0]]


def test_a_housemates_later_ballot_by_token_replaces_the_first_and_is_audited(
    client, people, make_decision
):
    from linli.audit.models import AuditEntry
    from linli.decide.models import BallotChoice, BuildingTally

    d = make_decision()
    opts = list(d.options.values_list("id", flat=True))
    assert (
        post(
            _token_client(client, people["resident"]),
            f"/api/v1/decisions/{d.pk}/ballot",
            {"options": [opts[0]]},
        ).status_code
        == 201
    )
    r = post(
        _token_client(client, people["housemate"]),
        f"/api/v1/decisions/{d.pk}/ballot",
        {"options": [opts[1]]},
    )
    assert r.status_code == 201, r.content
    ballot = Ballot.objects.get(decision=d)
    assert (ballot.replaced, ballot.cast_by_id) == (1, people["housemate"].pk)
    assert list(BallotChoice.objects.filter(ballot=ballot).values_list("option_id", flat=True)) == [
        opts[1]
    ]
    assert sum(BuildingTally.objects.filter(decision=d).values_list("voted", flat=True)) == 1
    assert (
        AuditEntry.objects.filter(action="decide.ballot_replace", target_id=str(ballot.pk)).count()
        == 1
    )


def test_a_tampered_or_unknown_decision_by_token_changes_nothing(
    client, people, make_decision, tree
):
    d = make_decision()
    other = make_decision(title="另一个")
    foreign = other.options.values_list("id", flat=True)[0]
    client = _token_client(client, people["resident"])
    assert (
        post(client, f"/api/v1/decisions/{d.pk}/ballot", {"options": [foreign]}).status_code == 422
    )
    assert (
        post(client, "/api/v1/decisions/999999/ballot", {"options": [foreign]}).status_code == 404
    )
    client.defaults["HTTP_AUTHORIZATION"] = "Bearer linli_not-a-token"
    assert (
        post(client, f"/api/v1/decisions/{d.pk}/ballot", {"options": [foreign]}).status_code == 401
    )
    assert not Ballot.objects.exists()


def test_the_ballot_path_reads_the_decision_as_the_orm_does(people, make_decision, tree):
    from linli.decide import selectors
    from linli.decide.models import Decision

    d = make_decision(
        method="approval",
        buildings=[people["resident"].household.building],
        owners_only=True,
        unit="resident",
    )
    loaded = selectors.decision_for_ballot(d.pk)
    orm = Decision.objects.get(pk=d.pk)
    for f in Decision._meta.concrete_fields:
        assert getattr(loaded, f.attname) == getattr(orm, f.attname), f.name
    assert loaded._option_ids == set(d.options.values_list("id", flat=True))
    assert loaded._building_ids == [people["resident"].household.building_id]
    assert selectors.decision_for_ballot(d.pk + 1000) is None


def test_a_household_outside_the_chosen_buildings_cannot_vote_by_token(
    client, people, make_decision
):
    d = make_decision(buildings=[people["resident"].household.building])
    opt = d.options.values_list("id", flat=True)[0]
    r = post(
        _token_client(client, people["far_resident"]),
        f"/api/v1/decisions/{d.pk}/ballot",
        {"options": [opt]},
    )
    assert r.status_code == 403 and r.json()["detail"]
    assert not Ballot.objects.exists()
    assert (
        post(
            _token_client(client, people["resident"]),
            f"/api/v1/decisions/{d.pk}/ballot",
            {"options": [opt]},
        ).status_code
        == 201
    )
