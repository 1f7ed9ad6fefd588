"""Twelve neighbours taking a stance at once, each twice (PostgreSQL, real threads): one stance
each, and the four counters equal to the stances."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from linli.community.actions import counters_refresh
from linli.community.testing import make_person, make_tree
from linli.core.testing import race
from linli.forum import actions
from linli.forum.models import QuickProposal, Stance

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency is tested on PostgreSQL (DATABASE_URL=postgres://…)")


def test_stances_at_once_are_each_counted_once():
    tree = make_tree("quickrace", buildings=1, per_building=12)
    counters_refresh(neighborhood=tree.neighborhood)
    people = [make_person(f"quickrace{i}", tree.buildings[0].homes[i]) for i in range(12)]
    topic = actions.topic_create(
        author=people[0], neighborhood=tree.neighborhood, title="周末清理楼道", body="大家看看"
    )
    quick = actions.quick_proposal_start(
        topic=topic,
        author=people[0],
        statement="周六上午九点",
        closes_at=timezone.now() + timedelta(days=1),
    )
    positions = ["agree", "abstain", "disagree", "block"]
    results = race(
        24,
        lambda i: actions.stance_set(
            proposal=quick, person=people[i % 12], position=positions[i % 4], reason=f"理由{i}"
        ),
    )
    assert all(isinstance(r, Stance) for r in results), results
    q = QuickProposal.objects.get(pk=quick.pk)
    assert Stance.objects.filter(proposal=q).count() == 12 == q.stance_count
    for position in positions:
        assert (
            getattr(q, f"{position}_count")
            == Stance.objects.filter(proposal=q, position=position).count()
        )
