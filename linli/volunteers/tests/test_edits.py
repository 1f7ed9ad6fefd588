"""Staff edit an open shift; the volunteers signed up are told of a new time or place."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from linli.notify.models import Notification
from linli.volunteers import actions, edit_actions
from linli.volunteers.models import Shift

from .conftest import move_to_past


def _told(person):
    return Notification.objects.filter(recipient=person, kind="volunteers.shift_changed").count()


def test_a_new_time_or_place_tells_those_signed_up(people, make_shift):
    shift = make_shift()
    actions.signup_create(shift=shift, person=people["resident"])
    edit_actions.shift_edit(shift=shift, actor=people["staff"], place="南门")
    edit_actions.shift_edit(shift=shift, actor=people["staff"], title="南门值守")
    assert _told(people["resident"]) == 1 and _told(people["neighbour"]) == 0
    edit_actions.shift_edit(
        shift=shift, actor=people["staff"], starts_at=shift.starts_at + timedelta(hours=1)
    )
    assert _told(people["resident"]) == 2


@pytest.mark.parametrize("changes", [{"places": 1}, {"hours": 0}, {"ends_at": "before"}])
def test_bad_edits_are_refused_and_change_nothing(people, make_shift, changes):
    shift = make_shift(places=3)
    for who in ("resident", "neighbour"):
        actions.signup_create(shift=shift, person=people[who])
    if changes.get("ends_at"):
        changes = {"ends_at": shift.starts_at - timedelta(hours=1)}
    with pytest.raises(ValidationError):
        edit_actions.shift_edit(shift=shift, actor=people["staff"], **changes)
    fresh = Shift.objects.get(pk=shift.pk)
    assert (fresh.places, fresh.ends_at, fresh.hours) == (3, shift.ends_at, shift.hours)


def test_only_staff_edit_and_only_open_coming_shifts(people, make_shift):
    shift = make_shift()
    with pytest.raises(PermissionDenied):
        edit_actions.shift_edit(shift=shift, actor=people["resident"], place="x")
    move_to_past(shift)
    with pytest.raises(ValidationError):
        edit_actions.shift_edit(shift=shift, actor=people["staff"], place="x")


def test_edit_page_without_javascript_and_constant_queries(
    login, people, tree, make_shift, django_assert_max_num_queries
):
    shift = make_shift(places=30)
    c = login(people["staff"])
    url = reverse("volunteers:shift-edit", args=[shift.pk])
    with CaptureQueriesContext(connection) as small:
        assert c.get(url).status_code == 200
    actions.signup_create(shift=shift, person=people["resident"])
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert c.get(url).status_code == 200
    data = {
        "sort": shift.sort,
        "title": shift.title,
        "place": "西门",
        "starts_at": shift.starts_at.astimezone().strftime("%Y-%m-%dT%H:%M"),
        "ends_at": shift.ends_at.astimezone().strftime("%Y-%m-%dT%H:%M"),
        "places": 0,
        "hours": "2",
    }
    assert c.post(url, data).status_code == 422
    assert Shift.objects.get(pk=shift.pk).place == "北门厢房"
    assert c.post(url, {**data, "places": 4}).status_code == 302
    assert Shift.objects.get(pk=shift.pk).place == "西门" and _told(people["resident"]) == 1
