"""Real concurrency on PostgreSQL: housemates answering at once are counted once per household."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from linli.community.models import Household, Resident, Role
from linli.community.testing import make_tree
from linli.consult import actions
from linli.consult.models import BuildingTally, Consultation, Response
from linli.stats.models import PointsEntry

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency is tested on PostgreSQL (DATABASE_URL=postgres://…)")


def test_housemates_answering_together_count_each_person_and_each_household_once():
    tree = make_tree("crowd", buildings=2, per_building=50)
    now = timezone.now()
    homes = list(Household.objects.filter(neighborhood=tree.neighborhood))
    Resident.objects.bulk_create(
        [
            Resident(username=f"{p}{h.pk}", household=h, verified_at=now)
            for h in homes
            for p in "abc"
        ]
    )
    staff = Resident.objects.create(username="crowdstaff")
    Role.objects.create(
        person=staff, kind=Role.Kind.COMMITTEE_STAFF, neighborhood=tree.neighborhood
    )
    c = actions.consultation_create(
        neighborhood=tree.neighborhood,
        actor=staff,
        title="需求",
        per="resident",
        opens_at=now + timedelta(hours=1),  # questions are added before answering opens
        closes_at=now + timedelta(days=1),
    )
    q = actions.question_add(consultation=c, actor=staff, kind="rating", text="满意度")
    Consultation.objects.filter(pk=c.pk).update(opens_at=now - timedelta(hours=1))
    c.refresh_from_db()
    people = list(
        Resident.objects.filter(household__neighborhood=tree.neighborhood).order_by(
            "household_id", "username"
        )
    )
    barrier, errors = threading.Barrier(12), []
    chunks = [people[i::12] for i in range(12)]

    def work(chunk):
        try:
            barrier.wait()
            for person in chunk:
                try:
                    actions.response_submit(consultation=c, actor=person, answers={q.pk: "4"})
                    actions.response_submit(
                        consultation=c, actor=person, answers={q.pk: "5"}
                    )  # a change counts nothing
                except Exception as error:  # collected below
                    errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(chunk,)) for chunk in chunks]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert errors == []
    assert Response.objects.filter(consultation=c).count() == 300
    assert Consultation.objects.get(pk=c.pk).response_count == 300
    tallies = BuildingTally.objects.filter(consultation=c)
    assert sum(t.residents_heard for t in tallies) == 300
    assert sum(t.households_heard for t in tallies) == 100
    assert PointsEntry.objects.filter(reason="consult.answer").count() == 300
