"""Registrations: places, waiting list moving up, double, past, check-in codes, photos, cancelling, spaces."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from linli.activities import actions
from linli.activities.models import Activity, Registration
from linli.notify.models import Notification

from .conftest import starting_now

pytestmark = pytest.mark.django_db


def counts(activity):
    a = Activity.objects.get(pk=activity.pk)
    return a.taken, a.waiting


def test_register_until_full_then_waiting_list(people, make_activity):
    a = make_activity(capacity=2)
    r1 = actions.registration_create(activity=a, person=people["resident"])
    r2 = actions.registration_create(activity=a, person=people["neighbour"])
    r3 = actions.registration_create(activity=a, person=people["far_resident"])
    assert (r1.status, r2.status, r3.status) == ("confirmed", "confirmed", "waiting")
    assert counts(a) == (2, 1)


def test_cancel_moves_the_first_waiting_person_up_and_tells_them(people, make_activity):
    a = make_activity(capacity=1)
    r1 = actions.registration_create(activity=a, person=people["resident"])
    w1 = actions.registration_create(activity=a, person=people["neighbour"])
    actions.registration_create(activity=a, person=people["far_resident"])
    actions.registration_cancel(registration=r1, actor=people["resident"])
    assert Registration.objects.get(pk=w1.pk).status == "confirmed"
    assert Registration.objects.get(activity=a, person=people["far_resident"]).status == "waiting"
    assert counts(a) == (1, 1)
    assert Notification.objects.filter(
        recipient=people["neighbour"], kind="activities.promoted"
    ).exists()


def test_cancelling_a_waiting_place_only_shortens_the_list(people, make_activity):
    a = make_activity(capacity=1)
    actions.registration_create(activity=a, person=people["resident"])
    w = actions.registration_create(activity=a, person=people["neighbour"])
    actions.registration_cancel(registration=w, actor=people["neighbour"])
    assert counts(a) == (1, 0)


def test_full_without_waiting_list_refuses(people, make_activity):
    a = make_activity(capacity=1, waiting_list=False)
    actions.registration_create(activity=a, person=people["resident"])
    with pytest.raises(ValidationError) as error:
        actions.registration_create(activity=a, person=people["neighbour"])
    assert error.value.code == "full" and counts(a) == (1, 0)


def test_double_registration_and_past_activity_refused(people, make_activity):
    a = make_activity()
    actions.registration_create(activity=a, person=people["resident"])
    with pytest.raises(ValidationError) as error:
        actions.registration_create(activity=a, person=people["resident"])
    assert error.value.code == "double"
    starting_now(a)
    with pytest.raises(ValidationError) as error:
        actions.registration_create(activity=a, person=people["neighbour"])
    assert error.value.code == "past" and counts(a) == (1, 0)


def test_only_residents_register_and_only_staff_publish(people, make_activity, tree):
    a = make_activity()
    for who in ("unverified", "other_staff"):
        with pytest.raises(PermissionDenied):
            actions.registration_create(activity=a, person=people[who])
    start = timezone.now() + timedelta(days=1)
    with pytest.raises(PermissionDenied):
        actions.activity_publish(
            neighborhood=tree.neighborhood,
            actor=people["resident"],
            title="x",
            place="y",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            capacity=3,
        )


def test_publish_in_the_past_or_ending_before_start_is_refused(people, tree):
    start = timezone.now() - timedelta(days=1)
    with pytest.raises(ValidationError):
        actions.activity_publish(
            neighborhood=tree.neighborhood,
            actor=people["staff"],
            title="x",
            place="y",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            capacity=3,
        )
    start = timezone.now() + timedelta(days=1)
    with pytest.raises(ValidationError):
        actions.activity_publish(
            neighborhood=tree.neighborhood,
            actor=people["staff"],
            title="x",
            place="y",
            starts_at=start,
            ends_at=start,
            capacity=3,
        )
    assert not Activity.objects.exists()


def test_description_is_sanitised(people, make_activity):
    a = make_activity(description="**hi** <script>alert(1)</script>")
    assert "<strong>hi</strong>" in a.description_html and "<script>" not in a.description_html


def test_check_in_with_the_code_of_the_day(people, make_activity):
    a = make_activity()
    actions.registration_create(activity=a, person=people["resident"])
    with pytest.raises(ValidationError) as error:
        actions.checkin_with_code(activity=a, person=people["resident"], code=a.checkin_code)
    assert error.value.code == "not_open"
    a = starting_now(a)
    with pytest.raises(ValidationError):
        actions.checkin_with_code(
            activity=a,
            person=people["resident"],
            code="000000" if a.checkin_code != "000000" else "111111",
        )
    actions.checkin_with_code(activity=a, person=people["resident"], code=a.checkin_code)
    actions.checkin_with_code(
        activity=a, person=people["resident"], code=a.checkin_code
    )  # twice counts once
    assert Activity.objects.get(pk=a.pk).checked_in == 1
    with pytest.raises(ValidationError):
        actions.checkin_with_code(activity=a, person=people["neighbour"], code=a.checkin_code)


def test_staff_check_in_from_the_list(people, make_activity):
    a = make_activity()
    r = actions.registration_create(activity=a, person=people["resident"])
    a = starting_now(a)
    r = Registration.objects.select_related("activity").get(pk=r.pk)
    with pytest.raises(PermissionDenied):
        actions.checkin_by_staff(registration=r, actor=people["resident"])
    actions.checkin_by_staff(registration=r, actor=people["staff"])
    assert Registration.objects.get(pk=r.pk).checked_in_at is not None


def _png():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, "PNG")
    return SimpleUploadedFile("p.png", buffer.getvalue(), content_type="image/png")


def test_photos_after_the_start_only_by_staff(people, make_activity, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    a = make_activity()
    with pytest.raises(ValidationError):
        actions.photo_add(activity=a, actor=people["staff"], image=_png())
    a = starting_now(a)
    with pytest.raises(PermissionDenied):
        actions.photo_add(activity=a, actor=people["resident"], image=_png())
    actions.photo_add(activity=a, actor=people["staff"], image=_png(), caption="大家一起做手工")
    assert Activity.objects.get(pk=a.pk).photo_count == 1


def test_cancel_activity_tells_everyone_and_closes_registration(people, make_activity):
    a = make_activity(capacity=1)
    actions.registration_create(activity=a, person=people["resident"])
    actions.registration_create(activity=a, person=people["neighbour"])
    actions.activity_cancel(activity=a, actor=people["staff"], reason="下雨")
    assert counts(a) == (0, 0)
    assert Notification.objects.filter(kind="activities.cancelled").count() == 2
    with pytest.raises(ValidationError):
        actions.registration_create(activity=a, person=people["far_resident"])


def test_activity_in_a_space_books_it_and_a_clash_saves_nothing(people, tree):
    from linli.spaces.actions import space_save
    from linli.spaces.models import Booking

    space = space_save(
        actor=people["secretary"], neighborhood=tree.neighborhood, name="一米会客厅", capacity=20
    )
    day = timezone.localdate() + timedelta(days=3)
    start = timezone.make_aware(
        timezone.datetime.combine(day, timezone.datetime.min.time().replace(hour=15))
    )
    a = actions.activity_publish(
        neighborhood=tree.neighborhood,
        actor=people["staff"],
        title="读书会",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        capacity=10,
        space=space,
    )
    booking = Booking.objects.get(pk=a.booking_id)
    assert (
        a.space_id == space.pk
        and a.place == "一米会客厅"
        and booking.status == "approved"
        and booking.kind == "activity"
    )
    with pytest.raises(ValidationError):
        actions.activity_publish(
            neighborhood=tree.neighborhood,
            actor=people["staff"],
            title="撞车",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            capacity=10,
            space=space,
        )
    assert Activity.objects.count() == 1
    actions.activity_cancel(activity=a, actor=people["staff"])
    assert Booking.objects.get(pk=booking.pk).status == "cancelled"
