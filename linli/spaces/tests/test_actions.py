"""Booking rules: who may book, what times are refused, overlaps, household limits, decisions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from linli.audit.models import AuditEntry
from linli.notify.models import Notification
from linli.spaces import actions, selectors
from linli.spaces.models import Booking


def test_resident_request_waits_and_tells_staff(people, room, at):
    [b] = actions.booking_request(
        space=room,
        starts_at=at(2, 10),
        ends_at=at(2, 12),
        purpose="读书会",
        requester=people["resident"],
    )
    assert (
        b.status == Booking.Status.REQUESTED and b.household_id == people["resident"].household_id
    )
    assert Notification.objects.filter(
        recipient=people["staff"], kind="spaces.booking_requested"
    ).exists()


def test_staff_request_is_approved_at_once(people, room, at):
    [b] = actions.booking_request(
        space=room,
        starts_at=at(2, 10),
        ends_at=at(2, 12),
        purpose="居委会议",
        requester=people["staff"],
    )
    assert b.status == Booking.Status.APPROVED


@pytest.mark.parametrize("who", ["unverified", "other_staff", "street_staff", "anonymous"])
def test_outsiders_cannot_book(people, room, at, who):
    with pytest.raises(PermissionDenied):
        actions.booking_request(
            space=room, starts_at=at(2, 10), ends_at=at(2, 11), purpose="x", requester=people[who]
        )
    assert not Booking.objects.exists()


@pytest.mark.parametrize(
    "start,end,code",
    [
        ((2, 6), (2, 7), "closed"),  # before opening
        ((2, 20), (2, 22), "closed"),  # after closing
        ((-1, 10), (-1, 11), "past"),
        ((2, 9), (2, 13), "too_long"),  # 4 h > 180 min
        ((2, 11), (2, 10), "order"),
        ((200, 10), (200, 11), "too_far"),
    ],
)
def test_bad_times_are_refused_with_a_reason_and_change_nothing(people, room, at, start, end, code):
    with pytest.raises(ValidationError) as error:
        actions.booking_request(
            space=room,
            starts_at=at(*start),
            ends_at=at(*end),
            purpose="x",
            requester=people["resident"],
        )
    assert error.value.code == code and str(error.value.messages[0])
    assert not Booking.objects.exists()


def test_overlap_with_an_open_request_is_refused(people, room, at):
    actions.booking_request(
        space=room,
        starts_at=at(2, 10),
        ends_at=at(2, 12),
        purpose="a",
        requester=people["resident"],
    )
    with pytest.raises(ValidationError) as error:
        actions.booking_request(
            space=room,
            starts_at=at(2, 11),
            ends_at=at(2, 13),
            purpose="b",
            requester=people["far_resident"],
        )
    assert error.value.code == "taken"
    # Touching is not overlapping.
    actions.booking_request(
        space=room,
        starts_at=at(2, 12),
        ends_at=at(2, 13),
        purpose="c",
        requester=people["far_resident"],
    )
    assert Booking.objects.count() == 2


def test_household_may_hold_only_so_many_open_bookings(people, room, at):
    for day in (2, 3, 4):
        actions.booking_request(
            space=room,
            starts_at=at(day, 10),
            ends_at=at(day, 11),
            purpose="x",
            requester=people["resident"],
        )
    with pytest.raises(ValidationError) as error:
        actions.booking_request(
            space=room,
            starts_at=at(5, 10),
            ends_at=at(5, 11),
            purpose="x",
            requester=people["housemate"],
        )
    assert error.value.code == "too_many"
    assert Booking.objects.count() == 3


def test_weekly_booking_creates_one_per_week_or_nothing(people, room, at):
    made = actions.booking_request(
        space=room,
        starts_at=at(1, 18),
        ends_at=at(1, 19),
        purpose="合唱",
        requester=people["staff"],
        recurrence=actions.Weekly(4),
    )
    assert [(b.starts_at - made[0].starts_at).days for b in made] == [0, 7, 14, 21]
    assert len({b.series for b in made}) == 1
    # A weekly request that hits an approved week is refused whole.
    with pytest.raises(ValidationError):
        actions.booking_request(
            space=room,
            starts_at=at(8, 18),
            ends_at=at(8, 19),
            purpose="x",
            requester=people["resident"],
            recurrence=actions.Weekly(2),
        )
    assert Booking.objects.count() == 4


def test_approve_and_reject_notify_and_audit(people, room, at):
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
    actions.booking_approve(booking=a, actor=people["staff"])
    actions.booking_reject(booking=b, actor=people["staff"], reason="维修")
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status, b.reason) == ("approved", "rejected", "维修")
    assert Notification.objects.filter(
        recipient=people["resident"], kind="spaces.booking_approved"
    ).exists()
    assert Notification.objects.filter(
        recipient=people["far_resident"], kind="spaces.booking_rejected"
    ).exists()
    assert set(AuditEntry.objects.values_list("action", flat=True)) == {
        "spaces.booking_approve",
        "spaces.booking_reject",
    }


def test_reject_needs_a_reason(people, room, at):
    [a] = actions.booking_request(
        space=room,
        starts_at=at(2, 10),
        ends_at=at(2, 11),
        purpose="a",
        requester=people["resident"],
    )
    with pytest.raises(ValidationError):
        actions.booking_reject(booking=a, actor=people["staff"], reason=" ")
    a.refresh_from_db()
    assert a.status == "requested"


@pytest.mark.parametrize("who", ["resident", "neighbour", "leader", "owners"])
def test_only_committee_staff_approve(people, room, at, who):
    [a] = actions.booking_request(
        space=room,
        starts_at=at(2, 10),
        ends_at=at(2, 11),
        purpose="a",
        requester=people["far_resident"],
    )
    with pytest.raises(PermissionDenied):
        actions.booking_approve(booking=a, actor=people[who])


def test_cancel_frees_the_slot_and_tells_the_requester(people, room, at):
    [a] = actions.booking_request(
        space=room,
        starts_at=at(2, 10),
        ends_at=at(2, 11),
        purpose="a",
        requester=people["resident"],
    )
    actions.booking_approve(booking=a, actor=people["staff"])
    assert (at(2, 10), at(2, 11)) not in selectors.free_slots(
        space=room, day=at(2, 10).date(), minutes=60, step=60
    )
    with pytest.raises(PermissionDenied):
        actions.booking_cancel(booking=a, actor=people["neighbour"])
    actions.booking_cancel(booking=a, actor=people["staff"], reason="停电")
    assert (at(2, 10), at(2, 11)) in selectors.free_slots(
        space=room, day=at(2, 10).date(), minutes=60, step=60
    )
    assert Notification.objects.filter(
        recipient=people["resident"], kind="spaces.booking_cancelled"
    ).exists()
    actions.booking_request(
        space=room,
        starts_at=at(2, 10),
        ends_at=at(2, 11),
        purpose="b",
        requester=people["far_resident"],
    )


def test_housemate_can_cancel_the_households_booking(people, room, at):
    [a] = actions.booking_request(
        space=room,
        starts_at=at(2, 10),
        ends_at=at(2, 11),
        purpose="a",
        requester=people["resident"],
    )
    actions.booking_cancel(booking=a, actor=people["housemate"])
    assert Booking.objects.get(pk=a.pk).status == "cancelled"


def test_block_declines_waiting_requests_and_refuses_approved_overlap(people, room, at):
    [a] = actions.booking_request(
        space=room, starts_at=at(2, 9), ends_at=at(2, 10), purpose="a", requester=people["resident"]
    )
    block = actions.booking_block(
        space=room,
        starts_at=at(2, 9),
        ends_at=at(2, 11, 30),
        purpose="书记会客日",
        actor=people["secretary"],
    )
    assert Booking.objects.get(pk=a.pk).status == "rejected" and block.status == "approved"
    with pytest.raises(ValidationError):
        actions.booking_block(
            space=room,
            starts_at=at(2, 11),
            ends_at=at(2, 12),
            purpose="x",
            actor=people["secretary"],
        )
    actions.booking_release(booking=block, actor=people["secretary"])
    actions.booking_block(
        space=room, starts_at=at(2, 11), ends_at=at(2, 12), purpose="x", actor=people["secretary"]
    )


def test_database_refuses_overlapping_approved_bookings(people, room, at):
    """The guarantee is the database's: an ORM write past every Python check still fails."""
    Booking.objects.create(
        space=room,
        neighborhood=room.neighborhood,
        purpose="a",
        starts_at=at(2, 10),
        ends_at=at(2, 12),
        status="approved",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(
            space=room,
            neighborhood=room.neighborhood,
            purpose="b",
            starts_at=at(2, 11),
            ends_at=at(2, 13),
            status="approved",
        )
    waiting = Booking.objects.create(
        space=room,
        neighborhood=room.neighborhood,
        purpose="c",
        starts_at=at(2, 11),
        ends_at=at(2, 13),
        status="requested",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.filter(pk=waiting.pk).update(status="approved")
    # Back to back is allowed; so is an overlap with a cancelled booking.
    Booking.objects.create(
        space=room,
        neighborhood=room.neighborhood,
        purpose="d",
        starts_at=at(2, 12),
        ends_at=at(2, 13),
        status="approved",
    )
    Booking.objects.create(
        space=room,
        neighborhood=room.neighborhood,
        purpose="e",
        starts_at=at(2, 10),
        ends_at=at(2, 12),
        status="cancelled",
    )
    assert Booking.objects.filter(status="approved").count() == 2


def test_approving_an_overlap_inserted_behind_the_actions_back_is_refused(people, room, at):
    Booking.objects.create(
        space=room,
        neighborhood=room.neighborhood,
        purpose="a",
        starts_at=at(2, 10),
        ends_at=at(2, 12),
        status="approved",
    )
    waiting = Booking.objects.create(
        space=room,
        neighborhood=room.neighborhood,
        requester=people["resident"],
        purpose="b",
        starts_at=at(2, 11),
        ends_at=at(2, 12),
        status="requested",
    )
    with pytest.raises(ValidationError) as error:
        actions.booking_approve(booking=waiting, actor=people["staff"])
    assert error.value.code == "taken"
    assert Booking.objects.get(pk=waiting.pk).status == "requested"


def test_free_slots_skip_taken_times_and_hours_outside_opening(people, room, at):
    actions.booking_request(
        space=room, starts_at=at(2, 10), ends_at=at(2, 12), purpose="a", requester=people["staff"]
    )
    slots = selectors.free_slots(space=room, day=at(2, 10).date(), minutes=60, step=60)
    starts = [s.hour for s, _ in slots]
    assert starts == [8, 9, 12, 13, 14, 15, 16, 17, 18, 19, 20]
