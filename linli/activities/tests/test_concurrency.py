"""100 residents registering for the last 10 places at once: exactly 10 places, the rest on the waiting list (PostgreSQL)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from linli.activities import actions
from linli.activities.models import Activity, Registration
from linli.community.models import Role
from linli.community.testing import grant, make_person, make_tree
from linli.volunteers.tests.test_concurrency import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency is tested on PostgreSQL (DATABASE_URL=postgres://…)")


def _setup(slug, waiting_list):
    tree = make_tree(slug, buildings=1, per_building=100)
    staff = grant(
        make_person(f"{slug}staff", tree.buildings[0].homes[0]),
        Role.Kind.COMMITTEE_STAFF,
        neighborhood=tree.neighborhood,
    )
    start = timezone.now() + timedelta(days=1)
    activity = actions.activity_publish(
        neighborhood=tree.neighborhood,
        actor=staff,
        title="读书会",
        place="活动室",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        capacity=12,
        waiting_list=waiting_list,
    )
    for i in range(2):
        actions.registration_create(
            activity=activity, person=make_person(f"{slug}early{i}", tree.buildings[0].homes[i])
        )
    people = [make_person(f"{slug}{i}", tree.buildings[0].homes[i]) for i in range(100)]
    return activity, people


def test_hundred_for_the_last_ten_places_without_waiting_list():
    activity, people = _setup("actrace", waiting_list=False)
    results = race(100, lambda i: actions.registration_create(activity=activity, person=people[i]))
    won = [r for r in results if isinstance(r, Registration)]
    assert len(won) == 10 and sum(isinstance(r, ValidationError) for r in results) == 90, results
    a = Activity.objects.get(pk=activity.pk)
    assert (
        a.taken == 12 and Registration.objects.filter(activity=a, status="confirmed").count() == 12
    )


def test_hundred_for_the_last_ten_places_the_rest_wait_in_order():
    activity, people = _setup("actwait", waiting_list=True)
    results = race(100, lambda i: actions.registration_create(activity=activity, person=people[i]))
    assert all(isinstance(r, Registration) for r in results), results
    a = Activity.objects.get(pk=activity.pk)
    assert (a.taken, a.waiting) == (12, 90)
    assert Registration.objects.filter(activity=a, status="confirmed").count() == 12
    assert Registration.objects.filter(activity=a, status="waiting").count() == 90
