"""Pick, don't type: searching what to link to by title, as each row's own rules allow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from linli.core import linkables
from linli.forum import actions as forum
from linli.projects import actions as projects
from linli.projects.models import Link


@pytest.fixture
def topics(people, tree, other_tree):
    return {
        "pub": forum.topic_create(
            author=people["resident"],
            neighborhood=tree.neighborhood,
            title="东门垃圾房选址",
            body="说说",
        ),
        "res": forum.topic_create(
            author=people["resident"],
            neighborhood=tree.neighborhood,
            title="东门停车内部讨论",
            body="只给居民",
            visibility="residents",
        ),
        "far": forum.topic_create(
            author=people["other_staff"],
            neighborhood=other_tree.neighborhood,
            title="东门隔壁小区",
            body="别处",
        ),
    }


@pytest.fixture
def project(people, tree):
    return projects.project_create(
        neighborhood=tree.neighborhood,
        actor=people["staff"],
        title="垃圾分类房",
        description="新建分类房",
        place_text="7 号楼旁",
        compound=tree.compound,
        budget=1000,
    )


def test_every_kind_the_issue_names_can_be_picked():
    assert {
        "decide.decision",
        "consult.consultation",
        "projects.project",
        "forum.topic",
        "office.request",
    } <= set(linkables.kinds())


def test_search_finds_by_title_in_one_neighborhood_and_only_what_the_person_may_see(
    people, tree, topics
):
    staff = [
        f.title for f in linkables.search(people["staff"], tree.neighborhood, "forum.topic", "东门")
    ]
    assert set(staff) == {"东门垃圾房选址", "东门停车内部讨论"}
    outsider = linkables.search(people["unverified"], tree.neighborhood, "forum.topic", "东门")
    assert [f.title for f in outsider] == ["东门垃圾房选址"]
    by_number = linkables.search(
        people["staff"], tree.neighborhood, "forum.topic", f"#{topics['pub'].pk}"
    )
    assert [f.id for f in by_number] == [topics["pub"].pk]
    assert linkables.search(people["staff"], tree.neighborhood, "no.such", "东门") == []


def test_describe_gives_title_and_link_or_nothing(people, topics):
    found = linkables.describe(people["far_resident"], "forum.topic", topics["res"].pk)
    assert found.title == "东门停车内部讨论" and found.url == topics["res"].get_absolute_url()
    assert linkables.describe(people["unverified"], "forum.topic", topics["res"].pk) is None
    assert linkables.describe(people["staff"], "forum.topic", 10**9) is None


def test_search_as_you_type_answers_options_with_constant_queries(
    login, people, tree, topics, django_assert_max_num_queries
):
    c = login(people["staff"])
    url = (
        reverse("core:link-search")
        + "?n=nb&kind_field=link_kind&link_kind=forum.topic&link_id_q=东门"
    )
    with CaptureQueriesContext(connection) as small:
        body = c.get(url).content.decode()
    assert "东门垃圾房选址" in body and "东门隔壁小区" not in body and "<option" in body
    from django.utils import timezone

    from linli.forum.models import Topic

    now = timezone.now()
    Topic.objects.bulk_create(
        Topic(
            neighborhood=tree.neighborhood,
            author=people["staff"],
            title=f"东门{i}",
            body="x",
            created_at=now,
            last_activity_at=now,
        )
        for i in range(30)
    )
    with django_assert_max_num_queries(len(small.captured_queries) + 2):
        assert c.get(url).status_code == 200
    assert c.logout() is None
    assert c.get(url).status_code == 302  # signed out: to the sign-in page


def test_a_project_links_a_topic_picked_by_title_without_javascript(login, people, project, topics):
    c = login(people["staff"])
    url = reverse("projects:link-add", args=[project.pk])
    page = c.get(url).content.decode()
    assert 'name="target_id_q"' in page and "hx-get" in page
    found = c.post(url, {"target_kind": "forum.topic", "target_id_q": "垃圾房", "find": "1"})
    body = found.content.decode()
    assert found.status_code == 200 and f'value="{topics["pub"].pk}"' in body
    assert not Link.objects.exists()  # finding saves nothing
    done = c.post(
        url,
        {"target_kind": "forum.topic", "target_id_q": "垃圾房", "target_id": topics["pub"].pk},
    )
    assert done.status_code == 302
    link = Link.objects.get()
    assert (link.kind, link.label, link.url, link.object_id) == (
        "topic",
        "东门垃圾房选址",
        topics["pub"].get_absolute_url(),
        topics["pub"].pk,
    )
    # A topic of another neighborhood is not among the choices: refused, nothing saved.
    refused = c.post(url, {"target_kind": "forum.topic", "target_id": topics["far"].pk})
    assert refused.status_code == 200 and Link.objects.count() == 1


def test_a_decision_page_shows_the_linked_project_by_title(login, people, tree, project):
    from datetime import timedelta

    from django.utils import timezone

    from linli.decide import actions as decide
    from linli.decide.models import Decision

    d = decide.decision_create(
        neighborhood=tree.neighborhood,
        actor=people["staff"],
        title="分类房选址",
        voting_opens_at=timezone.now() + timedelta(days=1),
        voting_closes_at=timezone.now() + timedelta(days=2),
        link_kind="projects.project",
        link_id=project.pk,
        options=["东门", "西门"],
    )
    body = (
        login(people["resident"])
        .get(Decision.objects.get(pk=d.pk).get_absolute_url())
        .content.decode()
    )
    assert f'<a href="{project.get_absolute_url()}">垃圾分类房</a>' in body
    assert "projects.project" not in body
