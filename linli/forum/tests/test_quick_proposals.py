"""Quick proposals inside a topic: actions, pages without JavaScript, the API, and the
permission table of the three new permissions (every role, real pages and API)."""

import json
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from linli.forum import actions
from linli.forum.models import QuickProposal, Stance
from linli.notify.models import Notification


def _start(topic, author, days=3, statement="新垃圾房建在北门停车场东侧"):
    return actions.quick_proposal_start(
        topic=topic,
        author=author,
        statement=statement,
        closes_at=timezone.now() + timedelta(days=days),
    )


def test_a_second_stance_replaces_the_first_and_the_counts_follow(people, topic):
    p = _start(topic, people["resident"])
    actions.stance_set(proposal=p, person=people["neighbour"], position="agree", reason="离我家远")
    actions.stance_set(
        proposal=p, person=people["far_resident"], position="block", reason="挡住消防通道"
    )
    actions.stance_set(proposal=p, person=people["neighbour"], position="abstain", reason="再想想")
    p.refresh_from_db()
    assert (p.agree_count, p.abstain_count, p.disagree_count, p.block_count) == (0, 1, 0, 1)
    assert Stance.objects.filter(proposal=p).count() == 2


def test_every_stance_needs_a_reason_and_a_known_position(people, topic):
    p = _start(topic, people["resident"])
    with pytest.raises(ValidationError):
        actions.stance_set(proposal=p, person=people["neighbour"], position="agree", reason="  ")
    with pytest.raises(ValidationError):
        actions.stance_set(proposal=p, person=people["neighbour"], position="maybe", reason="x")
    assert not Stance.objects.exists()


def test_one_open_quick_proposal_per_topic(people, topic):
    _start(topic, people["resident"])
    with pytest.raises(ValidationError) as error:
        _start(topic, people["staff"], statement="另一个")
    assert error.value.code == "open" and QuickProposal.objects.count() == 1


def test_the_author_closes_with_an_outcome_and_everyone_who_took_a_stance_is_told(people, topic):
    p = _start(topic, people["resident"])
    for who in ("neighbour", "far_resident"):
        actions.stance_set(proposal=p, person=people[who], position="agree", reason="同意")
    with pytest.raises(ValidationError):
        actions.quick_proposal_close(proposal=p, actor=people["resident"], outcome=" ")
    with pytest.raises(PermissionDenied):
        actions.quick_proposal_close(proposal=p, actor=people["neighbour"], outcome="通过")
    done = actions.quick_proposal_close(
        proposal=p, actor=people["resident"], outcome="大家同意，交物业出方案。"
    )
    assert done.status == "closed" and done.outcome == "大家同意，交物业出方案。"
    told = set(
        Notification.objects.filter(kind="forum.quick_outcome").values_list(
            "recipient_id", flat=True
        )
    )
    assert told == {people["neighbour"].pk, people["far_resident"].pk}
    with pytest.raises(ValidationError):
        actions.stance_set(proposal=p, person=people["leader"], position="agree", reason="晚了")


def test_no_stance_after_the_closing_time(people, topic):
    p = _start(topic, people["resident"])
    QuickProposal.objects.filter(pk=p.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ValidationError):
        actions.stance_set(proposal=p, person=people["neighbour"], position="agree", reason="同意")


def test_a_quick_proposal_runs_without_javascript(login, people, topic):
    c = login(people["resident"])
    when = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    c.post(f"/forum/t/{topic.pk}/quick/", {"statement": "周六上午一起清理楼道", "closes_at": when})
    p = QuickProposal.objects.get(topic=topic)
    c = login(people["neighbour"])
    r = c.post(f"/forum/q/{p.pk}/stance/", {"position": "disagree", "reason": "周六要上班"})
    assert r.status_code == 302 and r["Location"].endswith(f"#quick-{p.pk}")
    page = c.get(topic.get_absolute_url()).content.decode()
    assert "周六要上班" in page
    c = login(people["resident"])
    assert c.get(f"/forum/q/{p.pk}/close/").status_code == 200
    c.post(f"/forum/q/{p.pk}/close/", {"outcome": "改到周日上午。"})
    assert QuickProposal.objects.get(pk=p.pk).outcome == "改到周日上午。"


def test_a_stance_without_reason_gets_a_message_and_changes_nothing(login, people, topic):
    p = _start(topic, people["resident"])
    c = login(people["neighbour"])
    r = c.post(f"/forum/q/{p.pk}/stance/", {"position": "agree", "reason": ""}, follow=True)
    assert r.status_code == 200 and not Stance.objects.exists()


def test_the_topic_page_costs_the_same_with_many_stances(
    login, people, topic, django_assert_max_num_queries
):
    from linli.community.testing import make_person

    p = _start(topic, people["resident"])
    actions.stance_set(proposal=p, person=people["neighbour"], position="agree", reason="好")
    c = login(people["leader"])
    with CaptureQueriesContext(connection) as small:
        assert c.get(topic.get_absolute_url()).status_code == 200
    home = people["far_resident"].household
    for i in range(15):
        person = make_person(f"q{i}", home)
        actions.stance_set(
            proposal=p, person=person, position="block" if i % 3 else "agree", reason=f"理由{i}"
        )
    with django_assert_max_num_queries(len(small.captured_queries) + 1):  # +1: a read-count flush
        assert c.get(topic.get_absolute_url()).status_code == 200


# The permission table of quick proposals -----------------------------------------------------
#
#     start   start a quick proposal in nb's public topic by `resident` (web form)
#     stance  take a stance on the open quick proposal of that topic (API)
#     close   close it with the outcome (API; it was started by `resident`)
#     xstance take a stance on the other neighborhood's quick proposal (web form)
#     read    the topic page shows the stances with their reasons (`r`) or not (`-`)

QUICK_COLUMNS = ["start", "stance", "close", "xstance", "read"]
# fmt: off
QUICK_TABLE = {
    "secretary":    ("committee staff",    "y y y - r"),
    "staff":        ("committee staff",    "y y y - r"),
    "leader":       ("own building",       "- y - - r"),
    "owners":       ("other building",     "- y - - r"),
    "property":     ("no household",       "- - - - r"),
    "resident":     ("topic author",       "y y y - r"),
    "housemate":    ("own household",      "- y - - r"),
    "neighbour":    ("own building",       "- y - - r"),
    "far_resident": ("other building",     "- y - - r"),
    "street_staff": ("street",             "- - - - r"),
    "other_staff":  ("other neighborhood", "- - - y r"),
    "unverified":   ("no household",       "- - - - r"),
    "anonymous":    ("signed out",         "- - - - r"),
}
# fmt: on


def test_the_quick_table_covers_every_role_of_the_root_conftest(people):
    assert set(QUICK_TABLE) == set(people)


@pytest.mark.parametrize("role", list(QUICK_TABLE))
def test_quick_proposal_permission_table(role, client, login, people, tree, other_tree):
    from linli.community.testing import make_person

    nb_open = actions.topic_create(
        author=people["resident"], neighborhood=tree.neighborhood, title="楼道清理", body="b"
    )
    nb_fresh = actions.topic_create(
        author=people["resident"], neighborhood=tree.neighborhood, title="花园长椅", body="b"
    )
    quick = _start(nb_open, people["resident"])
    early = make_person("early_q", tree.buildings[1].homes[1])
    actions.stance_set(proposal=quick, person=early, position="agree", reason="REASON-1")
    li = make_person("li_si_q", other_tree.buildings[0].homes[2])
    x_topic = actions.topic_create(
        author=li, neighborhood=other_tree.neighborhood, title="远方", body="b"
    )
    x_quick = _start(x_topic, li)
    c = client if role == "anonymous" else login(people[role])
    person = people[role]
    got = {}
    when = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    c.post(f"/forum/t/{nb_fresh.pk}/quick/", {"statement": "加两张长椅", "closes_at": when})
    got["start"] = "y" if QuickProposal.objects.filter(topic=nb_fresh).exists() else "-"
    r = c.put(
        f"/api/v1/forum/quick-proposals/{quick.pk}/stance",
        json.dumps({"position": "disagree", "reason": "太吵"}),
        content_type="application/json",
    )
    mine = (
        Stance.objects.filter(proposal=quick, person_id=person.pk)
        if person.pk
        else Stance.objects.none()
    )
    got["stance"] = "y" if r.status_code == 200 and mine.exists() else "-"
    assert Stance.objects.filter(proposal=quick).count() == 1 + (got["stance"] == "y")
    r = c.post(
        f"/api/v1/forum/quick-proposals/{quick.pk}/close",
        json.dumps({"outcome": "通过"}),
        content_type="application/json",
    )
    got["close"] = "y" if QuickProposal.objects.get(pk=quick.pk).status == "closed" else "-"
    assert (r.status_code == 200) == (got["close"] == "y")
    c.post(f"/forum/q/{x_quick.pk}/stance/", {"position": "agree", "reason": "同意"})
    got["xstance"] = "y" if Stance.objects.filter(proposal=x_quick).exists() else "-"
    page = c.get(nb_open.get_absolute_url()).content.decode()
    got["read"] = "r" if "REASON-1" in page else "-"
    expected = dict(zip(QUICK_COLUMNS, QUICK_TABLE[role][1].split(), strict=True))
    assert got == expected
