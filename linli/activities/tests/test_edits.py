"""Staff edit a published activity; the registered and waiting are told of a new time or place."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from linli.activities import actions, edit_actions
from linli.activities.models import Activity, Registration
from linli.community.testing import make_person
from linli.notify.models import Notification


def _told(person):
    return Notification.objects.filter(recipient=person, kind="activities.changed").count()


def test_a_new_time_or_place_tells_the_registered_and_waiting_once(people, tree, make_activity):
    a = make_activity(capacity=1)
    actions.registration_create(activity=a, person=people["resident"])
    actions.registration_create(activity=a, person=people["neighbour"])  # waiting
    edit_actions.activity_edit(activity=a, actor=people["staff"], place="二楼会议室")
    assert _told(people["resident"]) == 1 and _told(people["neighbour"]) == 1
    edit_actions.activity_edit(
        activity=a, actor=people["staff"], starts_at=a.starts_at + timedelta(hours=1)
    )
    assert _told(people["resident"]) == 2
    # A new title or description is not news for the registered.
    edit_actions.activity_edit(activity=a, actor=people["staff"], title="亲子手工（新）")
    assert _told(people["resident"]) == 2
    a.refresh_from_db()
    assert a.place == "二楼会议室" and a.title == "亲子手工（新）"


def test_more_places_move_the_waiting_list_up(people, make_activity):
    a = make_activity(capacity=1)
    actions.registration_create(activity=a, person=people["resident"])
    actions.registration_create(activity=a, person=people["neighbour"])
    edit_actions.activity_edit(activity=a, actor=people["staff"], capacity=2)
    a.refresh_from_db()
    assert (a.taken, a.waiting) == (2, 0)
    assert Registration.objects.get(activity=a, person=people["neighbour"]).status == "confirmed"


@pytest.mark.parametrize(
    "changes",
    [
        {"capacity": 1},  # two are registered
        {"starts_at": "past"},
        {"ends_at": "before start"},
        {"space": 3},
    ],
)
def test_bad_edits_are_refused_and_change_nothing(people, make_activity, changes):
    a = make_activity(capacity=3)
    for who in ("resident", "neighbour"):
        actions.registration_create(activity=a, person=people[who])
    from django.utils import timezone

    if changes.get("starts_at") == "past":
        changes = {"starts_at": timezone.now() - timedelta(hours=1)}
    elif changes.get("ends_at"):
        changes = {"ends_at": a.starts_at - timedelta(hours=1)}
    with pytest.raises(ValidationError):
        edit_actions.activity_edit(activity=a, actor=people["staff"], **changes)
    fresh = Activity.objects.get(pk=a.pk)
    assert (fresh.capacity, fresh.starts_at, fresh.ends_at) == (3, a.starts_at, a.ends_at)
    assert not Notification.objects.filter(kind="activities.changed").exists()


def test_only_staff_edit_and_a_cancelled_activity_cannot_be(people, make_activity):
    a = make_activity()
    with pytest.raises(PermissionDenied):
        edit_actions.activity_edit(activity=a, actor=people["resident"], place="x")
    actions.activity_cancel(activity=a, actor=people["staff"])
    with pytest.raises(ValidationError):
        edit_actions.activity_edit(activity=a, actor=people["staff"], place="x")


def test_edit_page_without_javascript(login, people, make_activity):
    a = make_activity()
    actions.registration_create(activity=a, person=people["resident"])
    c = login(people["staff"])
    url = reverse("activities:activity-edit", args=[a.pk])
    page = c.get(url)
    assert page.status_code == 200 and "活动室" in page.content.decode()
    start = a.starts_at.astimezone().strftime("%Y-%m-%dT%H:%M")
    end = a.ends_at.astimezone().strftime("%Y-%m-%dT%H:%M")
    data = {
        "title": a.title,
        "category": a.category,
        "audience": a.audience,
        "starts_at": start,
        "ends_at": end,
        "place": "三楼",
        "capacity": 0,
        "waiting_list": "on",
    }
    bad = c.post(url, data)
    assert bad.status_code == 422 and Activity.objects.get(pk=a.pk).place == "活动室"
    ok = c.post(url, {**data, "capacity": 5})
    assert ok.status_code == 302
    assert Activity.objects.get(pk=a.pk).place == "三楼" and _told(people["resident"]) == 1


def test_edit_page_has_a_constant_query_count(
    login, people, tree, make_activity, django_assert_max_num_queries
):
    a = make_activity(capacity=50)
    c = login(people["staff"])
    url = reverse("activities:activity-edit", args=[a.pk])
    with CaptureQueriesContext(connection) as small:
        assert c.get(url).status_code == 200
    for n in range(20):
        actions.registration_create(
            activity=a, person=make_person(f"p{n}", tree.buildings[n % 2].homes[n % 4])
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert c.get(url).status_code == 200


def test_editing_over_the_api(login, people, make_activity):
    a = make_activity()
    r = login(people["staff"]).patch(
        f"/api/v1/activities/{a.pk}", {"capacity": 9}, content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["capacity"] == 9
    bad = login(people["staff"]).patch(
        f"/api/v1/activities/{a.pk}", {"capacity": 0}, content_type="application/json"
    )
    assert bad.status_code == 422 and Activity.objects.get(pk=a.pk).capacity == 9
