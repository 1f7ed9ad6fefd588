"""/api/v1/forum/: the same rules and messages as the pages; 4xx with {"detail": …}, never 5xx."""

import pytest

from linli.forum import actions
from linli.forum.models import Reply, Topic

API = "/api/v1/forum"


def test_topic_list_is_paginated_and_public_only_for_anonymous(
    client, topic, residents_topic, tree
):
    body = client.get(f"{API}/n/{tree.neighborhood.slug}/topics").json()
    assert body["count"] == 1 and body["items"][0]["title"] == topic.title
    author = body["items"][0]["author"]
    assert author["building"] and author["level"] == 1 and "room" not in author


def test_resident_sees_residents_only_topics(login, people, topic, residents_topic, tree):
    body = login(people["resident"]).get(f"{API}/n/{tree.neighborhood.slug}/topics").json()
    assert body["count"] == 2
    assert login(people["other_staff"]).get(f"{API}/topics/{residents_topic.pk}").status_code == 403


def test_post_topic_reply_support_through_api(login, people, tree):
    client = login(people["resident"])
    response = client.post(
        f"{API}/n/{tree.neighborhood.slug}/topics",
        {"title": "API 话题", "body": "正文 #测试#"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    topic_id = response.json()["id"]
    assert response.json()["circles"] == ["测试"]
    neighbour = login(people["neighbour"])
    reply = neighbour.post(
        f"{API}/topics/{topic_id}/replies", {"body": "回复一下"}, content_type="application/json"
    )
    assert reply.status_code == 201
    assert neighbour.post(f"{API}/topics/{topic_id}/support").json() == {
        "supported": True,
        "support_count": 1,
    }
    twice = neighbour.post(f"{API}/topics/{topic_id}/support", HTTP_ACCEPT_LANGUAGE="en")
    assert twice.status_code == 422 and "already" in twice.json()["detail"]
    assert neighbour.delete(f"{API}/topics/{topic_id}/support").json()["support_count"] == 0
    replies = client.get(f"{API}/topics/{topic_id}/replies?sort=newest").json()
    assert replies["count"] == 1 and replies["items"][0]["body"] == "回复一下"


@pytest.mark.parametrize(
    "payload,status",
    [
        ({"title": "", "body": "x"}, 422),
        ({"title": "ok", "body": "<script>alert(1)</script>"}, 422),
        ({"title": "ok", "body": "x" * 10_001}, 422),
        ({"title": "ok"}, 422),
        ({"title": "ok", "body": "x", "visibility": "secret"}, 422),
    ],
)
def test_bad_topics_get_422_with_detail(login, people, tree, payload, status):
    response = login(people["resident"]).post(
        f"{API}/n/{tree.neighborhood.slug}/topics", payload, content_type="application/json"
    )
    assert response.status_code == status and response.json()["detail"]
    assert Topic.objects.count() == 0


def test_reply_to_closed_topic_is_422_in_chinese(login, people, topic):
    actions.topic_flag(actor=people["staff"], topic=topic, flag="close", value=True)
    response = login(people["neighbour"]).post(
        f"{API}/topics/{topic.pk}/replies",
        {"body": "hi"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 422 and response.json()["detail"] == "该议题已关闭，不能再回复。"
    assert Reply.objects.count() == 0


def test_writes_need_sign_in_and_membership(client, login, people, topic):
    assert (
        client.post(
            f"{API}/topics/{topic.pk}/replies", {"body": "x"}, content_type="application/json"
        ).status_code
        == 401
    )
    assert (
        login(people["unverified"])
        .post(f"{API}/topics/{topic.pk}/replies", {"body": "x"}, content_type="application/json")
        .status_code
        == 403
    )


def test_search_and_circles(client, topic, tree):
    hits = client.get(f"{API}/n/{tree.neighborhood.slug}/search", {"q": "垃圾房"}).json()
    assert hits and hits[0]["topic_id"] == topic.pk and "<mark>" in hits[0]["snippet_html"]
    circles = client.get(f"{API}/n/{tree.neighborhood.slug}/circles").json()
    assert {c["name"] for c in circles["items"]} == {"垃圾分类", "设计"}
    assert client.get(f"{API}/n/{tree.neighborhood.slug}/search").status_code == 422
    assert client.get(f"{API}/topics/99999999999999999999").status_code == 422
    assert client.get(f"{API}/topics/424242").status_code == 404


def test_report_through_api(login, people, topic):
    client = login(people["neighbour"])
    assert (
        client.post(
            f"{API}/topics/{topic.pk}/report", {"reason": "spam"}, content_type="application/json"
        ).status_code
        == 201
    )
    again = client.post(
        f"{API}/topics/{topic.pk}/report", {"reason": "spam"}, content_type="application/json"
    )
    assert again.status_code == 422 and again.json()["detail"]
    assert (
        client.post(
            f"{API}/topics/{topic.pk}/report",
            {"reason": "nonsense"},
            content_type="application/json",
        ).status_code
        == 422
    )


def test_search_refuses_a_number_for_a_date(client, topic, tree):
    """`?since=0` was read as 1970-01-01 (seconds since the epoch): the document says YYYY-MM-DD."""
    url = f"{API}/n/{tree.neighborhood.slug}/search"
    for bound in ["since", "until"]:
        response = client.get(url, {"q": "垃圾房", bound: "0"})
        assert response.status_code == 422 and response.json()["detail"], bound
    assert client.get(url, {"q": "垃圾房", "since": "2000-01-01"}).json()
