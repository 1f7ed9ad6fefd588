"""Project pages: who may do what, forms without JavaScript, files through the rules, constant queries."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from linli.projects import actions
from linli.projects.models import Comment, DesignVersion, Project, StageChange, TeamMember

from .conftest import PDF, image_upload


def test_public_pages_show_the_project_and_its_timeline(client, project, version):
    body = client.get(project.get_absolute_url()).content.decode()
    assert "垃圾分类房" in body and "<strong>分类房</strong>" in body
    assert client.get(version.get_absolute_url()).status_code == 200
    assert client.get(reverse("projects:project-list", args=["nb"])).status_code == 200


def test_staff_create_a_project_through_the_form(login, people, tree):
    c = login(people["staff"])
    url = reverse("projects:project-create", args=["nb"])
    response = c.post(
        url, {"title": "儿童游乐区", "description": "需求征集", "place_text": "", "budget": ""}
    )
    assert response.status_code == 200 and "has-error" in response.content.decode()
    response = c.post(
        url,
        {
            "title": "儿童游乐区",
            "description": "需求征集",
            "place_text": "中心绿地",
            "budget": "5000",
        },
    )
    assert response.status_code == 302 and Project.objects.get().budget == 5000
    assert (
        login(people["resident"])
        .post(url, {"title": "x", "description": "y", "place_text": "z"})
        .status_code
        == 403
    )


def test_stage_form_refuses_a_skip_without_reason(login, people, project):
    c = login(people["staff"])
    url = reverse("projects:stage-change", args=[project.pk])
    c.post(url, {"to_stage": "decision", "reason": ""})
    assert Project.objects.get(pk=project.pk).stage == "need"
    c.post(url, {"to_stage": "design", "reason": ""})
    assert Project.objects.get(pk=project.pk).stage == "design"
    assert login(people["resident"]).post(url, {"to_stage": "consultation"}).status_code == 403
    assert StageChange.objects.filter(project=project).count() == 2


def test_resident_outside_the_team_cannot_edit_it(login, people, team_project, designer):
    c = login(people["resident"])
    url = reverse("projects:team", args=[team_project.pk])
    assert c.get(url).status_code == 403
    assert c.post(url, {"profile": designer.pk, "role": "x"}).status_code == 403
    member = TeamMember.objects.get()
    assert c.post(url, {"remove": member.pk}).status_code == 403
    assert TeamMember.objects.count() == 1
    assert login(people["neighbour"]).get(url + "?q=景观").status_code == 200


def test_version_upload_form_with_a_wrong_file_changes_nothing(login, people, team_project):
    c = login(people["neighbour"])
    url = reverse("projects:version-create", args=[team_project.pk])
    response = c.post(
        url,
        {
            "summary": "x",
            "files": [image_upload(), SimpleUploadedFile("evil.jpg", b"<html>", "image/jpeg")],
            "answer-TOTAL_FORMS": "3",
            "answer-INITIAL_FORMS": "0",
        },
    )
    assert (
        response.status_code == 200
        and 'class="errors"' in response.content.decode()
        and "evil.jpg" in response.content.decode()
    )
    assert not DesignVersion.objects.exists()
    response = c.post(
        url,
        {
            "summary": "东移",
            "files": [image_upload(), SimpleUploadedFile("n.pdf", PDF, "application/pdf")],
            "answer-TOTAL_FORMS": "3",
            "answer-INITIAL_FORMS": "0",
            "answer-0-kind": "reply",
            "answer-0-label": "7 号楼的回复",
            "answer-0-url": "/forum/t/1/",
        },
    )
    assert response.status_code == 302
    version = DesignVersion.objects.get()
    assert version.files.count() == 2 and version.answers.get().label == "7 号楼的回复"


def test_comment_form(login, people, version):
    url = reverse("projects:comment-add", args=[version.project_id, version.number])
    response = login(people["resident"]).post(url, {"body": "支持这个方案"})
    assert response.status_code == 302 and Comment.objects.count() == 1
    assert login(people["unverified"]).post(url, {"body": "x"}).status_code == 403
    assert Comment.objects.count() == 1


def test_rating_form_only_when_completed(login, people, project):
    url = reverse("projects:rate", args=[project.pk])
    assert login(people["resident"]).post(url, {"score": "5"}).status_code == 403
    actions.project_stage_change(
        project=project, to_stage="completed", reason="小工程", actor=people["staff"]
    )
    login(people["resident"]).post(url, {"score": "4"})
    assert Project.objects.get(pk=project.pk).rating_average == 4


def test_place_is_marked_by_clicking_the_plan_without_javascript(login, people, project, tree):
    plan = actions.site_plan_upload(
        compound=tree.compound, upload=image_upload(size=(640, 320)), actor=people["staff"]
    )
    c = login(people["staff"])
    assert c.get(reverse("projects:siteplan-file", args=[plan.pk]) + "?w=320").status_code == 200
    c.post(
        reverse("projects:project-place", args=[project.pk]),
        {"plan": plan.pk, "pt.x": "80", "pt.y": "40"},
    )
    project.refresh_from_db()
    assert (float(project.point_x), float(project.point_y)) == (25.0, 25.0)
    assert "<circle" in c.get(project.get_absolute_url()).content.decode()


def test_files_are_served_through_the_rules_with_safe_headers(client, version):
    f = version.files.get()
    response = client.get(reverse("projects:design-file", args=[f.pk]))
    assert (
        response.status_code == 200
        and response["Content-Type"] == "image/jpeg"
        and response["X-Content-Type-Options"] == "nosniff"
    )
    assert client.get(reverse("projects:design-file", args=[999999])).status_code == 404


def test_compare_shows_two_versions(client, people, team_project):
    for n in range(3):
        actions.version_create(
            project=team_project,
            summary=f"稿 {n + 1}",
            uploads=[image_upload()],
            actor=people["neighbour"],
        )
    body = client.get(
        reverse("projects:version-compare", args=[team_project.pk]) + "?a=1&b=3"
    ).content.decode()
    assert "稿 1" in body and "稿 3" in body and "稿 2" not in body


def _grow(project, people, n, start):
    for i in range(start, start + n):
        version = actions.version_create(
            project=project, summary=f"稿 {i}", uploads=[image_upload()], actor=people["staff"]
        )
        actions.link_add(project=project, kind="topic", label=f"议题 {i}", actor=people["staff"])
        Comment.objects.bulk_create(
            [
                Comment(
                    version=version, author=people["resident"], body="好", body_html="<p>好</p>"
                )
                for _ in range(5)
            ]
        )
        last = DesignVersion.objects.filter(project=project).order_by("-number").first()
        Comment.objects.bulk_create(
            [
                Comment(version=last, author=people[w], body="好", body_html="<p>好</p>")
                for w in ("housemate", "neighbour", "far_resident")
            ]
        )
        actions.photo_add(
            project=project, kind="before", upload=image_upload(), actor=people["staff"]
        )


PAGES = [
    ("resident", lambda p: p.get_absolute_url()),
    (None, lambda p: p.get_absolute_url()),
    ("staff", lambda p: p.get_absolute_url()),
    ("resident", lambda p: reverse("projects:version-detail", args=[p.pk, 1])),
    ("resident", lambda p: reverse("projects:version-compare", args=[p.pk])),
    ("resident", lambda p: reverse("projects:project-list", args=["nb"])),
    ("neighbour", lambda p: reverse("projects:team", args=[p.pk]) + "?q=设计"),
]


@pytest.mark.parametrize("who,url", PAGES, ids=[f"page{i}" for i in range(len(PAGES))])
def test_pages_have_constant_query_counts(
    client, login, people, team_project, who, url, django_assert_max_num_queries
):
    _grow(team_project, people, 2, 0)
    c = login(people[who]) if who else client
    with CaptureQueriesContext(connection) as small:
        assert c.get(url(team_project)).status_code == 200
    _grow(team_project, people, 8, 2)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert c.get(url(team_project)).status_code == 200


def test_home_card_and_sitemap_list_the_project(client, login, people, project):
    assert project.title in login(people["resident"]).get("/").content.decode()
    assert project.get_absolute_url() in client.get("/sitemap.xml").content.decode()


def test_privacy_export_lists_comments_and_roles(people, version):
    from linli.projects import privacy

    actions.comment_add(version=version, body="好", actor=people["neighbour"])
    data = privacy.export(people["neighbour"])
    assert (
        data["project_comments"][0]["body"] == "好"
        and data["project_roles"][0]["role"] == "设计组长"
    )
    privacy.anonymise(people["neighbour"])
    assert (
        not TeamMember.objects.filter(person=people["neighbour"]).exists()
        and Comment.objects.count() == 1
    )


def test_staff_find_talent_for_a_project_and_invite_them(login, people, project, designer):
    from linli.talent.models import Invitation

    c = login(people["staff"])
    body = c.get(project.get_absolute_url()).content.decode()
    start = body.index("/talent/n/nb/match/?q=")
    link = body[start : body.index('"', start)].replace("&amp;", "&")
    match = c.get(link).content.decode()
    assert f"/talent/p/{designer.pk}/?kind=project" in match
    c.post(
        f"/talent/p/{designer.pk}/",
        {
            "target_kind": "project",
            "target_id": project.pk,
            "target_label": project.title,
            "target_url": project.get_absolute_url(),
        },
    )
    invitation = Invitation.objects.get()
    assert (invitation.target_kind, invitation.target_id, invitation.target_url) == (
        "project",
        project.pk,
        project.get_absolute_url(),
    )


def test_link_and_photo_pages_work_without_javascript_and_refuse_bad_input(login, people, project):
    from linli.projects.models import Link, Photo

    c = login(people["staff"])
    assert c.get(reverse("projects:link-add", args=[project.pk])).status_code == 200
    response = c.post(
        reverse("projects:link-add", args=[project.pk]),
        {"kind": "topic", "label": "选址讨论", "url": "https://elsewhere.example/"},
    )
    assert (
        response.status_code == 200
        and "has-error" in response.content.decode()
        and not Link.objects.exists()
    )
    assert (
        c.post(
            reverse("projects:link-add", args=[project.pk]),
            {"kind": "topic", "label": "选址讨论", "url": "/forum/t/1/"},
        ).status_code
        == 302
    )
    response = c.post(
        reverse("projects:photo-add", args=[project.pk]),
        {"kind": "before", "image": SimpleUploadedFile("a.jpg", b"MZ not an image")},
    )
    assert (
        response.status_code == 200
        and "a.jpg" in response.content.decode()
        and not Photo.objects.exists()
    )
    assert (
        c.post(
            reverse("projects:photo-add", args=[project.pk]),
            {"kind": "before", "image": image_upload()},
        ).status_code
        == 302
    )
    assert (
        login(people["resident"]).get(reverse("projects:photo-add", args=[project.pk])).status_code
        == 403
    )
