"""Real concurrency on PostgreSQL: merges and “me too” at the same moment count each person
once, and one request is merged once."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from linli.core.testing import race
from linli.office import actions
from linli.office.actions.merge import request_merge
from linli.office.models import Request, RequestFollower

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency is tested on PostgreSQL (DATABASE_URL=postgres://…)")


def _count_matches(request):
    row = Request.objects.get(pk=request.pk)
    return row.follower_count == RequestFollower.objects.filter(request=request).count()


def test_me_too_on_the_duplicate_while_it_is_merged_lands_on_the_survivor_once(people, submit):
    survivor = submit("resident", description="7号楼电梯又停了，老人上下楼不方便。")
    duplicate = submit("far_resident", description="电梯停了两天了，没有人来修。")
    fans = ["neighbour", "housemate", "leader", "secretary"]
    actions.request_follow(request=survivor, person=people["neighbour"])

    def act(i):
        if i == 0:
            return request_merge(duplicate=duplicate, survivor=survivor, actor=people["staff"])
        return actions.request_follow(request=duplicate, person=people[fans[i - 1]])

    results = race(len(fans) + 1, act)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert _count_matches(survivor) and _count_matches(duplicate)
    followers = set(
        RequestFollower.objects.filter(request=survivor).values_list("person__username", flat=True)
    )
    assert followers == {"far_resident", *fans}
    assert Request.objects.get(pk=survivor.pk).follower_count == 5
    assert not RequestFollower.objects.filter(request=duplicate).exists()


def test_two_staff_merge_the_same_duplicate_at_once_into_different_requests(people, submit):
    first = submit("resident", description="7号楼电梯又停了，老人上下楼不方便。")
    second = submit("neighbour", description="电梯按钮失灵，按了 18 楼没反应。")
    duplicate = submit("far_resident", description="电梯停了两天了，没有人来修。")
    actions.request_follow(request=duplicate, person=people["housemate"])
    targets = [first, second, first, second]
    results = race(
        4,
        lambda i: request_merge(
            duplicate=duplicate,
            survivor=targets[i],
            actor=people["staff" if i % 2 else "secretary"],
        ),
    )
    done = [r for r in results if isinstance(r, Request)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(done) == 1 and len(refused) == 3, results
    assert {e.code for e in refused} == {"merged"}
    winner = done[0]
    assert Request.objects.get(pk=duplicate.pk).merged_into_id == winner.pk
    loser = second if winner.pk == first.pk else first
    assert not RequestFollower.objects.filter(request=loser).exists()
    assert _count_matches(first) and _count_matches(second)


def test_crossed_merges_at_once_leave_no_chain_and_no_deadlock(people, submit):
    a = submit("resident", description="7号楼电梯又停了，老人上下楼不方便。")
    b = submit("far_resident", description="电梯停了两天了，没有人来修。")
    pairs = [(a, b), (b, a)]
    results = race(
        2,
        lambda i: request_merge(duplicate=pairs[i][0], survivor=pairs[i][1], actor=people["staff"]),
    )
    assert sum(isinstance(r, Request) for r in results) == 1, results
    assert sum(isinstance(r, ValidationError) for r in results) == 1, results
    merged = Request.objects.filter(pk__in=[a.pk, b.pk], merged_into__isnull=False)
    assert merged.count() == 1
    survivor = Request.objects.get(pk__in=[a.pk, b.pk], merged_into__isnull=True)
    assert survivor.status == "submitted" and _count_matches(survivor)
