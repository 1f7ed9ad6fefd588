"""Households pressing "support" at once (PostgreSQL, real threads): one support per household,
counters equal to the rows, and the move onto the agenda happens exactly once."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from linli.community.actions import counters_refresh
from linli.community.testing import make_person, make_tree
from linli.core.testing import race
from linli.notify.models import Notification
from linli.proposals import actions
from linli.proposals.models import Proposal, Support

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency is tested on PostgreSQL (DATABASE_URL=postgres://…)")


def test_eight_residents_of_one_household_at_once_give_one_support():
    tree = make_tree("propsame", buildings=1, per_building=4)
    counters_refresh(neighborhood=tree.neighborhood)
    home = tree.buildings[0].homes[0]
    people = [make_person(f"propsame{i}", home) for i in range(8)]
    p = actions.proposal_create(
        neighborhood=tree.neighborhood, author=people[0], title="加装座椅", body="理由"
    )
    results = race(8, lambda i: actions.support_add(proposal=p, person=people[i]))
    won = [r for r in results if isinstance(r, Support)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(won) == 1 and len(refused) == 7, results
    assert all(r.code == "duplicate" for r in refused)
    assert Proposal.objects.get(pk=p.pk).support_count == 1 == Support.objects.count()


def test_forty_households_at_once_are_all_counted_and_reach_the_agenda_once():
    tree = make_tree("propmany", buildings=4, per_building=10)
    counters_refresh(neighborhood=tree.neighborhood)
    people = [
        make_person(f"propmany{b}{h}", tree.buildings[b].homes[h])
        for b in range(4)
        for h in range(10)
    ]
    # 10 % of 40 households: the 4th support passes the threshold.
    p = actions.proposal_create(
        neighborhood=tree.neighborhood, author=people[0], title="楼道灯", body="理由"
    )
    from linli.proposals.models import ProposalRule

    ProposalRule.objects.create(neighborhood=tree.neighborhood, share_percent=10)
    Proposal.objects.filter(pk=p.pk).update(needed_supports=4, needed_buildings=0)
    results = race(40, lambda i: actions.support_add(proposal=p, person=people[i]))
    assert all(isinstance(r, Support) for r in results), results
    p.refresh_from_db()
    assert p.support_count == 40 == Support.objects.filter(proposal=p).count()
    assert p.status == "agenda" and p.reached_at is not None
    # The author is told once that the proposal reached the agenda.
    assert Notification.objects.filter(kind="proposals.on_agenda", recipient=people[0]).count() == 1
