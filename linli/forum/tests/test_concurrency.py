"""Real concurrency on PostgreSQL: replies, supports and reports racing on one topic."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from linli.community.models import Resident
from linli.community.testing import make_person, make_tree
from linli.core.testing import race
from linli.forum import actions
from linli.forum.models import Reply, Support, Topic
from linli.moderation import actions as moderation
from linli.moderation.models import Case, Report
from linli.stats.models import Standing

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency is tested on PostgreSQL (DATABASE_URL=postgres://…)")


@pytest.fixture
def crowd():
    tree = make_tree("race", buildings=2, per_building=10)
    homes = [h for b in tree.buildings for h in b.homes]
    people = [make_person(f"p{i}", homes[i]) for i in range(20)]
    topic = actions.topic_create(
        author=people[0], neighborhood=tree.neighborhood, title="并发测试", body="大家一起来"
    )
    return tree, people, topic


def test_twenty_people_replying_at_once_count_twenty(crowd):
    _tree, people, topic = crowd
    results = race(
        20,
        lambda i: actions.reply_create(
            author=Resident.objects.get(pk=people[i].pk),
            topic=Topic.objects.get(pk=topic.pk),
            body=f"回复 {i}",
        ),
    )
    assert all(isinstance(r, Reply) for r in results), results
    topic.refresh_from_db()
    assert topic.reply_count == Reply.objects.filter(topic=topic).count() == 20


def test_supports_at_once_count_each_person_once(crowd):
    _tree, people, topic = crowd
    # 19 others support; the first five twice each, at the same moment.
    who = [people[1 + i % 19] for i in range(19)] + [people[1 + i] for i in range(5)]
    results = race(
        len(who),
        lambda i: actions.support_add(
            person=Resident.objects.get(pk=who[i].pk), topic=Topic.objects.get(pk=topic.pk)
        ),
    )
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(refused) == 5, results
    topic.refresh_from_db()
    assert (
        topic.support_count == Support.objects.filter(target="t", target_id=topic.pk).count() == 19
    )
    assert Standing.objects.get(person=people[0]).points == actions.POINTS["forum.topic"] + 19


def test_reports_at_once_hide_once_and_count_every_report(crowd):
    _tree, people, topic = crowd
    results = race(
        10,
        lambda i: moderation.report_create(
            reporter=Resident.objects.get(pk=people[i + 1].pk),
            target=Topic.objects.get(pk=topic.pk),
            reason="spam",
        ),
    )
    assert all(isinstance(r, Report) for r in results), results
    case = Case.objects.get()
    assert case.report_count == Report.objects.count() == 10 and case.hidden
    topic.refresh_from_db()
    assert topic.hidden
