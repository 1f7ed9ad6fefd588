"""Real concurrency on PostgreSQL: 2,000 household ballots cast at once; housemates racing."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from linli.community.models import Household, Resident, Role
from linli.community.testing import make_tree
from linli.decide import actions, tally
from linli.decide.models import Ballot, BallotChoice, BuildingTally, Decision, Option

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency is tested on PostgreSQL (DATABASE_URL=postgres://…)")


def _run(workers, jobs, target):
    """Run target(job) for every job on `workers` threads started together; returns errors."""
    barrier = threading.Barrier(workers)
    errors = []
    chunks = [jobs[i::workers] for i in range(workers)]

    def work(chunk):
        try:
            barrier.wait()
            for job in chunk:
                try:
                    target(job)
                except Exception as error:  # collected and asserted by the caller
                    errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(chunk,)) for chunk in chunks]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    return errors


def _street(buildings, per_building):
    tree = make_tree("race", buildings=buildings, per_building=per_building)
    now = timezone.now()
    homes = list(Household.objects.filter(neighborhood=tree.neighborhood).order_by("pk"))
    Resident.objects.bulk_create(
        [Resident(username=f"v{h.pk}", household=h, verified_at=now) for h in homes]
        + [Resident(username=f"w{h.pk}", household=h, verified_at=now) for h in homes]
    )
    staff = Resident.objects.create(username="racestaff")
    Role.objects.create(person=staff, kind=Role.Kind.SECRETARY, neighborhood=tree.neighborhood)
    d = actions.decision_create(
        neighborhood=tree.neighborhood,
        actor=staff,
        title="选址",
        method="ranked",
        voting_opens_at=now + timedelta(days=1),
        voting_closes_at=now + timedelta(days=2),
    )
    for title in ("甲", "乙", "丙", "丁"):
        actions.option_add(decision=d, actor=staff, title=title)
    Decision.objects.filter(pk=d.pk).update(voting_opens_at=now - timedelta(hours=1))
    d.refresh_from_db()
    return tree, d


def test_two_thousand_household_ballots_at_once_lose_nothing_and_count_nothing_twice():
    tree, d = _street(buildings=20, per_building=100)
    options = list(
        Option.objects.filter(decision=d).order_by("position").values_list("id", flat=True)
    )
    voters = list(Resident.objects.filter(username__startswith="v").order_by("pk"))
    housemates = {p.household_id: p for p in Resident.objects.filter(username__startswith="w")}
    assert len(voters) == 2000

    def cast(person):
        i = person.pk
        ranking = [options[i % 4], options[(i + 1) % 4]]
        actions.ballot_cast(decision=d, actor=person, option_ids=ranking)

    # Every household votes once; 200 of them also get a housemate's racing ballot (which replaces it).
    jobs = voters + [housemates[p.household_id] for p in voters[:200]]
    errors = _run(16, jobs, cast)
    assert errors == []
    d = Decision.objects.with_counts().get(pk=d.pk)
    assert Ballot.objects.filter(decision=d).count() == 2000
    assert d.ballot_count == 2000
    assert sum(BuildingTally.objects.filter(decision=d).values_list("voted", flat=True)) == 2000
    assert BallotChoice.objects.filter(decision=d).count() == 4000
    first = tally.count(d)
    assert sum(first["rounds"][0]["counts"].values()) == 2000
    assert tally.count(d) == first  # a recount gives the same numbers


def test_housemates_racing_leave_one_ballot():
    tree, d = _street(buildings=1, per_building=1)
    home = Household.objects.get(neighborhood=tree.neighborhood)
    people = list(Resident.objects.filter(household=home))
    opt = Option.objects.filter(decision=d).values_list("id", flat=True)[0]
    for _round in range(5):
        errors = _run(
            2, people, lambda p: actions.ballot_cast(decision=d, actor=p, option_ids=[opt])
        )
        assert errors == []
    assert Ballot.objects.filter(decision=d).count() == 1
    assert Decision.objects.with_counts().get(pk=d.pk).ballot_count == 1
    assert BallotChoice.objects.filter(decision=d).count() == 1
    assert Ballot.objects.get(decision=d).replaced == 9
