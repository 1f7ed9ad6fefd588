"""Activity pages and API: list, calendar, detail, register/cancel/check-in through the UI, feeds, query counts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from linli.activities import actions
from linli.activities.models import Activity, Registration

from .conftest import starting_now

pytestmark = pytest.mark.django_db


def test_list_and_calendar_are_public(client, tree, make_activity):
    a = make_activity(title="垃圾分类讲座")
    assert "垃圾分类讲座" in client.get(f"/activities/n/{tree.neighborhood.slug}/").content.decode()
    month = timezone.localtime(a.starts_at).strftime("%Y-%m")
    r = client.get(f"/activities/n/{tree.neighborhood.slug}/calendar/", {"month": month})
    assert r.status_code == 200 and "垃圾分类讲座" in r.content.decode()
    assert (
        client.get(
            f"/activities/n/{tree.neighborhood.slug}/calendar/", {"month": "2026-13"}
        ).status_code
        == 200
    )


def test_register_waitlist_and_cancel_through_the_page(login, people, make_activity):
    a = make_activity(capacity=1)
    login(people["resident"]).post(f"/activities/{a.pk}/register/")
    r = login(people["neighbour"]).post(f"/activities/{a.pk}/register/", follow=True)
    body = r.content.decode()
    assert "Waiting list: number 1" in body or "候补" in body
    mine = Registration.objects.get(activity=a, person=people["resident"])
    login(people["resident"]).post(f"/activities/registrations/{mine.pk}/cancel/")
    assert Registration.objects.get(activity=a, person=people["neighbour"]).status == "confirmed"


def test_checkin_form_on_the_day(login, people, make_activity):
    a = make_activity()
    actions.registration_create(activity=a, person=people["resident"])
    a = starting_now(a)
    c = login(people["resident"])
    assert 'name="code"' in c.get(f"/activities/{a.pk}/").content.decode()
    c.post(f"/activities/{a.pk}/checkin/", {"code": "12"})
    assert Activity.objects.get(pk=a.pk).checked_in == 0
    c.post(f"/activities/{a.pk}/checkin/", {"code": a.checkin_code})
    assert Activity.objects.get(pk=a.pk).checked_in == 1


def test_names_only_for_staff(login, people, make_activity):
    a = make_activity()
    actions.registration_create(activity=a, person=people["neighbour"])
    assert (
        people["neighbour"].real_name
        not in login(people["resident"]).get(f"/activities/{a.pk}/").content.decode()
    )
    body = login(people["staff"]).get(f"/activities/{a.pk}/").content.decode()
    assert people["neighbour"].real_name in body and a.checkin_code in body


def test_staff_publish_form_validates(login, people, tree):
    c = login(people["staff"])
    start = timezone.localtime() + timedelta(days=2)
    data = {
        "title": "清洁行动",
        "category": "cleanup",
        "audience": "everyone",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "place": "",
        "capacity": 20,
        "waiting_list": "on",
    }
    r = c.post(f"/activities/n/{tree.neighborhood.slug}/new/", data)
    assert r.status_code == 200 and not Activity.objects.exists()
    r = c.post(f"/activities/n/{tree.neighborhood.slug}/new/", dict(data, place="中心广场"))
    assert r.status_code == 302 and Activity.objects.get().place == "中心广场"
    assert (
        login(people["resident"]).get(f"/activities/n/{tree.neighborhood.slug}/new/").status_code
        == 403
    )


def test_ical_feed(client, tree, make_activity):
    make_activity(title="读书会")
    r = client.get(f"/activities/n/{tree.neighborhood.slug}/calendar.ics")
    body = r.content.decode()
    assert (
        r["Content-Type"].startswith("text/calendar")
        and "TZID:Asia/Shanghai" in body
        and "读书会" in body
    )


@pytest.mark.parametrize("path", ["/activities/n/{slug}/calendar/", "/activities/n/{slug}/"])
def test_pages_have_constant_query_counts(
    login, people, tree, make_activity, path, django_assert_max_num_queries
):
    for n in range(2):
        actions.registration_create(activity=make_activity(days=1 + n), person=people["resident"])
    c = login(people["resident"])
    url = path.format(slug=tree.neighborhood.slug)
    with CaptureQueriesContext(connection) as small:
        assert c.get(url).status_code == 200
    measured = len(small.captured_queries)
    for n in range(20):
        a = make_activity(days=1 + n % 10, capacity=3)
        actions.registration_create(
            activity=a, person=people["resident"] if n % 2 else people["neighbour"]
        )
    with django_assert_max_num_queries(measured):
        assert c.get(url).status_code == 200


def test_api_register_and_errors(login, people, make_activity):
    a = make_activity(capacity=1, waiting_list=False)
    c = login(people["resident"])
    assert (
        c.post(
            f"/api/v1/activities/{a.pk}/registrations", content_type="application/json"
        ).status_code
        == 201
    )
    r = c.post(f"/api/v1/activities/{a.pk}/registrations", content_type="application/json")
    assert r.status_code == 422 and "detail" in r.json()
    r = login(people["neighbour"]).post(
        f"/api/v1/activities/{a.pk}/registrations", content_type="application/json"
    )
    assert (
        r.status_code == 422
        and "full" in str(r.json()["detail"]).lower()
        or "满" in str(r.json()["detail"])
    )
    assert (
        login(people["unverified"])
        .post(f"/api/v1/activities/{a.pk}/registrations", content_type="application/json")
        .status_code
        == 403
    )
    r = c.get(f"/api/v1/activities/n/{a.neighborhood.slug}/activities")
    assert r.json()["items"][0]["taken"] == 1
    assert (
        c.get(
            f"/api/v1/activities/n/{a.neighborhood.slug}/calendar", {"month": "2026-99"}
        ).status_code
        == 422
    )
    r = c.post(f"/api/v1/activities/{a.pk}/checkin", {"code": "x"}, content_type="application/json")
    assert r.status_code == 422
