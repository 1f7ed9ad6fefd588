"""Rows kept by the version of what they show: a changed value is a new key, never a stale row."""

from types import SimpleNamespace

import pytest
from django.core.cache import caches
from django.utils import translation

from linli.core import fragments
from linli.forum import actions as forum
from linli.forum.models import Topic


@pytest.fixture(autouse=True)
def _empty():
    caches["fragments"].clear()


def _rows(items):
    return fragments.render_each(
        "forum/author.html",
        items,
        version=lambda p: (p.author.public_name, p.pk),
        as_name="post",
    )


def _post(pk, name):
    return SimpleNamespace(
        pk=pk,
        author=SimpleNamespace(public_name=name),
        author_level=None,
        author_building="",
        is_talent=False,
    )


@translation.override("zh-hans")
def test_a_row_is_rendered_once_per_version_and_language():
    first = [_post(1, "老王"), _post(2, "小李")]
    assert _rows(first) == 2
    assert "老王" in first[0].row_html
    again = [_post(1, "老王"), _post(2, "小李")]
    assert _rows(again) == 0 and again[0].row_html == first[0].row_html
    renamed = [_post(1, "王老师")]
    assert _rows(renamed) == 1 and "王老师" in renamed[0].row_html
    with translation.override("en"):
        assert _rows([_post(1, "王老师")]) == 1


def test_the_forum_list_shows_a_topic_changed_since_its_row_was_kept(client, people, tree, login):
    topic = forum.topic_create(
        author=people["staff"], neighborhood=tree.neighborhood, title="电梯维修通知", body="x"
    )
    login(people["resident"])
    assert "电梯维修通知" in client.get("/forum/n/nb/").content.decode()
    Topic.objects.filter(pk=topic.pk).update(title="电梯已修好")
    page = client.get("/forum/n/nb/").content.decode()
    assert "电梯已修好" in page and "电梯维修通知" not in page
    Topic.objects.filter(pk=topic.pk).update(reply_count=42)
    assert "42" in client.get("/forum/n/nb/").content.decode()


def test_urls_made_once_per_list_are_the_routes_own():
    from django.urls import reverse

    support = fragments.url_maker("forum:reply-support")
    report = fragments.url_maker("forum:report", "r")
    assert support(42) == reverse("forum:reply-support", args=[42])
    assert report(7) == reverse("forum:report", args=["r", 7])
