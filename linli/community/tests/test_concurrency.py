"""Real concurrency on PostgreSQL: many people racing with one invitation code."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from linli.community import actions
from linli.community.models import InvitationCode, Neighborhood, Resident
from linli.community.testing import make_tree
from linli.core.testing import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency is tested on PostgreSQL (DATABASE_URL=postgres://…)")


def test_one_code_used_by_twenty_people_at_once_verifies_exactly_one():
    tree = make_tree("race", buildings=1, per_building=1)
    home = tree.buildings[0].homes[0]
    staff = Resident.objects.create(username="racestaff")
    code = actions.invitation_generate(households=[home], actor=staff)[0].code

    results = race(
        20,
        lambda i: actions.resident_signup(
            username=f"racer{i}",
            password="a-long-test-password",
            code=code,
            client_ip=f"10.1.0.{i}",
        ),
    )

    winners = [r for r in results if isinstance(r, Resident)]
    losers = [r for r in results if isinstance(r, ValidationError)]
    assert len(winners) == 1 and len(losers) == 19, results
    assert Resident.objects.filter(household=home).count() == 1
    assert Resident.objects.filter(username__startswith="racer").count() == 1
    assert InvitationCode.objects.get(household=home).used_by_id == winners[0].pk


def test_concurrent_sign_ups_in_many_households_count_every_one():
    tree = make_tree("many", buildings=2, per_building=10)
    staff = Resident.objects.create(username="manystaff")
    homes = [h for b in tree.buildings for h in b.homes]
    codes = [c.code for c in actions.invitation_generate(households=homes, actor=staff)]
    actions.counters_refresh(neighborhood=tree.neighborhood)

    results = race(
        20,
        lambda i: actions.resident_signup(
            username=f"many{i}",
            password="a-long-test-password",
            code=codes[i],
            client_ip=f"10.2.0.{i}",
        ),
    )

    assert all(isinstance(r, Resident) for r in results), results
    assert Neighborhood.objects.get(pk=tree.neighborhood.pk).resident_count == 20
    assert (
        sum(
            b.resident_count
            for b in type(tree.buildings[0]).objects.filter(neighborhood=tree.neighborhood)
        )
        == 20
    )
