"""Real concurrency on PostgreSQL: a mass reminder pressed on two nodes at once reminds once."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from linli.community.models import Household, Resident, Role
from linli.community.testing import make_tree
from linli.consult import actions as consult
from linli.notify import actions
from linli.notify.models import Digest, EmailDelivery, Notification

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency is tested on PostgreSQL (DATABASE_URL=postgres://…)")


def _together(n, target):
    barrier, results, errors = threading.Barrier(n), [], []

    def work():
        try:
            barrier.wait()
            results.append(target())
        except Exception as error:  # collected below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    return results


def test_two_staff_pressing_remind_at_once_remind_each_resident_once():
    tree = make_tree("rush", buildings=2, per_building=20)
    now = timezone.now()
    homes = list(Household.objects.filter(neighborhood=tree.neighborhood))
    Resident.objects.bulk_create(
        [
            Resident(username=f"r{h.pk}", household=h, verified_at=now, email=f"r{h.pk}@x.org")
            for h in homes
        ]
    )
    staff = [Resident.objects.create(username=f"rushstaff{i}") for i in range(2)]
    for s in staff:
        Role.objects.create(
            person=s, kind=Role.Kind.COMMITTEE_STAFF, neighborhood=tree.neighborhood
        )
    c = consult.consultation_create(
        neighborhood=tree.neighborhood,
        actor=staff[0],
        title="需求",
        opens_at=now + timedelta(hours=1),  # questions are added before answering opens
        closes_at=now + timedelta(days=1),
    )
    consult.question_add(consultation=c, actor=staff[0], kind="rating", text="满意度")
    type(c).objects.filter(pk=c.pk).update(opens_at=now - timedelta(hours=1))
    c.refresh_from_db()
    actor = iter(staff * 2)
    lock = threading.Lock()

    def press():
        with lock:
            who = next(actor)
        return consult.consultation_remind(consultation=c, actor=who)

    results = _together(4, press)
    reminded = list(
        Notification.objects.filter(kind="consult.reminder").values_list("recipient_id", flat=True)
    )
    assert len(reminded) == len(set(reminded)) == sum(results) == len(homes)
    assert EmailDelivery.objects.count() == len(homes)


def test_digests_built_on_two_nodes_at_once_send_once():
    tree = make_tree("digest", buildings=1, per_building=30)
    people = Resident.objects.bulk_create(
        [
            Resident(username=f"d{h.pk}", household=h, email=f"d{h.pk}@x.org")
            for h in Household.objects.filter(neighborhood=tree.neighborhood)
        ]
    )
    for p in people:
        actions.preferences_set(person=p, choices={"community.verified": "digest"})
    actions.notify(recipients=people, kind="community.verified", params={"household": "x"})
    _together(3, actions.digests_build)
    assert Digest.objects.count() == len(people)
    assert EmailDelivery.objects.filter(digest__isnull=False).count() == len(people)
