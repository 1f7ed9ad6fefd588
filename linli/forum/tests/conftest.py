import pytest

from linli.forum import actions


@pytest.fixture
def topic(people, tree):
    return actions.topic_create(
        author=people["resident"],
        neighborhood=tree.neighborhood,
        title="新垃圾房建在哪里？",
        body="大家说说 #垃圾分类# 房的位置",
        circle_names=["设计"],
    )


@pytest.fixture
def residents_topic(people, tree):
    return actions.topic_create(
        author=people["staff"],
        neighborhood=tree.neighborhood,
        title="内部通知",
        body="只给本小区居民看",
        visibility="residents",
    )


@pytest.fixture(autouse=True)
def _fresh_reads(monkeypatch):
    """Reads collected in this process belong to one test's database."""
    from linli.forum import reads

    reads._pending.clear()
    monkeypatch.setattr(reads, "FLUSH_SECONDS", 3600)
    yield
    reads._pending.clear()
