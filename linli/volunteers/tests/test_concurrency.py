"""100 residents signing up for the last 10 places at once get exactly 10 (PostgreSQL)."""

import random
import threading
import time
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, connections
from django.utils import timezone

from linli.community.models import Role
from linli.community.testing import grant, make_person, make_tree
from linli.volunteers import actions
from linli.volunteers.models import Shift, SignUp

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency is tested on PostgreSQL (DATABASE_URL=postgres://…)")


def _attempt(target, i):
    """Run target(i). The PostgreSQL server is shared (max_connections 100): when it has no
    connection left, the action never reached the database, so wait and try again."""
    for _try in range(200):
        try:
            return target(i)
        except OperationalError as error:
            if "too many clients" not in str(error) and "remaining connection slots" not in str(
                error
            ):
                raise
            connections.close_all()
            time.sleep(0.05 + random.random() / 10)
    return target(i)


def race(n, target):
    barrier = threading.Barrier(n, timeout=60)
    results = [None] * n

    def run(i):
        try:
            barrier.wait()
            results[i] = _attempt(target, i)
        except Exception as error:  # collected and asserted by the caller
            results[i] = error
        finally:
            connections.close_all()

    connections.close_all()  # the test's own connection is not needed while the threads run
    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def test_hundred_residents_for_the_last_ten_places_get_exactly_ten():
    tree = make_tree("volrace", buildings=1, per_building=100)
    staff = grant(
        make_person("volstaff", tree.buildings[0].homes[0]),
        Role.Kind.COMMITTEE_STAFF,
        neighborhood=tree.neighborhood,
    )
    people = [make_person(f"vol{i}", tree.buildings[0].homes[i]) for i in range(100)]
    start = timezone.now() + timedelta(days=1)
    shift = actions.shift_publish(
        neighborhood=tree.neighborhood,
        actor=staff,
        title="值守",
        place="北门",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        places=15,
    )
    for i in range(5):
        actions.signup_create(
            shift=shift, person=make_person(f"early{i}", tree.buildings[0].homes[i])
        )

    results = race(100, lambda i: actions.signup_create(shift=shift, person=people[i]))

    won = [r for r in results if isinstance(r, SignUp)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(won) == 10 and len(refused) == 90, [
        r for r in results if not isinstance(r, (SignUp, ValidationError))
    ]
    assert all(r.code == "full" for r in refused)
    assert Shift.objects.get(pk=shift.pk).taken == 15
    assert SignUp.objects.filter(shift=shift, status="signed").count() == 15


def test_same_person_signing_up_twice_at_once_gets_one_place():
    tree = make_tree("voldouble", buildings=1, per_building=2)
    staff = grant(
        make_person("dstaff", tree.buildings[0].homes[0]),
        Role.Kind.COMMITTEE_STAFF,
        neighborhood=tree.neighborhood,
    )
    me = make_person("twice", tree.buildings[0].homes[1])
    start = timezone.now() + timedelta(days=1)
    shift = actions.shift_publish(
        neighborhood=tree.neighborhood,
        actor=staff,
        title="值守",
        place="北门",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        places=5,
    )

    results = race(8, lambda i: actions.signup_create(shift=shift, person=me))

    assert sum(isinstance(r, SignUp) for r in results) == 1
    assert Shift.objects.get(pk=shift.pk).taken == 1


def test_opposite_swaps_at_once_neither_deadlock_nor_lose_places():
    tree = make_tree("volswap", buildings=1, per_building=40)
    staff = grant(
        make_person("sstaff", tree.buildings[0].homes[0]),
        Role.Kind.COMMITTEE_STAFF,
        neighborhood=tree.neighborhood,
    )
    start = timezone.now() + timedelta(days=1)
    a = actions.shift_publish(
        neighborhood=tree.neighborhood,
        actor=staff,
        title="A",
        place="北门",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        places=40,
    )
    b = actions.shift_publish(
        neighborhood=tree.neighborhood,
        actor=staff,
        title="B",
        place="北门",
        starts_at=start + timedelta(days=1),
        ends_at=start + timedelta(days=1, hours=2),
        places=40,
    )
    people = [make_person(f"sw{i}", tree.buildings[0].homes[i]) for i in range(20)]
    signups = [
        actions.signup_create(shift=a if i % 2 else b, person=p) for i, p in enumerate(people)
    ]

    def swap(i):
        signup = SignUp.objects.select_related("shift").get(pk=signups[i].pk)
        return actions.signup_swap(signup=signup, to_shift=b if i % 2 else a, actor=people[i])

    results = race(20, swap)

    assert all(isinstance(r, SignUp) for r in results), results
    assert Shift.objects.get(pk=a.pk).taken == 10 and Shift.objects.get(pk=b.pk).taken == 10
    assert SignUp.objects.filter(shift=a, status="signed").count() == 10
