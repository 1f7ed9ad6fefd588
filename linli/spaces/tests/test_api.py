"""/api/v1/spaces/: same rules as the pages, 4xx with a detail for bad input."""

import json

from linli.spaces.models import Booking


def _post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_list_and_detail_are_public(client, room):
    body = client.get("/api/v1/spaces/").json()
    assert body["count"] == 1 and body["items"][0]["name"] == "一米会客厅"
    assert client.get(f"/api/v1/spaces/{room.pk}").json()["capacity"] == 12
    assert client.get("/api/v1/spaces/999999").status_code == 404


def test_book_over_the_api(login, people, room, at):
    client = login(people["resident"])
    response = _post(
        client,
        f"/api/v1/spaces/{room.pk}/bookings",
        {
            "starts_at": at(2, 10).isoformat(),
            "ends_at": at(2, 11).isoformat(),
            "purpose": "读书会",
            "weeks": 2,
        },
    )
    assert response.status_code == 201, response.content
    assert [b["status"] for b in response.json()] == ["requested", "requested"]
    again = _post(
        client,
        f"/api/v1/spaces/{room.pk}/bookings",
        {"starts_at": at(2, 10).isoformat(), "ends_at": at(2, 11).isoformat(), "purpose": "x"},
    )
    assert again.status_code == 422 and "detail" in again.json()
    assert client.get("/api/v1/spaces/bookings/mine").json()["count"] == 2


def test_api_refuses_bad_input_with_detail(login, people, room, at):
    client = login(people["resident"])
    for payload in [
        {"starts_at": "yesterday", "ends_at": at(2, 11).isoformat(), "purpose": "x"},
        {"starts_at": at(2, 6).isoformat(), "ends_at": at(2, 7).isoformat(), "purpose": "x"},
        {
            "starts_at": at(2, 10).isoformat(),
            "ends_at": at(2, 11).isoformat(),
            "purpose": "x",
            "weeks": 99,
        },
    ]:
        response = _post(client, f"/api/v1/spaces/{room.pk}/bookings", payload)
        assert response.status_code == 422 and response.json()["detail"]
    assert not Booking.objects.exists()


def test_api_approval_needs_staff(login, people, room, at):
    b = Booking.objects.create(
        space=room,
        neighborhood=room.neighborhood,
        requester=people["resident"],
        purpose="a",
        starts_at=at(2, 10),
        ends_at=at(2, 11),
    )
    assert (
        login(people["resident"]).post(f"/api/v1/spaces/bookings/{b.pk}/approve").status_code == 403
    )
    assert (
        login(people["staff"]).post(f"/api/v1/spaces/bookings/{b.pk}/approve").json()["status"]
        == "approved"
    )


def test_anonymous_cannot_book(client, room, at):
    response = _post(
        client,
        f"/api/v1/spaces/{room.pk}/bookings",
        {"starts_at": at(2, 10).isoformat(), "ends_at": at(2, 11).isoformat(), "purpose": "x"},
    )
    assert response.status_code in (401, 403)


def test_free_slots_over_the_api(client, room, at):
    body = client.get(
        f"/api/v1/spaces/{room.pk}/free-slots?date={at(2, 10).date().isoformat()}&minutes=60"
    ).json()
    assert len(body) > 10
    assert client.get(f"/api/v1/spaces/{room.pk}/free-slots?date=bad").status_code == 422


def test_a_number_is_not_a_date_for_free_slots_or_the_week(client, room):
    """`?date=0` was read as 1970-01-01 (seconds since the epoch): the document says YYYY-MM-DD."""
    for url in [
        f"/api/v1/spaces/{room.pk}/free-slots?date=0",
        f"/api/v1/spaces/{room.pk}/free-slots?date=1767225600",
        f"/api/v1/spaces/{room.pk}/week?week=0",
    ]:
        response = client.get(url)
        assert response.status_code == 422 and response.json()["detail"], url


def test_cancel_and_reject_refuse_a_body_that_is_not_an_object(login, people, room, at):
    """`[null, null]` passed for a reason-less body, and the booking was cancelled."""
    b = Booking.objects.create(
        space=room,
        neighborhood=room.neighborhood,
        requester=people["resident"],
        purpose="a",
        starts_at=at(2, 10),
        ends_at=at(2, 11),
    )
    for who, verb in [("resident", "cancel"), ("staff", "reject")]:
        for body in [[None, None], 5, "x"]:
            response = _post(login(people[who]), f"/api/v1/spaces/bookings/{b.pk}/{verb}", body)
            assert response.status_code == 422 and response.json()["detail"], (verb, body)
    b.refresh_from_db()
    assert b.status == Booking.Status.REQUESTED
    assert _post(login(people["resident"]), f"/api/v1/spaces/bookings/{b.pk}/cancel", {}).json()[
        "status"
    ] == str(Booking.Status.CANCELLED)
