"""Search: jieba segmentation, ranking, highlighting, filters; the same on SQLite and PostgreSQL."""

from datetime import timedelta

import pytest
from django.utils import timezone

from linli.forum import actions
from linli.forum import search as engine
from linli.forum.models import SearchEntry
from linli.forum.text import query_terms, tokens


def test_jieba_splits_chinese_and_keeps_english_words():
    words = tokens("垃圾分类房 Waste-sorting room")
    assert "垃圾" in words and "分类" in words and "waste" in words and "room" in words


@pytest.fixture
def corpus(people, tree):
    nb = tree.neighborhood
    a = actions.topic_create(
        author=people["staff"],
        neighborhood=nb,
        title="新建垃圾分类房选址",
        body="请大家讨论垃圾房放在哪里",
        circle_names=["垃圾分类"],
    )
    b = actions.topic_create(
        author=people["resident"],
        neighborhood=nb,
        title="电梯维修",
        body="电梯旁边的垃圾桶太臭",
        circle_names=["物业"],
    )
    c = actions.topic_create(
        author=people["neighbour"],
        neighborhood=nb,
        title="Lost cat",
        body="A grey cat near building 2",
        circle_names=["pets"],
    )
    r = actions.reply_create(
        author=people["far_resident"], topic=a, body="我是规划师，建议垃圾分类房放在北门停车场旁"
    )
    hidden = actions.topic_create(
        author=people["leader"],
        neighborhood=nb,
        title="内部垃圾名单",
        body="居民区内部",
        visibility="residents",
    )
    return {"a": a, "b": b, "c": c, "r": r, "hidden": hidden}


def _ids(hits):
    return [(h.entry.topic_id, h.entry.reply_id) for h in hits]


def test_search_ranks_title_hits_first_and_highlights(corpus, tree):
    hits, more = engine.search(neighborhood=tree.neighborhood, query="垃圾分类")
    ids = _ids(hits)
    assert ids[0] == (corpus["a"].pk, None)  # title and body match
    assert (corpus["a"].pk, corpus["r"].pk) in ids
    assert (corpus["hidden"].pk, None) not in ids  # residents-only: not for the public
    assert "<mark>" in str(hits[0].snippet) and not more


def test_search_english_and_filters(corpus, tree):
    hits, _ = engine.search(neighborhood=tree.neighborhood, query="grey CAT")
    assert _ids(hits) == [(corpus["c"].pk, None)]
    circle = corpus["b"].circles.get()
    hits, _ = engine.search(neighborhood=tree.neighborhood, query="垃圾", circle_id=circle.pk)
    assert _ids(hits) == [(corpus["b"].pk, None)]
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert engine.search(neighborhood=tree.neighborhood, query="垃圾", since=tomorrow)[0] == []
    hits, _ = engine.search(neighborhood=tree.neighborhood, query="垃圾", public_only=False)
    assert (corpus["hidden"].pk, None) in _ids(hits)


def test_search_escapes_user_text(people, tree):
    actions.topic_create(
        author=people["resident"],
        neighborhood=tree.neighborhood,
        title="a & b 垃圾",
        body="x < y 垃圾 **bold**",
    )
    [hit], _ = engine.search(neighborhood=tree.neighborhood, query="垃圾")
    assert "&lt;" in str(hit.snippet) and "<y" not in str(hit.snippet)


def test_search_skips_hidden_posts(corpus, tree):
    from linli.forum.models import Reply

    actions.post_set_hidden(Reply, corpus["r"].pk, True)
    hits, _ = engine.search(neighborhood=tree.neighborhood, query="规划师")
    assert hits == []


def test_query_with_only_punctuation_finds_nothing(corpus, tree):
    assert query_terms("\"'* OR ()") == ["or"]
    assert engine.search(neighborhood=tree.neighborhood, query="！？。")[0] == []


EXPECTED = {
    # query → the (topic key, reply key) results, best first, identical on both databases
    "垃圾分类": [("a", None), ("a", "r")],
    "电梯": [("b", None)],
    "cat": [("c", None)],
    "规划师 北门": [("a", "r")],
}


@pytest.mark.parametrize("query", sorted(EXPECTED))
def test_same_results_on_every_database(corpus, tree, query):
    """Run on SQLite and with DATABASE_URL=postgres://… : the expected lists are the same."""
    topics = {v.pk: k for k, v in corpus.items() if k != "r"}
    hits, _ = engine.search(neighborhood=tree.neighborhood, query=query)
    got = [
        (topics[h.entry.topic_id], "r" if h.entry.reply_id == corpus["r"].pk else h.entry.reply_id)
        for h in hits
    ]
    assert got == EXPECTED[query]
    assert SearchEntry.objects.count() == 5  # four topics, one reply


def test_a_neighborhood_still_finds_its_posts_when_another_has_thousands_of_newer_matches(
    people, tree, other_tree
):
    from linli.forum.models import Reply

    mine = actions.topic_create(
        author=people["resident"], neighborhood=tree.neighborhood, title="加装电梯", body="电梯"
    )
    theirs = actions.topic_create(
        author=people["other_staff"],
        neighborhood=other_tree.neighborhood,
        title="电梯保养",
        body="电梯",
    )
    now = timezone.now()
    replies = Reply.objects.bulk_create(
        Reply(
            topic=theirs,
            neighborhood=other_tree.neighborhood,
            author=people["other_staff"],
            body="电梯",
            created_at=now,
        )
        for _ in range(engine.RANK_WINDOW)
    )
    SearchEntry.objects.bulk_create(
        (
            SearchEntry(
                topic=theirs,
                reply=r,
                neighborhood=other_tree.neighborhood,
                created_at=now,
                body_tokens="电梯",
            )
            for r in replies
        ),
        batch_size=500,
    )
    hits, _ = engine.search(neighborhood=tree.neighborhood, query="电梯")
    assert _ids(hits) == [(mine.pk, None)]
