"""The forum generator writes the replies it announces (the bench's large-scale figures rest on it)."""

import random

import pytest

from linli.forum import demo
from linli.forum.models import Reply, Topic


def test_the_reply_split_adds_up_to_exactly_what_was_asked():
    rng = random.Random(5)
    weights = [rng.paretovariate(1.2) for _ in range(8_000)]
    counts = demo.split_replies(100_000, weights)
    assert sum(counts) == 100_000
    assert max(counts) <= demo.REPLY_CAP
    # a long tail, not a third of it: most topics get some replies
    assert sum(1 for c in counts if c) > 4_000


def test_a_capped_topic_passes_its_share_to_the_others():
    counts = demo.split_replies(50, [1000, 1, 1], cap=20)
    assert counts[0] == 20 and sum(counts) == 50 and max(counts) <= 20


def test_the_big_topic_is_counted_within_the_total():
    counts = demo.split_replies(1_000, [1.0] * 10, first=500)
    assert counts[0] == 500 and sum(counts) == 1_000


def test_the_split_stops_only_when_every_topic_is_full():
    assert demo.split_replies(100, [1, 2], cap=10) == [10, 10]


@pytest.mark.django_db
def test_generate_writes_every_announced_reply(tree, people):
    demo.generate(neighborhood=tree.neighborhood, topics=40, replies=700, seed=3)
    assert Topic.objects.filter(neighborhood=tree.neighborhood).count() == 40
    assert Reply.objects.filter(neighborhood=tree.neighborhood).count() == 700
    assert sum(Topic.objects.values_list("reply_count", flat=True)) == 700
