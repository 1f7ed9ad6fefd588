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
        options=["甲", "乙", "丙", "丁"],
    )
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


def _online_races_paper(reason):
    """For each of 12 households, its resident votes online while committee staff enter a paper
    ballot for it at the same moment; returns the decision and what each race gave."""
    from linli.core.testing import race

    tree, d = _street(buildings=2, per_building=6)
    staff = Resident.objects.get(username="racestaff")
    opts = list(Option.objects.filter(decision=d).order_by("position").values_list("id", flat=True))
    outcomes = []
    for voter in Resident.objects.filter(username__startswith="v").select_related("household"):
        home = voter.household

        def cast(i, voter=voter, home=home):
            if i == 0:
                return actions.ballot_cast(decision=d, actor=voter, option_ids=[opts[0]])
            return actions.ballot_cast(
                decision=d,
                actor=staff,
                household=home,
                channel="paper",
                option_ids=[opts[1]],
                replace_reason=reason,
            )

        outcomes.append((home, race(2, cast)))
    return d, outcomes


def _assert_one_ballot_each_and_every_replacement_audited_and_told(d, outcomes):
    from linli.audit.models import AuditEntry
    from linli.notify.models import Notification

    assert Ballot.objects.filter(decision=d).count() == len(outcomes)
    assert Decision.objects.with_counts().get(pk=d.pk).ballot_count == len(outcomes)
    assert BallotChoice.objects.filter(decision=d).count() == len(outcomes)
    for home, (online, paper) in outcomes:
        assert isinstance(online, Ballot), online  # a household's own online ballot always counts
        ballot = Ballot.objects.get(decision=d, household=home)
        audits = AuditEntry.objects.filter(action="decide.ballot_replace", target_id=str(ballot.pk))
        assert audits.count() == ballot.replaced
        told = Notification.objects.filter(kind="decide.ballot_replaced", recipient__household=home)
        # The members other than whoever replaced it are told, once per replacement.
        assert told.count() == ballot.replaced * (1 if ballot.channel == "online" else 2)
        if isinstance(paper, Exception):
            assert isinstance(paper, actions.BallotExists), paper
            assert (ballot.channel, ballot.replaced) == ("online", 0)
    return [ballot.channel for ballot in Ballot.objects.filter(decision=d)]


def test_an_online_ballot_racing_a_paper_ballot_leaves_one_ballot_and_never_replaces_silently():
    d, outcomes = _online_races_paper(reason="")
    _assert_one_ballot_each_and_every_replacement_audited_and_told(d, outcomes)
    # Without a reason a paper ballot never replaces: it is refused, or it came first and the
    # household's online ballot replaced it (audited, told).
    assert not Ballot.objects.filter(decision=d, channel="paper", replaced__gt=0).exists()


def test_staff_replacing_with_a_reason_while_the_household_votes_leaves_one_audited_ballot():
    d, outcomes = _online_races_paper(reason="户主书面要求以纸质选票为准")
    _assert_one_ballot_each_and_every_replacement_audited_and_told(d, outcomes)
    for _home, (_online, paper) in outcomes:
        assert isinstance(paper, Ballot), paper  # with a reason both succeed, one after the other
    assert not Ballot.objects.filter(decision=d, replaced=0).exists()
