"""Real concurrency on PostgreSQL: two residents booking the same slot at the same moment."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from linli.core.testing import race
from linli.spaces import actions
from linli.spaces.models import Booking

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency is tested on PostgreSQL (DATABASE_URL=postgres://…)")


def test_two_residents_booking_one_slot_at_once_get_one_booking_and_one_refusal(people, room, at):
    who = [people["resident"], people["far_resident"]]
    results = race(
        2,
        lambda i: actions.booking_request(
            space=room, starts_at=at(2, 10), ends_at=at(2, 11), purpose=f"p{i}", requester=who[i]
        ),
    )
    made = [r for r in results if isinstance(r, list)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(made) == 1 and len(refused) == 1, results
    assert refused[0].code == "taken"
    assert Booking.objects.count() == 1


def test_ten_people_racing_for_overlapping_times_get_exactly_one(people, room, at):
    who = [
        people[k]
        for k in (
            "resident",
            "far_resident",
            "neighbour",
            "leader",
            "owners",
            "housemate",
            "secretary",
            "staff",
            "property",
            "resident",
        )
    ]
    results = race(
        10,
        lambda i: actions.booking_request(
            space=room,
            starts_at=at(3, 10, 0),
            ends_at=at(3, 11, 0 + i),
            purpose=f"p{i}",
            requester=who[i],
        ),
    )
    assert sum(isinstance(r, list) for r in results) == 1, results
    assert all(isinstance(r, (list, ValidationError)) for r in results), results
    assert Booking.objects.filter(status__in=Booking.OPEN).count() == 1


def test_two_staff_approving_overlapping_requests_at_once_approve_one(people, room, at):
    """Two overlapping requests that got in (e.g. through the admin) and two approvals at the
    same moment: the database's exclusion constraint lets one through."""
    a = Booking.objects.create(
        space=room,
        neighborhood=room.neighborhood,
        requester=people["resident"],
        purpose="a",
        starts_at=at(2, 10),
        ends_at=at(2, 12),
    )
    b = Booking.objects.create(
        space=room,
        neighborhood=room.neighborhood,
        requester=people["far_resident"],
        purpose="b",
        starts_at=at(2, 11),
        ends_at=at(2, 13),
    )
    staff = [people["staff"], people["secretary"]]
    results = race(2, lambda i: actions.booking_approve(booking=[a, b][i], actor=staff[i]))
    assert sum(isinstance(r, Booking) for r in results) == 1, results
    assert sum(isinstance(r, ValidationError) for r in results) == 1, results
    assert Booking.objects.filter(status="approved").count() == 1
