"""/api/v1/requests/ and /api/v1/reception/: the pages' rules, 4xx with a detail."""

import json
from datetime import timedelta

import pytest

from linli.office.actions.reception import slot_starts
from linli.office.models import Request


def _post(client, url, data):
    return client.post(url, json.dumps(data, default=str), content_type="application/json")


def test_submit_and_follow_over_the_api(login, people, tree, categories):
    client = login(people["resident"])
    response = _post(
        client,
        "/api/v1/requests/n/nb",
        {
            "category_id": categories["noise"].pk,
            "description": "楼上每天半夜装修",
            "building_id": tree.buildings[0].pk,
        },
    )
    assert response.status_code == 201, response.content
    row = response.json()
    assert row["party"] == "residents_committee" and row["mine"] and row["status"] == "submitted"
    follow = login(people["neighbour"]).post(f"/api/v1/requests/{row['id']}/follow")
    assert follow.json() == {"following": True, "follower_count": 1}


@pytest.mark.parametrize(
    "payload",
    [
        {"category_id": 0, "description": "一二三四五"},
        {"category_id": 999999, "description": "一二三四五"},
        {"description": "一二三四五"},
        {"category_id": "CAT", "description": "短"},
        {"category_id": "CAT", "description": "一二三四五", "lat": 100, "long": 0},
        {"category_id": "CAT", "description": "一二三四五", "lat": 31},
    ],
)
def test_bad_input_is_4xx_with_detail_and_saves_nothing(login, people, categories, payload):
    payload = {k: (categories["lift"].pk if v == "CAT" else v) for k, v in payload.items()}
    response = _post(login(people["resident"]), "/api/v1/requests/n/nb", payload)
    assert 400 <= response.status_code < 500 and response.json()["detail"]
    assert not Request.objects.exists()


def test_list_shows_residents_public_and_own_only(login, people, submit):
    submit("far_resident", public=False, description="别人的私事私事")
    mine = submit(public=False, description="我的私事私事私事")
    public = submit("far_resident", public=True, description="公共问题公共问题")
    ids = {r["id"] for r in login(people["resident"]).get("/api/v1/requests/n/nb").json()["items"]}
    assert ids == {mine.pk, public.pk}
    assert login(people["property"]).get("/api/v1/requests/n/nb").json()["count"] == 3
    assert login(people["neighbour"]).get(f"/api/v1/requests/{mine.pk}").status_code == 403


def test_transitions_over_the_api_follow_the_rules(login, people, submit):
    r = submit()
    assert (
        _post(
            login(people["owners"]), f"/api/v1/requests/{r.pk}/status", {"status": "accepted"}
        ).status_code
        == 403
    )
    assert (
        _post(
            login(people["property"]), f"/api/v1/requests/{r.pk}/status", {"status": "closed"}
        ).status_code
        == 422
    )
    assert (
        _post(
            login(people["property"]), f"/api/v1/requests/{r.pk}/status", {"status": "nonsense"}
        ).status_code
        == 422
    )
    assert (
        _post(
            login(people["property"]), f"/api/v1/requests/{r.pk}/status", {"status": "accepted"}
        ).json()["status"]
        == "accepted"
    )
    assert (
        _post(
            login(people["staff"]),
            f"/api/v1/requests/{r.pk}/transfer",
            {"party": "owners_committee", "reason": "维修资金"},
        ).json()["party"]
        == "owners_committee"
    )
    events = login(people["resident"]).get(f"/api/v1/requests/{r.pk}/events").json()
    assert [e["kind"] for e in events] == ["submitted", "status", "transfer"]


def test_reception_over_the_api(login, client, people, tree, next_day):
    rows = client.get("/api/v1/reception/n/nb").json()
    assert rows[0]["id"] == next_day.pk
    detail = client.get(f"/api/v1/reception/{next_day.pk}").json()
    assert len(detail["free_slots"]) == 10
    start = slot_starts(next_day)[0]
    made = _post(
        login(people["resident"]),
        f"/api/v1/reception/{next_day.pk}/slots",
        {"starts_at": start.isoformat(), "subject": "加装电梯"},
    )
    assert made.status_code == 201
    again = _post(
        login(people["far_resident"]),
        f"/api/v1/reception/{next_day.pk}/slots",
        {"starts_at": start.isoformat(), "subject": "x"},
    )
    assert again.status_code == 422 and again.json()["detail"]
    assert (
        login(people["far_resident"])
        .delete(f"/api/v1/reception/slots/{made.json()['id']}")
        .status_code
        == 403
    )
    assert (
        login(people["resident"]).delete(f"/api/v1/reception/slots/{made.json()['id']}").status_code
        == 204
    )


def test_my_reception_slots_say_when_they_end_as_the_api_documents(login, people, next_day):
    """The document promised `ends_at` (another app's `SlotOut` stood in for this one)."""
    from django.utils.dateparse import parse_datetime

    from linli.api.tests.documented import assert_documented

    start = slot_starts(next_day)[1]
    client = login(people["resident"])
    made = _post(
        client,
        f"/api/v1/reception/{next_day.pk}/slots",
        {"starts_at": start, "subject": "加装电梯"},
    )
    assert_documented(made, "/api/v1/reception/{occurrence_id}/slots", "post")
    response = client.get("/api/v1/reception/slots/mine")
    assert_documented(response, "/api/v1/reception/slots/mine")
    [slot] = response.json()["items"]
    assert parse_datetime(slot["ends_at"]) - parse_datetime(slot["starts_at"]) == timedelta(
        minutes=15
    )
    assert made.json() == slot
