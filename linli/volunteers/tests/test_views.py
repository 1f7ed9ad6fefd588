"""Volunteer pages and API: sign up, cancel, swap and confirm through the UI; hours with consent; query counts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from linli.community.testing import make_person
from linli.volunteers import actions
from linli.volunteers.models import Shift, SignUp, Volunteer

from .conftest import move_to_past

pytestmark = pytest.mark.django_db


def test_resident_signs_up_and_cancels_through_the_pages(login, people, tree, make_shift):
    shift = make_shift(places=1)
    c = login(people["resident"])
    r = c.get(f"/volunteers/n/{tree.neighborhood.slug}/")
    assert r.status_code == 200 and shift.title in r.content.decode()
    r = c.post(f"/volunteers/shifts/{shift.pk}/signup/", follow=True)
    assert r.status_code == 200 and Shift.objects.get(pk=shift.pk).taken == 1
    signup = SignUp.objects.get(shift=shift)
    r = login(people["neighbour"]).post(f"/volunteers/shifts/{shift.pk}/signup/", follow=True)
    assert "full" in r.content.decode() or "已满" in r.content.decode()
    c = login(people["resident"])
    c.post(f"/volunteers/signups/{signup.pk}/cancel/")
    assert Shift.objects.get(pk=shift.pk).taken == 0


def test_swap_through_the_page(login, people, make_shift):
    a, b = make_shift(), make_shift(days=4)
    signup = actions.signup_create(shift=a, person=people["resident"])
    c = login(people["resident"])
    assert (
        "Swap" in c.get(f"/volunteers/shifts/{a.pk}/").content.decode()
        or "换到" in c.get(f"/volunteers/shifts/{a.pk}/").content.decode()
    )
    c.post(f"/volunteers/signups/{signup.pk}/swap/", {"to_shift": b.pk})
    assert SignUp.objects.get(person=people["resident"], status="signed").shift_id == b.pk


def test_staff_confirm_through_the_page(login, people, make_shift):
    shift = make_shift()
    actions.signup_create(shift=shift, person=people["resident"])
    move_to_past(shift)
    c = login(people["staff"])
    assert people["resident"].real_name in c.get(f"/volunteers/shifts/{shift.pk}/").content.decode()
    c.post(
        f"/volunteers/shifts/{shift.pk}/confirm/",
        {"attended": [people["resident"].pk], "hours": "2.5"},
    )
    assert str(Volunteer.objects.get(pk=people["resident"].pk).hours_total) == "2.5"


def test_residents_do_not_see_who_signed_up(login, people, make_shift):
    shift = make_shift()
    actions.signup_create(shift=shift, person=people["neighbour"])
    body = login(people["resident"]).get(f"/volunteers/shifts/{shift.pk}/").content.decode()
    assert people["neighbour"].real_name not in body


def test_staff_publish_weekly_shifts_and_bad_input_is_refused(login, people, tree):
    c = login(people["staff"])
    start = timezone.localtime() + timedelta(days=1)
    data = {
        "sort": "bin_watch",
        "title": "值守",
        "place": "北门",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "places": 3,
        "repeat_weeks": 4,
    }
    assert c.post(f"/volunteers/n/{tree.neighborhood.slug}/new/", data).status_code == 302
    assert Shift.objects.count() == 4
    past = dict(
        data,
        starts_at=(start - timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
        ends_at=(start - timedelta(days=3, hours=-1)).strftime("%Y-%m-%dT%H:%M"),
        repeat_weeks="",
    )
    r = c.post(f"/volunteers/n/{tree.neighborhood.slug}/new/", past)
    assert r.status_code == 200 and Shift.objects.count() == 4
    assert (
        login(people["resident"]).get(f"/volunteers/n/{tree.neighborhood.slug}/new/").status_code
        == 403
    )


def test_hours_page_needs_consent(client, login, people, make_shift):
    shift = make_shift()
    actions.signup_create(shift=shift, person=people["resident"])
    actions.shift_confirm(
        shift=move_to_past(shift), actor=people["staff"], attended_ids=[people["resident"].pk]
    )
    url = f"/volunteers/people/{people['resident'].pk}/"
    assert login(people["neighbour"]).get(url).status_code == 403
    assert login(people["staff"]).get(url).status_code == 200
    me = login(people["resident"])
    assert me.get(url).status_code == 200
    me.post(url, {"show_on_profile": "on"})
    assert Volunteer.objects.get(pk=people["resident"].pk).show_on_profile
    r = login(people["neighbour"]).get(url)
    assert r.status_code == 200 and "data:image/svg+xml" in r.content.decode()


def test_shift_list_queries_do_not_grow(
    login, people, tree, make_shift, django_assert_max_num_queries
):
    for n in range(2):
        actions.signup_create(shift=make_shift(days=1 + n), person=people["resident"])
    c = login(people["resident"])
    url = f"/volunteers/n/{tree.neighborhood.slug}/"
    with CaptureQueriesContext(connection) as small:
        c.get(url)
    measured = len(small.captured_queries)
    for n in range(25):
        shift = make_shift(days=3 + n)
        actions.signup_create(
            shift=shift, person=people["resident"] if n % 2 else people["neighbour"]
        )
    extra = [make_person(f"v{n}", tree.buildings[1].homes[n % 4]) for n in range(12)]
    for n, p in enumerate(extra):
        actions.consent_set(person=p, show=True)
        Volunteer.objects.filter(pk=p.pk).update(hours_total=n + 1)
    with django_assert_max_num_queries(measured + 0):
        assert c.get(url).status_code == 200


def test_api_signup_errors_are_4xx_with_detail(login, people, make_shift):
    shift = make_shift(places=1)
    c = login(people["resident"])
    r = c.post(f"/api/v1/volunteers/shifts/{shift.pk}/signups", content_type="application/json")
    assert r.status_code == 201
    r = c.post(f"/api/v1/volunteers/shifts/{shift.pk}/signups", content_type="application/json")
    assert r.status_code in (400, 409, 422) and "detail" in r.json()
    r = login(people["neighbour"]).post(
        f"/api/v1/volunteers/shifts/{shift.pk}/signups", content_type="application/json"
    )
    assert r.status_code in (400, 409, 422) and "detail" in r.json()
    assert (
        login(people["other_staff"])
        .post(f"/api/v1/volunteers/shifts/{shift.pk}/signups", content_type="application/json")
        .status_code
        == 403
    )
    assert Shift.objects.get(pk=shift.pk).taken == 1
    c = login(people["resident"])
    r = c.get(f"/api/v1/volunteers/n/{shift.neighborhood.slug}/shifts")
    assert r.status_code == 200 and r.json()["items"][0]["taken"] == 1
    assert (
        c.post(
            "/api/v1/volunteers/shifts/999999999/signups", content_type="application/json"
        ).status_code
        == 404
    )


def test_api_publish_validates(login, people, tree):
    c = login(people["staff"])
    start = timezone.now() + timedelta(days=1)
    body = {
        "title": "值守",
        "place": "北门",
        "starts_at": start.isoformat(),
        "ends_at": (start - timedelta(hours=1)).isoformat(),
        "places": 2,
    }
    r = c.post(
        f"/api/v1/volunteers/n/{tree.neighborhood.slug}/shifts",
        body,
        content_type="application/json",
    )
    assert r.status_code in (400, 422) and "detail" in r.json() and not Shift.objects.exists()
    body["ends_at"] = (start + timedelta(hours=1)).isoformat()
    assert (
        c.post(
            f"/api/v1/volunteers/n/{tree.neighborhood.slug}/shifts",
            body,
            content_type="application/json",
        ).status_code
        == 201
    )


def test_volunteer_hours_tag_for_a_profile(people):
    from django.template import Context, Template

    actions.consent_set(person=people["resident"], show=True)
    html = Template("{% load volunteers %}{% volunteer_hours person %}").render(
        Context({"person": people["resident"]})
    )
    assert f"/volunteers/people/{people['resident'].pk}/" in html
