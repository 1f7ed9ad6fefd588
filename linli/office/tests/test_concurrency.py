"""Real concurrency on PostgreSQL: me-too counts, slots, transitions."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from linli.core.testing import race
from linli.office import actions
from linli.office.actions.reception import slot_starts
from linli.office.models import MonthStat, Occurrence, ReceptionSlot, Request, RequestFollower

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency is tested on PostgreSQL (DATABASE_URL=postgres://…)")


def test_me_too_from_many_at_once_counts_each_once(people, submit):
    r = submit(public=True)
    who = [
        people[k]
        for k in ("neighbour", "far_resident", "leader", "housemate", "secretary", "staff")
    ] * 2
    results = race(len(who), lambda i: actions.request_follow(request=r, person=who[i]))
    assert not [x for x in results if isinstance(x, Exception)], results
    assert sum(results) == 6
    assert (
        Request.objects.get(pk=r.pk).follower_count
        == RequestFollower.objects.filter(request=r).count()
        == 6
    )


def test_two_residents_take_one_slot_at_once_get_one_and_a_clear_refusal(people, next_day):
    start = slot_starts(next_day)[0]
    who = [people["resident"], people["far_resident"]]
    results = race(
        2,
        lambda i: actions.slot_book(
            occurrence=next_day, person=who[i], starts_at=start, subject=f"s{i}"
        ),
    )
    assert sum(isinstance(x, ReceptionSlot) for x in results) == 1, results
    [refusal] = [x for x in results if isinstance(x, ValidationError)]
    assert refusal.code == "taken"
    assert Occurrence.objects.get(pk=next_day.pk).slot_count == 1


def test_parallel_submissions_and_resolutions_lose_no_count(people, tree, categories):
    who = [
        people[k]
        for k in (
            "resident",
            "far_resident",
            "neighbour",
            "housemate",
            "leader",
            "owners",
            "staff",
            "secretary",
        )
    ]
    results = race(
        8,
        lambda i: actions.request_submit(
            reporter=who[i],
            neighborhood=tree.neighborhood,
            category=categories["lift"],
            description=f"电梯问题第{i}号",
        ),
    )
    assert all(isinstance(x, Request) for x in results), results
    assert MonthStat.objects.get(party="property_manager").submitted == 8
    for r in results:
        actions.request_transition(request=r, actor=people["property"], to="accepted")
    out = race(
        8,
        lambda i: actions.request_transition(
            request=results[i], actor=people["property"], to="resolved"
        ),
    )
    assert all(isinstance(x, Request) for x in out), out
    stat = MonthStat.objects.get(party="property_manager")
    assert stat.resolved == 8 and sum(stat.resolve_hours.values()) == 8


def test_the_same_transition_twice_at_once_happens_once(people, submit):
    r = submit()
    results = race(
        2, lambda i: actions.request_transition(request=r, actor=people["property"], to="accepted")
    )
    assert sum(isinstance(x, Request) for x in results) == 1, results
    assert MonthStat.objects.get(party="property_manager").accepted == 1
