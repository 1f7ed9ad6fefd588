"""Project actions: stages, team, versions, links, comments, ratings; bad input changes nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from linli.audit.models import AuditEntry
from linli.notify.models import Notification
from linli.projects import actions
from linli.projects.models import (
    Comment,
    DesignFile,
    DesignVersion,
    Link,
    Project,
    Rating,
    StageChange,
    TeamMember,
)
from linli.stats.models import PointsEntry
from linli.talent.actions import profile_withdraw
from linli.talent.tests.factories import declare

from .conftest import PDF, image_upload


def test_create_starts_the_timeline_and_needs_a_place(people, tree, project):
    assert project.stage == "need"
    assert list(StageChange.objects.filter(project=project).values_list("to_stage", flat=True)) == [
        "need"
    ]
    with pytest.raises(ValidationError):
        actions.project_create(
            neighborhood=tree.neighborhood,
            actor=people["staff"],
            title="x",
            description="y",
            place_text="",
        )
    with pytest.raises(PermissionDenied):
        actions.project_create(
            neighborhood=tree.neighborhood,
            actor=people["resident"],
            title="x",
            description="y",
            place_text="z",
        )
    assert Project.objects.count() == 1


def test_next_stage_needs_no_reason_but_skipping_does(people, project):
    actions.project_stage_change(project=project, to_stage="design", actor=people["staff"])
    with pytest.raises(ValidationError) as error:
        actions.project_stage_change(
            project=project, to_stage="construction", actor=people["staff"]
        )
    assert "reason" in error.value.message_dict
    project.refresh_from_db()
    assert project.stage == "design" and StageChange.objects.filter(project=project).count() == 2
    actions.project_stage_change(
        project=project,
        to_stage="construction",
        reason="街道已批准，免于再次征询",
        actor=people["staff"],
    )
    with pytest.raises(ValidationError):
        actions.project_stage_change(project=project, to_stage="design", actor=people["staff"])
    with pytest.raises(ValidationError):
        actions.project_stage_change(
            project=project, to_stage="construction", reason="again", actor=people["staff"]
        )
    with pytest.raises(ValidationError):
        actions.project_stage_change(
            project=project, to_stage="bogus", reason="x", actor=people["staff"]
        )
    timeline = list(
        StageChange.objects.filter(project=project)
        .order_by("pk")
        .values_list("to_stage", "reason", "changed_by__username")
    )
    assert timeline[-1] == ("construction", "街道已批准，免于再次征询", "staff")


@pytest.mark.parametrize("who", ["resident", "leader", "owners", "other_staff", "street_staff"])
def test_only_committee_staff_change_the_stage(people, project, who):
    with pytest.raises(PermissionDenied):
        actions.project_stage_change(project=project, to_stage="design", actor=people[who])
    assert Project.objects.get(pk=project.pk).stage == "need"


def test_team_member_may_edit_the_team_but_an_outsider_may_not(
    people, skills, team_project, designer
):
    # Shown to residents: a team member who is not staff may only add a talent they can see
    # (a committee-only talent: test_permission_table.py).
    other = declare(people["resident"], [skills["翻译"]], visibility="residents")
    with pytest.raises(PermissionDenied):
        actions.team_member_add(
            project=team_project, profile=other, role="翻译", actor=people["far_resident"]
        )
    member = TeamMember.objects.get(project=team_project, person=people["neighbour"])
    with pytest.raises(PermissionDenied):
        actions.team_member_remove(member=member, actor=people["far_resident"])
    assert TeamMember.objects.filter(project=team_project).count() == 1
    actions.team_member_add(
        project=team_project, profile=other, role="翻译", actor=people["neighbour"]
    )
    assert TeamMember.objects.filter(project=team_project).count() == 2
    with pytest.raises(ValidationError):
        actions.team_member_add(
            project=team_project, profile=other, role="again", actor=people["staff"]
        )


def test_team_draws_only_on_consenting_talent(people, skills, project):
    withdrawn = declare(people["resident"], [skills["翻译"]])
    profile_withdraw(person=people["resident"])
    withdrawn.refresh_from_db()
    with pytest.raises(ValidationError):
        actions.team_member_add(
            project=project, profile=withdrawn, role="翻译", actor=people["staff"]
        )
    with pytest.raises(ValidationError):
        actions.team_member_add(project=project, profile=None, role="翻译", actor=people["staff"])
    assert not TeamMember.objects.exists()


def test_joining_the_team_awards_points_once_and_notifies(people, team_project):
    assert (
        PointsEntry.objects.filter(person=people["neighbour"], reason="projects.work").count() == 1
    )
    assert Notification.objects.filter(
        recipient=people["neighbour"], kind="projects.team_added"
    ).exists()
    assert AuditEntry.objects.filter(
        action="projects.team_add", subject=people["neighbour"]
    ).exists()


def test_versions_are_numbered_keep_files_and_answer_feedback(people, team_project):
    v1 = actions.version_create(
        project=team_project, summary="第一稿", uploads=[image_upload()], actor=people["neighbour"]
    )
    v2 = actions.version_create(
        project=team_project,
        summary="东移 15 米",
        uploads=[image_upload("b.png", fmt="PNG"), SimpleUploadedFile("n.pdf", PDF)],
        answers=[
            ("reply", "7 号楼居民的回复", "/forum/t/3/#r9", 9),
            ("request", "异味诉求", "", None),
        ],
        actor=people["neighbour"],
    )
    assert (v1.number, v2.number) == (1, 2)
    assert sorted(DesignFile.objects.filter(version=v2).values_list("kind", flat=True)) == [
        "image",
        "pdf",
    ]
    assert list(Link.objects.filter(version=v2).values_list("kind", "object_id")) == [
        ("reply", 9),
        ("request", None),
    ]
    assert Project.objects.get(pk=team_project.pk).version_count == 2
    assert PointsEntry.objects.filter(
        person=people["neighbour"], key=f"projects.version:{v2.pk}"
    ).exists()


def test_wrong_file_type_saves_no_version(people, team_project):
    bad = SimpleUploadedFile("design.pdf", b"GIF89a not really", content_type="application/pdf")
    with pytest.raises(ValidationError):
        actions.version_create(
            project=team_project,
            summary="x",
            uploads=[image_upload(), bad],
            actor=people["neighbour"],
        )
    with pytest.raises(ValidationError):
        actions.version_create(
            project=team_project, summary="x", uploads=[], actor=people["neighbour"]
        )
    with pytest.raises(ValidationError):
        actions.version_create(
            project=team_project, summary=" ", uploads=[image_upload()], actor=people["neighbour"]
        )
    with pytest.raises(ValidationError):
        actions.version_create(
            project=team_project,
            summary="x",
            uploads=[image_upload()],
            answers=[("reply", "r", "https://evil/", None)],
            actor=people["neighbour"],
        )
    assert not DesignVersion.objects.exists() and not DesignFile.objects.exists()
    assert Project.objects.get(pk=team_project.pk).version_count == 0


def test_outsider_cannot_add_a_version(people, team_project):
    with pytest.raises(PermissionDenied):
        actions.version_create(
            project=team_project, summary="x", uploads=[image_upload()], actor=people["resident"]
        )


def test_comments_are_sanitised_and_counted(people, version):
    comment = actions.comment_add(
        version=version,
        body="<script>x()</script> **好** [a](javascript:alert(1))",
        actor=people["resident"],
    )
    assert (
        "<script>" not in comment.body_html
        and "<strong>好</strong>" in comment.body_html
        and 'href="javascript' not in comment.body_html
    )
    assert DesignVersion.objects.get(pk=version.pk).comment_count == 1
    assert Project.objects.get(pk=version.project_id).comment_count == 1
    with pytest.raises(ValidationError):
        actions.comment_add(version=version, body="   ", actor=people["resident"])
    for who in ["unverified", "other_staff", "street_staff"]:
        with pytest.raises(PermissionDenied):
            actions.comment_add(version=version, body="hi", actor=people[who])
    assert Comment.objects.count() == 1


def test_rating_only_after_completion_and_counted_once_per_person(people, project):
    with pytest.raises(PermissionDenied):
        actions.rating_set(project=project, score=5, actor=people["resident"])
    actions.project_stage_change(
        project=project, to_stage="completed", reason="小工程，一步到位", actor=people["staff"]
    )
    actions.rating_set(project=project, score=5, actor=people["resident"])
    actions.rating_set(project=project, score=3, actor=people["resident"])
    actions.rating_set(project=project, score=4, actor=people["housemate"])
    project.refresh_from_db()
    assert (project.rating_count, project.rating_sum, project.rating_average) == (2, 7, 3.5)
    with pytest.raises(ValidationError):
        actions.rating_set(project=project, score=6, actor=people["resident"])
    with pytest.raises(PermissionDenied):
        actions.rating_set(project=project, score=5, actor=people["other_staff"])
    assert Rating.objects.count() == 2


def test_completion_awards_team_points(people, team_project):
    actions.project_stage_change(
        project=team_project, to_stage="completed", reason="小工程", actor=people["staff"]
    )
    assert PointsEntry.objects.filter(
        person=people["neighbour"],
        key=f"projects.completed:{team_project.pk}:{people['neighbour'].pk}",
    ).exists()


def test_links_are_generic_and_stay_on_site(people, team_project):
    link = actions.link_add(
        project=team_project,
        kind="decision",
        label="选址表决",
        url="/decide/5/",
        object_id=5,
        actor=people["neighbour"],
    )
    assert (link.kind, link.object_id) == ("decision", 5)
    with pytest.raises(ValidationError):
        actions.link_add(
            project=team_project,
            kind="decision",
            label="x",
            url="javascript:alert(1)",
            actor=people["staff"],
        )
    with pytest.raises(ValidationError):
        actions.link_add(project=team_project, kind="spaceship", label="x", actor=people["staff"])
    with pytest.raises(PermissionDenied):
        actions.link_add(project=team_project, kind="topic", label="x", actor=people["resident"])
    assert Link.objects.count() == 1


def test_place_on_site_plan_must_be_inside_it(people, project, tree):
    plan = actions.site_plan_upload(
        compound=tree.compound, upload=image_upload(size=(400, 200)), actor=people["staff"]
    )
    fields = dict(
        title=project.title,
        description=project.description,
        place_text="",
        compound=tree.compound,
        budget=None,
        site_plan=plan,
    )
    with pytest.raises(ValidationError):
        actions.project_update(
            project=project, actor=people["staff"], point_x=120, point_y=5, **fields
        )
    updated = actions.project_update(
        project=project, actor=people["staff"], point_x=25, point_y=50, **fields
    )
    assert updated.has_point and float(updated.point_x) == 25.0
    with pytest.raises(PermissionDenied):
        actions.site_plan_upload(
            compound=tree.compound, upload=image_upload(), actor=people["resident"]
        )


def test_photos_are_checked(people, project):
    with pytest.raises(ValidationError):
        actions.photo_add(
            project=project,
            kind="before",
            upload=SimpleUploadedFile("x.jpg", PDF),
            actor=people["staff"],
        )
    with pytest.raises(ValidationError):
        actions.photo_add(
            project=project, kind="during", upload=image_upload(), actor=people["staff"]
        )
    photo = actions.photo_add(
        project=project,
        kind="after",
        upload=image_upload(exif=True),
        caption="新样子",
        actor=people["staff"],
    )
    assert photo.width == 120
