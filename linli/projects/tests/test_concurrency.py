"""Real concurrency on PostgreSQL: ratings, comments and version numbers under racing writers."""

import pytest
from django.db import connection

from linli.community.models import Resident, Role
from linli.community.testing import grant, make_person, make_tree
from linli.core.testing import race
from linli.projects import actions
from linli.projects.models import Comment, DesignVersion, Project, Rating

from .conftest import image_upload

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency is tested on PostgreSQL (DATABASE_URL=postgres://…)")


@pytest.fixture
def setup():
    tree = make_tree("race", buildings=1, per_building=20)
    staff = grant(
        make_person("racestaff", tree.buildings[0].homes[0]),
        Role.Kind.COMMITTEE_STAFF,
        neighborhood=tree.neighborhood,
    )
    residents = [make_person(f"rater{i}", tree.buildings[0].homes[i]) for i in range(20)]
    project = actions.project_create(
        neighborhood=tree.neighborhood, actor=staff, title="t", description="d", place_text="p"
    )
    return staff, residents, project


def test_twenty_residents_rating_at_once_count_once_each(setup):
    staff, residents, project = setup
    actions.project_stage_change(project=project, to_stage="completed", reason="r", actor=staff)
    results = race(
        20,
        lambda i: actions.rating_set(
            project=project, score=1 + i % 5, actor=Resident.objects.get(pk=residents[i].pk)
        ),
    )
    assert all(isinstance(r, Rating) for r in results), results
    project.refresh_from_db()
    assert project.rating_count == 20 and project.rating_sum == sum(1 + i % 5 for i in range(20))


def test_one_person_rating_twice_at_once_is_counted_once(setup):
    staff, residents, project = setup
    actions.project_stage_change(project=project, to_stage="completed", reason="r", actor=staff)
    person = residents[0]
    results = race(
        8,
        lambda i: actions.rating_set(
            project=project, score=1 + i % 5, actor=Resident.objects.get(pk=person.pk)
        ),
    )
    assert all(isinstance(r, Rating) for r in results), results
    project.refresh_from_db()
    assert project.rating_count == 1 and project.rating_sum == Rating.objects.get().score


def test_concurrent_comments_lose_no_count(setup):
    staff, residents, project = setup
    version = actions.version_create(
        project=project, summary="v", uploads=[image_upload()], actor=staff
    )
    results = race(
        20,
        lambda i: actions.comment_add(
            version=DesignVersion.objects.select_related("project").get(pk=version.pk),
            body=f"c{i}",
            actor=Resident.objects.get(pk=residents[i].pk),
        ),
    )
    assert all(isinstance(r, Comment) for r in results), results
    assert DesignVersion.objects.get(pk=version.pk).comment_count == 20 == Comment.objects.count()
    assert Project.objects.get(pk=project.pk).comment_count == 20


def test_concurrent_versions_get_distinct_numbers(setup):
    staff, residents, project = setup
    results = race(
        6,
        lambda i: actions.version_create(
            project=project,
            summary=f"v{i}",
            uploads=[image_upload()],
            actor=Resident.objects.get(pk=staff.pk),
        ),
    )
    assert all(isinstance(r, DesignVersion) for r in results), results
    assert sorted(DesignVersion.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6]
    assert Project.objects.get(pk=project.pk).version_count == 6
