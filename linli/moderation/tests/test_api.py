"""/api/v1/moderation/: staff only; the same actions as the pages."""

import pytest

from linli.forum import actions as forum
from linli.moderation.models import Case, Word

from .conftest import AD, SPAM

API = "/api/v1/moderation"


@pytest.fixture(autouse=True)
def _english_api(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.mark.parametrize(
    "who,status",
    [
        ("staff", 200),
        ("secretary", 200),
        ("other_staff", 200),
        ("resident", 403),
        ("street_staff", 403),
        ("unverified", 403),
    ],
)
def test_score_is_for_staff(login, people, who, status):
    response = login(people[who]).post(
        f"{API}/score", {"text": SPAM}, content_type="application/json"
    )
    assert response.status_code == status
    if status == 200:
        body = response.json()
        assert (
            body["decision"] == "reject"
            and body["score"] >= 0.9
            and any("金沙娱乐" in r for r in body["reasons"])
        )


def test_score_of_an_ordinary_text_and_personal_data(login, people):
    body = (
        login(people["staff"])
        .post(
            f"{API}/score",
            {"text": "电梯坏了，打 13912345678 找我"},
            content_type="application/json",
        )
        .json()
    )
    assert body["decision"] == "publish" and body["personal"] == [
        {"kind": "phone", "text": "13912345678"}
    ]


def test_anonymous_is_refused(client):
    assert client.post(
        f"{API}/score", {"text": "x"}, content_type="application/json"
    ).status_code in (401, 403)


def test_queue_and_decision(login, people, tree):
    forum.topic_create(
        author=people["neighbour"], neighborhood=tree.neighborhood, title="二手", body=AD
    )
    client = login(people["staff"])
    rows = client.get(f"{API}/n/{tree.neighborhood.slug}/cases").json()
    assert (
        rows["count"] == 1
        and rows["items"][0]["source"] == "scorer"
        and rows["items"][0]["score"] >= 0.5
    )
    case_id = rows["items"][0]["id"]
    bad = client.post(
        f"{API}/cases/{case_id}/decision",
        {"decision": "mute", "note": "广告"},
        content_type="application/json",
    )
    assert bad.status_code in (400, 422) and Case.objects.get().status == "open"
    ok = client.post(
        f"{API}/cases/{case_id}/decision",
        {"decision": "hide", "note": "广告"},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["status"] == "hidden"
    assert (
        login(people["resident"]).get(f"{API}/n/{tree.neighborhood.slug}/cases").status_code == 403
    )


def test_words(login, people, tree):
    client = login(people["staff"])
    url = f"{API}/n/{tree.neighborhood.slug}/words"
    created = client.post(url, {"word": "某楼盘", "kind": "block"}, content_type="application/json")
    assert created.status_code == 201
    assert client.get(url).json()["items"] == [
        {"id": created.json()["id"], "word": "某楼盘", "kind": "block"}
    ]
    assert (
        login(people["other_staff"]).delete(f"{API}/words/{created.json()['id']}").status_code
        == 403
    )
    assert login(people["staff"]).delete(f"{API}/words/{created.json()['id']}").status_code == 204
    assert not Word.objects.exists()


def test_forum_api_says_a_held_post_awaits_review(login, people, tree):
    client = login(people["neighbour"])
    response = client.post(
        f"/api/v1/forum/n/{tree.neighborhood.slug}/topics",
        {"title": "二手", "body": AD},
        content_type="application/json",
    )
    assert (
        response.status_code == 202
        and response.json()["held"] is True
        and "awaits review" in response.json()["message"]
    )
    ok = client.post(
        f"/api/v1/forum/n/{tree.neighborhood.slug}/topics",
        {"title": "问个事", "body": "东门几点关？"},
        content_type="application/json",
    )
    assert ok.status_code == 201
    reply = client.post(
        f"/api/v1/forum/topics/{ok.json()['id']}/replies",
        {"body": "闲置婴儿车，有意加微信 cd34"},
        content_type="application/json",
    )  # the same ad again would be a duplicate: rejected
    assert reply.status_code == 202 and reply.json()["held"] is True


def test_forum_api_points_out_personal_data_until_confirmed(login, people, tree):
    client = login(people["resident"])
    url = f"/api/v1/forum/n/{tree.neighborhood.slug}/topics"
    refused = client.post(
        url, {"title": "寻猫", "body": "看到请打 13912345678"}, content_type="application/json"
    )
    assert refused.status_code in (400, 422) and "13912345678" in refused.content.decode()
    assert (
        client.post(
            url,
            {"title": "寻猫", "body": "看到请打 13912345678", "confirm_personal": True},
            content_type="application/json",
        ).status_code
        == 201
    )
