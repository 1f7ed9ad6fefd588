"""Pages: booking with JavaScript off (plain forms), who sees whom, bad input, query counts."""

import pytest
from django.urls import reverse

from linli.spaces import actions
from linli.spaces.models import Booking, Space


def _form(day, start, end, purpose="读书会", weeks=1):
    return {"date": day.isoformat(), "start": start, "end": end, "purpose": purpose, "weeks": weeks}


def test_resident_books_through_the_form(login, people, room, at):
    client = login(people["resident"])
    day = at(2, 10).date()
    response = client.post(room.get_absolute_url(), _form(day, "10:00", "11:30"))
    assert response.status_code == 302 and response["Location"] == reverse("spaces:booking-mine")
    b = Booking.objects.get()
    assert (b.starts_at, b.ends_at, b.status) == (at(2, 10), at(2, 11, 30), "requested")
    body = client.get(reverse("spaces:booking-mine")).content.decode()
    assert "读书会" in body


def test_bad_booking_input_shows_a_message_and_changes_nothing(login, people, room, at):
    client = login(people["resident"])
    body = client.post(
        room.get_absolute_url(), _form(at(2, 10).date(), "06:00", "07:00")
    ).content.decode()
    assert "08:00–21:00" in body and not Booking.objects.exists()
    body = client.post(
        room.get_absolute_url(), {"date": "not-a-date", "start": "25:00", "end": "", "purpose": ""}
    ).content.decode()
    assert 'class="error"' in body and not Booking.objects.exists()


def test_english_message_for_a_booking_in_the_past(login, people, room, at):
    client = login(people["resident"])
    client.cookies["django_language"] = "en"
    body = client.post(
        room.get_absolute_url(),
        _form(at(-1, 10).date(), "10:00", "11:00"),
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    assert "in the past" in body


def test_unverified_person_cannot_book(login, people, room, at):
    response = login(people["unverified"]).post(
        room.get_absolute_url(), _form(at(2, 10).date(), "10:00", "11:00")
    )
    assert response.status_code == 403 and not Booking.objects.exists()


def test_anonymous_post_goes_to_sign_in(client, tree, room, at):
    response = client.post(room.get_absolute_url(), _form(at(2, 10).date(), "10:00", "11:00"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_week_view_shows_names_to_staff_only(login, people, room, at):
    actions.booking_request(
        space=room,
        starts_at=at(1, 10),
        ends_at=at(1, 11),
        purpose="合唱",
        requester=people["resident"],
    )
    url = reverse("spaces:space-week", args=[room.pk]) + f"?week={at(1, 10).date().isoformat()}"
    assert "· Resident<" in login(people["staff"]).get(url).content.decode()
    body = login(people["far_resident"]).get(url).content.decode()
    assert "合唱" in body and "· Resident<" not in body


@pytest.mark.parametrize(
    "who,status",
    [
        ("staff", 200),
        ("secretary", 200),
        ("resident", 403),
        ("owners", 403),
        ("leader", 403),
        ("other_staff", 403),
    ],
)
def test_queue_is_for_committee_staff(login, people, tree, room, who, status):
    assert (
        login(people[who])
        .get(reverse("spaces:booking-queue", args=[tree.neighborhood.slug]))
        .status_code
        == status
    )


def test_staff_approve_and_decline_from_the_queue(login, people, tree, room, at):
    [a] = actions.booking_request(
        space=room,
        starts_at=at(2, 10),
        ends_at=at(2, 11),
        purpose="a",
        requester=people["resident"],
    )
    [b] = actions.booking_request(
        space=room,
        starts_at=at(3, 10),
        ends_at=at(3, 11),
        purpose="b",
        requester=people["far_resident"],
    )
    client = login(people["staff"])
    client.post(reverse("spaces:booking-approve", args=[a.pk]))
    client.post(reverse("spaces:booking-reject", args=[b.pk]), {"reason": "装修"})
    assert list(Booking.objects.order_by("pk").values_list("status", flat=True)) == [
        "approved",
        "rejected",
    ]


def test_resident_cannot_approve_own_request(login, people, room, at):
    [a] = actions.booking_request(
        space=room,
        starts_at=at(2, 10),
        ends_at=at(2, 11),
        purpose="a",
        requester=people["resident"],
    )
    assert (
        login(people["resident"]).post(reverse("spaces:booking-approve", args=[a.pk])).status_code
        == 403
    )
    assert Booking.objects.get().status == "requested"


def test_staff_create_a_space(login, people, tree):
    data = {
        "name": "活动室",
        "name_en": "",
        "location": "3号楼一楼",
        "description": "",
        "rules": "",
        "area": 40,
        "capacity": 20,
        "opens_at": "09:00",
        "closes_at": "20:00",
        "max_minutes": 120,
        "max_open_per_household": 2,
        "max_weeks_ahead": 8,
        "active": "on",
    }
    response = login(people["staff"]).post(
        reverse("spaces:space-create", args=[tree.neighborhood.slug]), data
    )
    assert response.status_code == 302
    assert Space.objects.get(name="活动室").neighborhood == tree.neighborhood
    assert (
        login(people["resident"])
        .post(reverse("spaces:space-create", args=[tree.neighborhood.slug]), {**data, "name": "x"})
        .status_code
        == 403
    )


def _fill(room, people, at, n):
    rows = [
        Booking(
            space=room,
            neighborhood=room.neighborhood,
            requester=people["resident"],
            household=people["resident"].household,
            purpose=f"p{i}",
            starts_at=at(1 + i // 10, 8 + i % 10),
            ends_at=at(1 + i // 10, 9 + i % 10),
            status="requested",
        )
        for i in range(n)
    ]
    Booking.objects.bulk_create(rows)


def test_pages_have_constant_query_counts(
    login, people, tree, room, at, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    urls = [
        room.get_absolute_url(),
        reverse("spaces:space-week", args=[room.pk]),
        reverse("spaces:booking-mine"),
        reverse("spaces:booking-queue", args=[tree.neighborhood.slug]),
        reverse("spaces:space-list", args=[tree.neighborhood.slug]),
    ]
    client = login(people["staff"])
    _fill(room, people, at, 3)
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts[url] = len(ctx)
    _fill(room, people, at, 60)
    for url in urls:
        with django_assert_max_num_queries(counts[url]):
            assert client.get(url).status_code == 200
