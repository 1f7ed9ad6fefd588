"""Reception days: the rule, blocking the living room, slots, cancel and move, minutes to requests."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from linli.notify.models import Notification
from linli.office import actions
from linli.office.actions.reception import nth_weekday, slot_starts
from linli.office.models import Occurrence, ReceptionSlot, Request
from linli.spaces import actions as spaces
from linli.spaces.models import Booking


@pytest.mark.parametrize(
    "year,month,weekday,n,expected",
    [
        (2026, 12, 5, 2, date(2026, 12, 12)),
        (2027, 1, 5, 2, date(2027, 1, 9)),
        (2026, 11, 5, -1, date(2026, 11, 28)),
        (2027, 2, 0, 1, date(2027, 2, 1)),
    ],
)
def test_nth_weekday(year, month, weekday, n, expected):
    assert nth_weekday(year, month, weekday, n) == expected


def test_occurrences_are_second_saturdays_and_block_the_room(reception, room):
    occs = list(reception.occurrences.all())
    assert len(occs) >= 5
    for o in occs:
        local = timezone.localtime(o.starts_at)
        assert (
            local.weekday() == 5 and 8 <= local.day <= 14 and (local.hour, local.minute) == (9, 0)
        )
    future = [o for o in occs if o.ends_at > timezone.now()]
    assert all(
        o.booking and o.booking.status == "approved" and o.booking.kind == "reception"
        for o in future
    )


def test_reception_time_cannot_be_booked(reception, next_day, room, people):
    with pytest.raises(ValidationError) as error:
        spaces.booking_request(
            space=room,
            starts_at=next_day.starts_at + timedelta(minutes=30),
            ends_at=next_day.starts_at + timedelta(minutes=90),
            purpose="x",
            requester=people["resident"],
        )
    assert error.value.code == "taken"


def test_resident_books_one_slot_and_nobody_gets_it_twice(next_day, people):
    starts = slot_starts(next_day)
    assert len(starts) == 10  # 9:00–11:30 in 15 minutes
    slot = actions.slot_book(
        occurrence=next_day, person=people["resident"], starts_at=starts[0], subject="加装电梯"
    )
    with pytest.raises(ValidationError) as error:
        actions.slot_book(
            occurrence=next_day, person=people["far_resident"], starts_at=starts[0], subject="x"
        )
    assert error.value.code == "taken"
    with pytest.raises(ValidationError) as error:
        actions.slot_book(
            occurrence=next_day, person=people["resident"], starts_at=starts[1], subject="again"
        )
    assert error.value.code == "mine"
    with pytest.raises(ValidationError):
        actions.slot_book(
            occurrence=next_day,
            person=people["neighbour"],
            starts_at=starts[0] + timedelta(minutes=7),
            subject="x",
        )
    with pytest.raises(PermissionDenied):
        actions.slot_book(
            occurrence=next_day, person=people["unverified"], starts_at=starts[2], subject="x"
        )
    assert Occurrence.objects.get(pk=next_day.pk).slot_count == 1
    actions.slot_cancel(slot=slot, actor=people["resident"])
    assert Occurrence.objects.get(pk=next_day.pk).slot_count == 0
    actions.slot_book(
        occurrence=next_day, person=people["far_resident"], starts_at=starts[0], subject="now free"
    )


def test_cancel_one_day_frees_the_room_and_tells_who_booked(next_day, people, room):
    actions.slot_book(
        occurrence=next_day,
        person=people["resident"],
        starts_at=slot_starts(next_day)[0],
        subject="x",
    )
    with pytest.raises(PermissionDenied):
        actions.occurrence_cancel(occurrence=next_day, actor=people["owners"], note="x")
    actions.occurrence_cancel(occurrence=next_day, actor=people["secretary"], note="春节暂停")
    next_day.refresh_from_db()
    assert (
        next_day.status == "cancelled"
        and Booking.objects.get(pk=next_day.booking_id).status == "cancelled"
    )
    assert Notification.objects.filter(
        recipient=people["resident"], kind="office.reception_cancelled"
    ).exists()
    with pytest.raises(ValidationError):
        actions.slot_book(
            occurrence=next_day,
            person=people["far_resident"],
            starts_at=slot_starts(next_day)[1],
            subject="x",
        )
    spaces.booking_request(
        space=room,
        starts_at=next_day.starts_at,
        ends_at=next_day.ends_at,
        purpose="now free",
        requester=people["resident"],
    )


def test_move_one_day_moves_booked_slots_and_the_room(next_day, people):
    slot = actions.slot_book(
        occurrence=next_day,
        person=people["resident"],
        starts_at=slot_starts(next_day)[2],
        subject="x",
    )
    new_start = next_day.starts_at + timedelta(days=1)
    actions.occurrence_move(
        occurrence=next_day,
        actor=people["secretary"],
        starts_at=new_start,
        ends_at=next_day.ends_at + timedelta(days=1),
        note="停电",
    )
    next_day.refresh_from_db()
    assert next_day.moved and next_day.sequence == 1
    assert ReceptionSlot.objects.get(pk=slot.pk).starts_at == new_start + timedelta(minutes=30)
    assert Booking.objects.get(pk=next_day.booking_id).starts_at == new_start
    assert Notification.objects.filter(
        recipient=people["resident"], kind="office.reception_moved"
    ).exists()
    with pytest.raises(ValidationError):
        actions.occurrence_move(
            occurrence=next_day,
            actor=people["secretary"],
            starts_at=timezone.now() - timedelta(days=1),
            ends_at=timezone.now(),
        )


def test_minutes_item_becomes_a_request_in_one_step(next_day, people, categories):
    slot = actions.slot_book(
        occurrence=next_day,
        person=people["resident"],
        starts_at=slot_starts(next_day)[0],
        subject="车库漏水",
    )
    item = actions.minute_add(
        occurrence=next_day,
        actor=people["property"],
        text="车库 B2 漏水，物业答应本周查看。",
        raised_by=slot.person,
    )
    request = actions.minute_to_request(
        item=item, actor=people["property"], category=categories["lift"]
    )
    assert Request.objects.get(pk=request.pk).reporter_id == people["resident"].pk
    assert request.source == "reception"
    with pytest.raises(ValidationError):
        actions.minute_to_request(item=item, actor=people["property"], category=categories["lift"])
    with pytest.raises(PermissionDenied):
        actions.minute_add(occurrence=next_day, actor=people["resident"], text="x")
    assert Request.objects.count() == 1


def test_personal_feed_token_is_stable_until_reset(people):
    token = actions.feed_token(person=people["resident"])
    assert actions.feed_token(person=people["resident"]) == token
    assert actions.feed_reset(person=people["resident"]) != token
