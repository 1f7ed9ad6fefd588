"""Organisers change a decision until voting opens (then it is frozen), drafts, and never an
open decision without an option."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from linli.decide import actions
from linli.decide.models import Decision, Option

ROLES = [
    "secretary",
    "staff",
    "leader",
    "resident",
    "housemate",
    "neighbour",
    "far_resident",
    "owners",
    "property",
    "street_staff",
    "other_staff",
    "unverified",
    "anonymous",
]
# Columns: edit   the edit page and the API PATCH of a decision in deliberation (y: done)
#          draft  a draft of `secretary`: its page and API detail (never in a list)
#          pub    the same once published: its page and API detail
# fmt: off
TABLE = {
    "secretary":    "y  y  y",
    "staff":        "y  -  y",
    "owners":       "y  -  y",
    "leader":       "-  -  y",
    "resident":     "-  -  y",
    "housemate":    "-  -  y",
    "neighbour":    "-  -  y",
    "far_resident": "-  -  y",
    "property":     "-  -  y",
    "street_staff": "-  -  y",
    "other_staff":  "-  -  -",
    "unverified":   "-  -  -",
    "anonymous":    "-  -  -",
}
# fmt: on


def test_the_table_covers_every_role(people):
    assert set(TABLE) == set(people) == set(ROLES)


@pytest.mark.parametrize("role", ROLES)
def test_permission_table(role, client, login, people, make_decision, tree):
    c = client if role == "anonymous" else login(people[role])
    edit, draft, pub = TABLE[role].split()
    d = make_decision(phase="deliberation")
    page = c.get(reverse("decide:decision-edit", args=[d.pk])).status_code
    api = c.patch(
        f"/api/v1/decisions/{d.pk}", {"title": "改过的议题"}, content_type="application/json"
    )
    done = Decision.objects.filter(pk=d.pk, title="改过的议题").exists()
    assert (page == 200, api.status_code == 200, done) == ((edit == "y",) * 3), (
        page,
        api.status_code,
    )
    now = timezone.now()
    drafted = actions.decision_create(
        neighborhood=tree.neighborhood,
        actor=people["secretary"],
        title="草稿表决",
        voting_opens_at=now + timedelta(days=1),
        voting_closes_at=now + timedelta(days=2),
        draft=True,
    )
    seen = [
        c.get(drafted.get_absolute_url()).status_code == 200,
        c.get(f"/api/v1/decisions/{drafted.pk}").status_code == 200,
    ]
    assert seen == [draft == "y"] * 2, seen
    listed = c.get(f"/api/v1/decisions/n/{tree.neighborhood.slug}?page_size=100").content.decode()
    assert "草稿表决" not in listed
    assert "草稿表决" not in c.get(reverse("decide:decision-list", args=["nb"])).content.decode()
    Option.objects.create(decision=drafted, title="甲")
    actions.decision_draft_publish(decision=drafted, actor=people["secretary"])
    seen = [
        c.get(drafted.get_absolute_url()).status_code == 200,
        c.get(f"/api/v1/decisions/{drafted.pk}").status_code == 200,
    ]
    assert seen == [pub == "y"] * 2, seen


def test_a_decision_is_never_published_without_an_option(people, tree):
    now = timezone.now()
    for opens in (now - timedelta(hours=1), now + timedelta(days=1)):
        with pytest.raises(ValidationError) as error:
            actions.decision_create(
                neighborhood=tree.neighborhood,
                actor=people["secretary"],
                title="空表决",
                voting_opens_at=opens,
                voting_closes_at=now + timedelta(days=3),
                options=["  ", ""],
            )
        assert "at least one option" in str(error.value)
    assert not Decision.objects.exists()
    d = actions.decision_create(
        neighborhood=tree.neighborhood,
        actor=people["secretary"],
        title="草稿",
        voting_opens_at=now - timedelta(hours=1),
        voting_closes_at=now + timedelta(days=3),
        draft=True,
    )
    assert d.phase == Decision.Phase.DELIBERATION  # a draft never opens
    with pytest.raises(ValidationError):
        actions.decision_draft_publish(decision=d, actor=people["secretary"])
    assert Decision.objects.get(pk=d.pk).is_draft
    with pytest.raises((ValidationError, PermissionDenied)):  # nor can a draft be voted in
        actions.ballot_cast(decision=d, actor=people["resident"], option_ids=[])


def test_the_last_option_of_a_published_decision_stays(people, make_decision):
    d = make_decision(options=("甲",), phase="deliberation")
    with pytest.raises(ValidationError):
        actions.option_remove(option=d.options.get(), actor=people["secretary"])
    assert d.options.count() == 1


def test_after_voting_opens_the_motion_and_options_are_frozen(people, make_decision):
    d = make_decision(phase="voting")
    option = d.options.first()
    for attempt in (
        lambda: actions.decision_update(decision=d, actor=people["secretary"], title="改"),
        lambda: actions.option_update(option=option, actor=people["secretary"], title="改"),
        lambda: actions.option_remove(option=option, actor=people["secretary"]),
        lambda: actions.option_add(decision=d, actor=people["secretary"], title="新"),
    ):
        with pytest.raises(ValidationError):
            attempt()
    d.refresh_from_db()
    assert d.title == "新垃圾房选址" and d.options.count() == 3
    assert Option.objects.get(pk=option.pk).title == "A"


def test_frozen_refusal_is_clear_in_both_languages(login, people, make_decision):
    d = make_decision(phase="voting")
    c = login(people["secretary"])
    for language, words in (("zh-hans", "投票已开始"), ("en", "Voting has opened")):
        c.cookies["django_language"] = language
        r = c.patch(f"/api/v1/decisions/{d.pk}", {"title": "x"}, content_type="application/json")
        assert r.status_code == 422 and words in r.json()["detail"], r.content
    assert Decision.objects.get(pk=d.pk).title == "新垃圾房选址"


def test_before_voting_opens_everything_changes(people, make_decision, tree):
    d = make_decision(phase="deliberation")
    b1 = tree.buildings[0]
    actions.decision_update(
        decision=d, actor=people["secretary"], title="改过", buildings=[b1], owners_only=False
    )
    d.refresh_from_db()
    assert d.title == "改过" and list(d.buildings.all()) == [b1]
    option = d.options.first()
    actions.option_update(option=option, actor=people["secretary"], title="A 改")
    assert Option.objects.get(pk=option.pk).title == "A 改"
    with pytest.raises(PermissionDenied):
        actions.decision_update(decision=d, actor=people["resident"], title="x")


def test_creating_with_options_or_as_a_draft_through_the_page(login, people, tree):
    c = login(people["secretary"])
    url = reverse("decide:decision-create", args=["nb"])
    start = timezone.localtime() + timedelta(days=1)
    form = {
        "title": "表单表决",
        "method": "single",
        "unit": "household",
        "voting_opens_at": start.strftime("%Y-%m-%dT%H:%M"),
        "voting_closes_at": (start + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"),
        "options": "",
    }
    refused = c.post(url, form)
    assert refused.status_code == 422 and not Decision.objects.exists()
    assert "至少" in refused.content.decode()
    drafted = c.post(url, {**form, "draft": "1"})
    assert drafted.status_code == 302 and Decision.objects.get().is_draft
    published = c.post(url, {**form, "title": "二", "options": "东门\n西门\n"})
    assert published.status_code == 302
    d = Decision.objects.get(title="二")
    assert not d.is_draft and [o.title for o in d.options.order_by("position")] == ["东门", "西门"]
    assert "表单表决" in c.get(reverse("decide:draft-list", args=["nb"])).content.decode()


def test_edit_page_has_a_constant_query_count(
    login, people, make_decision, django_assert_max_num_queries
):
    d = make_decision(phase="deliberation", options=("甲",))
    c = login(people["secretary"])
    url = reverse("decide:decision-edit", args=[d.pk])
    with CaptureQueriesContext(connection) as small:
        assert c.get(url).status_code == 200
    Option.objects.bulk_create(
        Option(decision=d, title=f"方案{i}", position=i) for i in range(2, 25)
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert c.get(url).status_code == 200


def test_the_link_is_picked_from_what_the_organiser_may_see(login, people, make_decision, tree):
    from linli.forum import actions as forum

    topic = forum.topic_create(
        author=people["resident"], neighborhood=tree.neighborhood, title="垃圾房选址讨论", body="x"
    )
    d = make_decision(phase="deliberation")
    c = login(people["secretary"])
    url = reverse("decide:decision-edit", args=[d.pk])
    found = c.post(url, {"link_kind": "forum.topic", "link_id_q": "选址", "find": "1"})
    assert (
        found.status_code == 200
        and f'<option value="{topic.pk}">垃圾房选址讨论' in found.content.decode()
    )
    assert Decision.objects.get(pk=d.pk).link_kind == ""
    api = c.patch(
        f"/api/v1/decisions/{d.pk}",
        {"link_kind": "forum.topic", "link_id": topic.pk},
        content_type="application/json",
    )
    assert api.status_code == 200
    detail = c.get(f"/api/v1/decisions/{d.pk}").json()
    assert detail["linked"] == {
        "kind": "forum.topic",
        "title": "垃圾房选址讨论",
        "url": topic.get_absolute_url(),
    }
    page = c.get(d.get_absolute_url()).content.decode()
    assert f'<a href="{topic.get_absolute_url()}">垃圾房选址讨论</a>' in page
    bad = c.patch(
        f"/api/v1/decisions/{d.pk}",
        {"link_kind": "forum.topic", "link_id": 10**9},
        content_type="application/json",
    )
    assert bad.status_code == 422 and Decision.objects.get(pk=d.pk).link_id == topic.pk


def test_drafts_page_has_a_constant_query_count(login, people, tree, django_assert_max_num_queries):
    now = timezone.now()

    def draft(i):
        actions.decision_create(
            neighborhood=tree.neighborhood,
            actor=people["secretary"],
            title=f"草稿{i}",
            voting_opens_at=now + timedelta(days=1),
            voting_closes_at=now + timedelta(days=2),
            draft=True,
        )

    c = login(people["secretary"])
    url = reverse("decide:draft-list", args=["nb"])
    draft(0)
    with CaptureQueriesContext(connection) as small:
        assert c.get(url).status_code == 200
    for i in range(1, 15):
        draft(i)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert "草稿14" in c.get(url).content.decode()
    assert "草稿14" not in login(people["staff"]).get(url).content.decode()
