"""Pages: who sees what, bad input in forms, and constant query counts."""

import re

import pytest
from django.urls import reverse

from linli.forum import actions, reads
from linli.forum.models import Reply, Topic
from linli.moderation import actions as moderation
from linli.moderation.models import Case


def test_topic_list_and_detail_for_anonymous_show_public_only(client, topic, residents_topic, tree):
    body = client.get(reverse("forum:topic-list", args=[tree.neighborhood.slug])).content.decode()
    assert topic.title in body and residents_topic.title not in body
    assert client.get(topic.get_absolute_url()).status_code == 200
    assert client.get(residents_topic.get_absolute_url()).status_code == 403


@pytest.mark.parametrize(
    "who,status",
    [
        ("resident", 200),
        ("staff", 200),
        ("street_staff", 200),
        ("other_staff", 403),
        ("unverified", 403),
    ],
)
def test_residents_only_topic(login, people, residents_topic, who, status):
    assert login(people[who]).get(residents_topic.get_absolute_url()).status_code == status


def test_name_shows_level_and_building_never_room(login, people, topic):
    body = login(people["far_resident"]).get(topic.get_absolute_url()).content.decode()
    resident = people["resident"]
    assert "Lv1" in body
    assert str(resident.household.building.label) in body
    # Machine-readable timestamps (datetime="…:21.630101+08:00") may contain any digits; the room may not appear anywhere else.
    shown = re.sub(r'datetime="[^"]*"', "", body)
    assert (
        not re.search(rf"(?<!\d){re.escape(resident.household.room)}(?!\d)", shown)
        and "张三" not in body
    )


def test_talent_badge_from_skills_matching_circles(login, people, topic):
    from linli.talent import actions as talent
    from linli.talent.tests.factories import declare

    people["neighbour"].skills = "建筑设计, 规划"
    people["neighbour"].save()
    actions.reply_create(author=people["neighbour"], topic=topic, body="我是设计师，可以画图")
    c = login(people["far_resident"])
    # No talent profile, or one only the committee may see: no badge (the talent pool's consent).
    assert 'class="badge talent"' not in c.get(topic.get_absolute_url()).content.decode()
    declare(people["neighbour"], visibility="committee", tags="建筑设计")
    assert 'class="badge talent"' not in c.get(topic.get_absolute_url()).content.decode()
    declare(people["neighbour"], visibility="residents", tags="建筑设计")
    assert c.get(topic.get_absolute_url()).content.decode().count('class="badge talent"') == 1
    talent.profile_withdraw(person=people["neighbour"])
    assert 'class="badge talent"' not in c.get(topic.get_absolute_url()).content.decode()


def test_post_topic_through_form(login, people, tree):
    client = login(people["resident"])
    response = client.post(
        reverse("forum:topic-create", args=[tree.neighborhood.slug]),
        {
            "title": "电梯维修",
            "body": "几号楼的电梯又坏了",
            "circles": "电梯, 物业",
            "visibility": "public",
        },
    )
    topic = Topic.objects.get()
    assert response.status_code == 302 and response["Location"] == topic.get_absolute_url()
    assert sorted(c.name for c in topic.circles.all()) == ["物业", "电梯"]


def test_bad_topic_form_shows_translated_message_and_changes_nothing(login, people, tree):
    client = login(people["resident"])
    response = client.post(
        reverse("forum:topic-create", args=[tree.neighborhood.slug]),
        {"title": "x", "body": "<script>alert(1)</script>", "visibility": "public"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 422
    assert "HTML" in response.content.decode()
    assert Topic.objects.count() == 0


def test_reply_to_closed_topic_via_form(login, people, topic):
    actions.topic_flag(actor=people["staff"], topic=topic, flag="close", value=True)
    response = login(people["neighbour"]).post(
        reverse("forum:reply-create", args=[topic.pk]), {"body": "hello"}
    )
    assert response.status_code == 422 and Reply.objects.count() == 0


def test_support_twice_via_form_shows_message(login, people, topic):
    client = login(people["neighbour"])
    client.post(reverse("forum:topic-support", args=[topic.pk]))
    response = client.post(reverse("forum:topic-support", args=[topic.pk]), follow=True)
    topic.refresh_from_db()
    assert topic.support_count == 1
    assert "already support" in response.content.decode() or "已经支持" in response.content.decode()


def test_support_with_htmx_returns_the_button(login, people, topic):
    response = login(people["neighbour"]).post(
        reverse("forum:topic-support", args=[topic.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and 'aria-pressed="true"' in response.content.decode()


def test_read_counts_once_per_person_per_day(client, login, people, topic):
    reads.reads_flush()
    for _ in range(3):
        login(people["neighbour"]).get(topic.get_absolute_url())
    login(people["far_resident"]).get(topic.get_absolute_url())
    topic.refresh_from_db()
    assert topic.read_count == 0  # not written on every view
    assert reads.reads_flush() == 2
    topic.refresh_from_db()
    assert topic.read_count == 2


def test_reports_over_threshold_hide_until_staff_review(login, people, topic, settings):
    from linli.moderation import models as moderation_models

    reply = actions.reply_create(author=people["neighbour"], topic=topic, body="广告：便宜装修")
    reporters = [people[w] for w in ("resident", "far_resident", "secretary")]
    for person in reporters[: moderation_models.HIDE_THRESHOLD]:
        moderation.report_create(reporter=person, target=reply, reason="spam")
    reply.refresh_from_db()
    topic.refresh_from_db()
    assert reply.hidden and topic.reply_count == 0
    assert (
        "便宜装修"
        not in login(people["far_resident"]).get(topic.get_absolute_url()).content.decode()
    )
    case = Case.objects.get()
    queue = login(people["staff"]).get(
        reverse("moderation:case-queue", args=[topic.neighborhood.slug])
    )
    assert "便宜装修" in queue.content.decode()
    login(people["staff"]).post(
        reverse("moderation:case-review", args=[case.pk]), {"decision": "approve"}
    )
    reply.refresh_from_db()
    topic.refresh_from_db()
    assert not reply.hidden and topic.reply_count == 1


def test_report_form_refuses_reporting_twice(login, people, topic):
    client = login(people["neighbour"])
    url = reverse("forum:report", args=["t", topic.pk])
    assert client.post(url, {"reason": "spam"}).status_code == 302
    response = client.post(url, {"reason": "spam"})
    assert response.status_code == 422
    assert Case.objects.get().report_count == 1


def test_feeds_and_sitemap_list_public_topics_only(client, topic, residents_topic, tree):
    for name in ("forum:feed-rss", "forum:feed-atom"):
        body = client.get(reverse(name, args=[tree.neighborhood.slug])).content.decode()
        assert topic.title in body and residents_topic.title not in body
    circle = topic.circles.get(name="设计")
    assert (
        topic.title
        in client.get(
            reverse("forum:circle-feed-rss", args=[tree.neighborhood.slug, circle.pk])
        ).content.decode()
    )
    sitemap = client.get("/sitemap.xml").content.decode()
    assert topic.get_absolute_url() in sitemap and residents_topic.get_absolute_url() not in sitemap


def test_open_graph_tags_on_topic(client, topic):
    body = client.get(topic.get_absolute_url()).content.decode()
    assert f'<meta property="og:title" content="{topic.title}">' in body
    assert 'property="og:type" content="article"' in body


def _populate(topic, people, n):
    authors = [
        people[w]
        for w in (
            "neighbour",
            "far_resident",
            "leader",
            "secretary",
            "staff",
            "owners",
            "housemate",
        )
    ]
    for i in range(n):
        actions.reply_create(author=authors[i % len(authors)], topic=topic, body=f"回复 {i} #设计#")


def _topics(people, tree, n):
    for i in range(n):
        actions.topic_create(
            author=people["far_resident"] if i % 2 else people["neighbour"],
            neighborhood=tree.neighborhood,
            title=f"话题 {i}",
            body="内容",
            circle_names=["设计", f"圈{i % 4}"],
        )


@pytest.mark.parametrize("who", ["anonymous", "resident", "staff"])
def test_pages_have_constant_query_counts(
    client, login, people, tree, topic, who, django_assert_max_num_queries, monkeypatch
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from linli.core import ratelimit

    monkeypatch.setattr(ratelimit, "hit", lambda *a, **k: 0)  # posting many in a test is not spam
    c = client if who == "anonymous" else login(people[who])
    nb = tree.neighborhood.slug
    circle = topic.circles.get(name="设计")
    urls = [
        reverse("forum:topic-list", args=[nb]),
        reverse("forum:topic-list", args=[nb]) + "?sort=hot",
        reverse("forum:topic-list", args=[nb]) + f"?circle={circle.pk}",
        topic.get_absolute_url(),
        topic.get_absolute_url() + "?sort=op",
        reverse("forum:search", args=[nb]) + "?q=回复",
    ]
    _populate(topic, people, 3)
    _topics(people, tree, 3)
    counts = {}
    for url in urls:
        c.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(url).status_code == 200
        counts[url] = len(ctx)
    _populate(topic, people, 60)
    _topics(people, tree, 40)
    for url in urls:
        with django_assert_max_num_queries(counts[url] + 1):  # +1: a read-count flush may fall due
            assert c.get(url).status_code == 200


@pytest.mark.parametrize(
    "language,words",
    [
        ("zh-hans", ["发议题", "热门圈子", "只看楼主", "您已经支持过了"]),
        ("en", ["New topic", "Hot circles", "Original poster only", "You already support this."]),
    ],
)
def test_pages_and_messages_in_both_languages(login, people, topic, tree, language, words):
    client = login(people["neighbour"])
    client.cookies["django_language"] = language
    body = client.get(reverse("forum:topic-list", args=[tree.neighborhood.slug])).content.decode()
    body += client.get(topic.get_absolute_url()).content.decode()
    client.post(reverse("forum:topic-support", args=[topic.pk]))
    body += client.post(
        reverse("forum:topic-support", args=[topic.pk]), follow=True
    ).content.decode()
    for word in words:
        assert word in body, word
