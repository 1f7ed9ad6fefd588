"""The staff queue with held posts and every decision, the appeal page, the word lists; the forum's "awaits review"."""

import pytest
from django.urls import reverse

from linli.audit.models import AuditEntry
from linli.forum import actions as forum
from linli.forum.models import Topic
from linli.moderation.models import Case, Sanction, Word
from linli.notify.models import Notification

from .conftest import AD


@pytest.fixture(autouse=True)
def _english_pages(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def held(people, tree):
    forum.topic_create(
        author=people["neighbour"], neighborhood=tree.neighborhood, title="二手", body=AD
    )
    return Case.objects.get()


def test_forum_tells_the_author_the_topic_awaits_review(login, people, tree):
    client = login(people["neighbour"])
    response = client.post(
        reverse("forum:topic-create", args=[tree.neighborhood.slug]),
        {"title": "二手", "body": AD, "visibility": "public"},
        follow=True,
    )
    assert "awaits review" in response.content.decode()
    assert Topic.objects.get().hidden
    other = (
        login(people["resident"])
        .get(reverse("forum:topic-list", args=[tree.neighborhood.slug]))
        .content.decode()
    )
    assert "二手" not in other


def test_forum_form_points_out_personal_data(login, people, tree):
    client = login(people["resident"])
    url = reverse("forum:topic-create", args=[tree.neighborhood.slug])
    data = {"title": "寻猫", "body": "看到请打 13912345678", "visibility": "public"}
    response = client.post(url, data)
    assert (
        response.status_code == 422
        and "13912345678" in response.content.decode()
        and not Topic.objects.exists()
    )
    response = client.post(url, {**data, "confirm_personal": "on"})
    assert response.status_code == 302 and Topic.objects.count() == 1


def test_queue_shows_held_posts_with_score_and_reasons(login, people, tree, held):
    body = (
        login(people["staff"])
        .get(reverse("moderation:case-queue", args=[tree.neighborhood.slug]))
        .content.decode()
    )
    assert "held by the spam check" in body and f"{held.score:.2f}" in body and "WeChat" in body


def test_queue_in_chinese(login, people, tree, held):
    client = login(people["staff"])
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    body = client.get(
        reverse("moderation:case-queue", args=[tree.neighborhood.slug])
    ).content.decode()
    assert "被垃圾内容检查拦下" in body and "禁言" in body and "封禁" in body


@pytest.mark.parametrize(
    "decision,status,hidden",
    [("approve", "approved", False), ("hide", "hidden", True), ("delete", "deleted", True)],
)
def test_decisions_are_audited_and_the_author_told_why(
    login, people, held, decision, status, hidden
):
    response = login(people["staff"]).post(
        reverse("moderation:case-review", args=[held.pk]), {"decision": decision, "note": "像广告"}
    )
    assert response.status_code == 302
    held.refresh_from_db()
    assert (held.status, held.hidden) == (status, hidden)
    entry = AuditEntry.objects.get(action=f"moderation.{decision}")
    assert entry.after["note"] == "像广告" and entry.subject_id == people["neighbour"].pk
    note = (
        Notification.objects.filter(recipient=people["neighbour"])
        .exclude(kind="moderation.held")
        .get()
    )
    assert note.params["note"] == "像广告"


def test_warn_mute_and_ban_from_the_queue(login, people, held):
    client = login(people["staff"])
    url = reverse("moderation:case-review", args=[held.pk])
    client.post(url, {"decision": "warn", "note": "请勿发广告"})
    assert (
        Notification.objects.filter(recipient=people["neighbour"], kind="moderation.warned").count()
        == 1
    )
    response = client.post(url, {"decision": "mute", "note": "广告", "days": "9999"}, follow=True)
    assert "365" in response.content.decode() and not Sanction.objects.exists()
    client.post(url, {"decision": "mute", "note": "广告", "days": "7"})
    assert Sanction.objects.get().kind == "mute"
    client.post(url, {"decision": "ban", "note": "屡教不改"})
    assert set(Sanction.objects.values_list("kind", flat=True)) == {"mute", "ban"}
    assert (
        AuditEntry.objects.filter(
            action__in=["moderation.warn", "moderation.mute", "moderation.ban"]
        ).count()
        == 3
    )


def test_bad_decision_changes_nothing(login, people, held):
    response = login(people["staff"]).post(
        reverse("moderation:case-review", args=[held.pk]), {"decision": "explode"}, follow=True
    )
    assert "Choose what to do" in response.content.decode()
    held.refresh_from_db()
    assert held.status == "open"


@pytest.mark.parametrize("who", ["resident", "leader", "other_staff", "street_staff"])
def test_only_committee_staff_decide(login, people, held, who):
    assert (
        login(people[who])
        .post(reverse("moderation:case-review", args=[held.pk]), {"decision": "approve"})
        .status_code
        == 403
    )
    held.refresh_from_db()
    assert held.status == "open"


def test_appeal_page_for_the_author_once(login, people, held):
    from linli.moderation import actions

    actions.case_hide(case=held, actor=people["staff"], note="广告")
    url = reverse("moderation:case-appeal", args=[held.pk])
    assert login(people["resident"]).get(url).status_code == 403
    client = login(people["neighbour"])
    assert client.get(url).status_code == 200
    assert client.post(url, {"note": ""}).status_code == 422
    assert client.post(url, {"note": "我只是卖自己的旧东西"}).status_code == 302
    held.refresh_from_db()
    assert held.status == "open" and held.appeal_note
    queue = (
        login(people["staff"])
        .get(reverse("moderation:case-queue", args=[held.neighborhood.slug]))
        .content.decode()
    )
    assert "我只是卖自己的旧东西" in queue


def test_word_list_page(login, people, tree, django_assert_max_num_queries):
    url = reverse("moderation:word-list", args=[tree.neighborhood.slug])
    assert login(people["resident"]).get(url).status_code == 403
    client = login(people["staff"])
    assert client.post(url, {"word": "", "kind": "block"}).status_code == 422
    assert client.post(url, {"word": "某楼盘", "kind": "block"}).status_code == 302
    word = Word.objects.get()
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
    Word.objects.bulk_create(
        [Word(neighborhood=tree.neighborhood, word=f"w{i}") for i in range(50)]
    )
    with django_assert_max_num_queries(12):
        assert "w49" in client.get(url).content.decode()
    assert client.post(url, {"remove": str(word.pk)}).status_code == 302
    assert not Word.objects.filter(pk=word.pk).exists()


def test_queue_of_held_posts_has_constant_query_count(login, people, tree, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from linli.core import ratelimit
    from linli.moderation import screen
    from linli.moderation.scoring import Verdict

    monkeypatch.setattr(ratelimit, "hit", lambda *a, **k: 0)
    client = login(people["staff"])
    url = reverse("moderation:case-queue", args=[tree.neighborhood.slug])

    def add(n, start):
        for i in range(start, start + n):
            author = people[("neighbour", "far_resident", "resident")[i % 3]]
            topic = forum.topic_create(
                author=author, neighborhood=tree.neighborhood, title=f"问题{i}", body=f"第{i}个问题"
            )
            if not topic.held:  # posting fast holds some of them already
                screen.hold(
                    target=topic,
                    verdict=Verdict("hold", 0.6, ["asks to be contacted on WeChat, QQ or similar"]),
                    text=topic.body,
                )

    add(2, 0)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    add(30, 2)
    with CaptureQueriesContext(connection) as more:
        body = client.get(url).content.decode()
    assert len(more) == len(ctx) and body.count('id="case-') == 30
