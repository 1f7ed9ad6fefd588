"""Shifts and sign-ups: places, double sign-ups, the past, cancel, swap, confirm and hours, reminders."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from linli.audit.models import AuditEntry
from linli.notify.models import Notification
from linli.stats.models import PointsEntry, Standing
from linli.volunteers import actions
from linli.volunteers.models import Shift, SignUp, Volunteer

from .conftest import move_to_past

pytestmark = pytest.mark.django_db


def taken(shift):
    return Shift.objects.get(pk=shift.pk).taken


def test_sign_up_takes_a_place(people, make_shift):
    shift = make_shift(places=2)
    actions.signup_create(shift=shift, person=people["resident"])
    assert taken(shift) == 1


def test_full_shift_refuses_and_changes_nothing(people, make_shift):
    shift = make_shift(places=1)
    actions.signup_create(shift=shift, person=people["resident"])
    with pytest.raises(ValidationError) as error:
        actions.signup_create(shift=shift, person=people["neighbour"])
    assert error.value.code == "full"
    assert taken(shift) == 1 and SignUp.objects.filter(shift=shift).count() == 1


def test_double_sign_up_refused(people, make_shift):
    shift = make_shift()
    actions.signup_create(shift=shift, person=people["resident"])
    with pytest.raises(ValidationError) as error:
        actions.signup_create(shift=shift, person=people["resident"])
    assert error.value.code == "double" and taken(shift) == 1


def test_shift_in_the_past_refuses_sign_up(people, make_shift):
    shift = move_to_past(make_shift())
    with pytest.raises(ValidationError) as error:
        actions.signup_create(shift=shift, person=people["resident"])
    assert error.value.code == "past" and taken(shift) == 0


def test_publishing_a_shift_in_the_past_is_refused(people, tree):
    start = timezone.now() - timedelta(hours=1)
    with pytest.raises(ValidationError):
        actions.shift_publish(
            neighborhood=tree.neighborhood,
            actor=people["staff"],
            title="x",
            place="y",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            places=2,
        )
    assert not Shift.objects.exists()


def test_only_residents_of_the_neighborhood_sign_up_and_only_staff_publish(
    people, make_shift, tree
):
    shift = make_shift()
    for who in ("unverified", "other_staff", "street_staff"):
        with pytest.raises(PermissionDenied):
            actions.signup_create(shift=shift, person=people[who])
    with pytest.raises(PermissionDenied):
        actions.shift_publish(
            neighborhood=tree.neighborhood,
            actor=people["resident"],
            title="x",
            place="y",
            starts_at=timezone.now() + timedelta(days=1),
            ends_at=timezone.now() + timedelta(days=1, hours=1),
            places=2,
        )
    assert taken(shift) == 0


def test_cancel_frees_the_place_and_can_sign_up_again(people, make_shift):
    shift = make_shift(places=1)
    signup = actions.signup_create(shift=shift, person=people["resident"])
    actions.signup_cancel(signup=signup, actor=people["resident"])
    assert taken(shift) == 0
    actions.signup_create(shift=shift, person=people["resident"])
    assert taken(shift) == 1


def test_nobody_cancels_someone_elses_sign_up(people, make_shift):
    shift = make_shift()
    signup = actions.signup_create(shift=shift, person=people["resident"])
    with pytest.raises(PermissionDenied):
        actions.signup_cancel(
            signup=SignUp.objects.select_related("shift").get(pk=signup.pk),
            actor=people["neighbour"],
        )
    assert taken(shift) == 1


def test_swap_moves_the_place_in_one_step(people, make_shift):
    a, b = make_shift(places=2), make_shift(places=1, days=3)
    signup = actions.signup_create(shift=a, person=people["resident"])
    moved = actions.signup_swap(
        signup=SignUp.objects.select_related("shift").get(pk=signup.pk),
        to_shift=b,
        actor=people["resident"],
    )
    assert moved.shift_id == b.pk and (taken(a), taken(b)) == (0, 1)


def test_swap_to_a_full_shift_keeps_the_old_place(people, make_shift):
    a, b = make_shift(places=2), make_shift(places=1, days=3)
    actions.signup_create(shift=b, person=people["neighbour"])
    signup = actions.signup_create(shift=a, person=people["resident"])
    with pytest.raises(ValidationError):
        actions.signup_swap(
            signup=SignUp.objects.select_related("shift").get(pk=signup.pk),
            to_shift=b,
            actor=people["resident"],
        )
    assert (taken(a), taken(b)) == (1, 1)
    assert SignUp.objects.get(pk=signup.pk).status == "signed"


def test_confirm_credits_hours_points_and_levels_once(people, make_shift):
    shift = make_shift(places=3)
    for who in ("resident", "neighbour"):
        actions.signup_create(shift=shift, person=people[who])
    shift = move_to_past(shift)
    credited = actions.shift_confirm(
        shift=shift, actor=people["staff"], attended_ids=[people["resident"].pk]
    )
    assert credited == 1
    v = Volunteer.objects.get(pk=people["resident"].pk)
    assert (v.hours_total, v.shifts_done) == (Decimal("2.0"), 1)
    assert not Volunteer.objects.filter(pk=people["neighbour"].pk, shifts_done__gt=0).exists()
    assert SignUp.objects.get(shift=shift, person=people["neighbour"]).status == "no_show"
    assert (
        PointsEntry.objects.get(person=people["resident"], reason="volunteers.hours").amount == 20
    )
    assert Standing.objects.get(person=people["resident"]).points == 20
    assert Notification.objects.filter(
        recipient=people["resident"], kind="volunteers.hours_recorded"
    ).exists()
    assert AuditEntry.objects.filter(action="volunteers.shift_confirm").count() == 1
    with pytest.raises(ValidationError):
        actions.shift_confirm(
            shift=shift, actor=people["staff"], attended_ids=[people["resident"].pk]
        )
    assert Volunteer.objects.get(pk=people["resident"].pk).hours_total == Decimal("2.0")
    assert Standing.objects.get(person=people["resident"]).points == 20


def test_confirm_refuses_people_not_signed_up_and_future_shifts(people, make_shift):
    shift = make_shift()
    actions.signup_create(shift=shift, person=people["resident"])
    with pytest.raises(ValidationError):
        actions.shift_confirm(
            shift=shift, actor=people["staff"], attended_ids=[people["resident"].pk]
        )
    shift = move_to_past(shift)
    with pytest.raises(ValidationError):
        actions.shift_confirm(
            shift=shift, actor=people["staff"], attended_ids=[people["neighbour"].pk]
        )
    assert not Volunteer.objects.exists() and not PointsEntry.objects.exists()


def test_undo_confirm_takes_hours_and_points_back(people, make_shift):
    shift = make_shift()
    signup = actions.signup_create(shift=shift, person=people["resident"])
    actions.shift_confirm(
        shift=move_to_past(shift), actor=people["staff"], attended_ids=[people["resident"].pk]
    )
    actions.signup_undo_confirm(signup=signup, actor=people["staff"])
    assert Volunteer.objects.get(pk=people["resident"].pk).hours_total == 0
    assert Standing.objects.get(person=people["resident"]).points == 0


def test_cancel_shift_tells_volunteers(people, make_shift):
    shift = make_shift()
    actions.signup_create(shift=shift, person=people["resident"])
    actions.shift_cancel(shift=shift, actor=people["staff"])
    assert (
        taken(shift) == 0
        and Notification.objects.filter(
            recipient=people["resident"], kind="volunteers.shift_cancelled"
        ).exists()
    )
    with pytest.raises(ValidationError):
        actions.signup_create(shift=shift, person=people["neighbour"])


def test_reminders_go_once_to_shifts_within_a_day(people, make_shift):
    soon, later = make_shift(days=0.5), make_shift(days=3)
    actions.signup_create(shift=soon, person=people["resident"])
    actions.signup_create(shift=later, person=people["neighbour"])
    assert actions.reminders_send() == 1
    assert actions.reminders_send() == 0
    assert Notification.objects.filter(kind="volunteers.shift_reminder").count() == 1
    assert (
        Notification.objects.get(kind="volunteers.shift_reminder").recipient == people["resident"]
    )
