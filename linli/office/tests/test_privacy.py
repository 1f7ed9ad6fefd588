"""PIPL: export holds a person's requests and slots; deletion keeps the requests without the person."""

from linli.office import actions, privacy
from linli.office.actions.reception import slot_starts
from linli.office.models import ReceptionSlot, Request
from linli.spaces import actions as spaces
from linli.spaces import privacy as spaces_privacy
from linli.spaces.models import Booking


def test_export_and_anonymise(people, submit, next_day, room):
    r = submit(public=True)
    other = submit("far_resident", public=True, description="别人的公开问题")
    actions.request_follow(request=other, person=people["resident"])
    actions.slot_book(
        occurrence=next_day,
        person=people["resident"],
        starts_at=slot_starts(next_day)[0],
        subject="加装电梯",
    )
    data = privacy.export(people["resident"])
    assert (
        [x["id"] for x in data["requests"]] == [r.pk]
        and data["following"] == [other.pk]
        and data["reception_slots"][0]["subject"] == "加装电梯"
    )
    privacy.anonymise(people["resident"])
    r.refresh_from_db()
    other.refresh_from_db()
    assert (
        r.reporter_id is None and r.household_id is None and r.description
    )  # the neighborhood's record stays
    assert (
        other.follower_count == 0
        and not ReceptionSlot.objects.filter(person=people["resident"]).exists()
    )


def test_spaces_export_and_anonymise(people, room):
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    start = timezone.make_aware(
        datetime.combine(timezone.localdate() + timedelta(days=2), time(10))
    )
    spaces.booking_request(
        space=room,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        purpose="读书会",
        requester=people["resident"],
    )
    assert spaces_privacy.export(people["resident"])["bookings"][0]["purpose"] == "读书会"
    spaces_privacy.anonymise(people["resident"])
    assert Booking.objects.get().requester_id is None
    assert Request.objects.count() == 0


def test_deleting_an_account_cancels_its_slot_and_me_too_through_the_actions(
    people, submit, next_day
):
    from linli.community.actions import resident_delete
    from linli.community.testing import PASSWORD
    from linli.office.models import Occurrence

    other = submit("far_resident", public=True, description="别人的公开问题")
    actions.request_follow(request=other, person=people["resident"])
    actions.request_follow(request=other, person=people["neighbour"])
    actions.slot_book(
        occurrence=next_day,
        person=people["resident"],
        starts_at=slot_starts(next_day)[0],
        subject="加装电梯",
    )
    assert Occurrence.objects.get(pk=next_day.pk).slot_count == 1
    resident_delete(person=people["resident"], password=PASSWORD)
    assert Occurrence.objects.get(pk=next_day.pk).slot_count == 0
    assert Request.objects.get(pk=other.pk).follower_count == 1
    assert not ReceptionSlot.objects.filter(person=people["resident"]).exists()


def test_deleting_an_account_cancels_its_own_bookings_and_frees_the_slot(people, room):
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    from linli.community.actions import resident_delete
    from linli.community.testing import PASSWORD

    start = timezone.make_aware(
        datetime.combine(timezone.localdate() + timedelta(days=2), time(10))
    )
    booking = spaces.booking_request(
        space=room,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        purpose="读书会",
        requester=people["resident"],
    )[0]
    resident_delete(person=people["resident"], password=PASSWORD)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED and booking.requester_id is None
    again = spaces.booking_request(  # the slot is free for someone else
        space=room,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        purpose="下棋",
        requester=people["neighbour"],
    )[0]
    assert again.status in Booking.OPEN
