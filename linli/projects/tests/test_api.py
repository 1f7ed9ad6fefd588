"""/api/v1/projects/: the same rules as the pages; bad input is a 4xx with a detail."""

import pytest

from linli.projects import actions
from linli.projects.models import Comment, DesignVersion, Link, Project, TeamMember

from .conftest import PDF, image_upload

API = "/api/v1/projects"


def test_list_and_detail_are_public(client, team_project, version):
    rows = client.get(f"{API}?neighborhood=nb").json()
    assert rows["count"] == 1 and rows["items"][0]["title"] == "垃圾分类房"
    detail = client.get(f"{API}/{team_project.pk}").json()
    assert [t["to_stage"] for t in detail["timeline"]] == ["need"]
    assert (
        detail["team"][0]["role"] == "设计组长"
        and detail["versions"][0]["files"][0]["kind"] == "image"
    )
    assert client.get(f"{API}/999999").status_code == 404
    assert client.get(f"{API}?neighborhood=nb&stage=nowhere").status_code == 422


def test_stage_change_without_reason_for_a_skip_is_422(login, people, project):
    c = login(people["staff"])
    response = c.post(
        f"{API}/{project.pk}/stage", {"to_stage": "construction"}, content_type="application/json"
    )
    assert response.status_code == 422 and response.json()["detail"]
    assert Project.objects.get(pk=project.pk).stage == "need"
    assert (
        c.post(
            f"{API}/{project.pk}/stage", {"to_stage": "design"}, content_type="application/json"
        ).status_code
        == 200
    )
    assert (
        login(people["resident"])
        .post(
            f"{API}/{project.pk}/stage",
            {"to_stage": "consultation"},
            content_type="application/json",
        )
        .status_code
        == 403
    )


def test_comments(client, login, people, version):
    url = f"{API}/{version.project_id}/versions/1/comments"
    assert client.post(url, {"body": "x"}, content_type="application/json").status_code == 401
    assert (
        login(people["resident"])
        .post(url, {"body": ""}, content_type="application/json")
        .status_code
        == 422
    )
    response = login(people["resident"]).post(
        url, {"body": "<img src=x onerror=alert(1)> 好"}, content_type="application/json"
    )
    assert response.status_code == 201 and "<img" not in response.json()["body_html"]
    assert client.get(url).json()["count"] == 1
    assert client.get(f"{API}/{version.project_id}/versions/9/comments").status_code == 404


def test_team_edit_by_outsider_is_403_and_changes_nothing(login, people, team_project, designer):
    member = TeamMember.objects.get()
    c = login(people["resident"])
    assert (
        c.post(
            f"{API}/{team_project.pk}/team",
            {"profile": designer.pk, "role": "x"},
            content_type="application/json",
        ).status_code
        == 403
    )
    assert c.delete(f"{API}/{team_project.pk}/team/{member.pk}").status_code == 403
    assert TeamMember.objects.count() == 1
    assert (
        login(people["staff"])
        .post(
            f"{API}/{team_project.pk}/team",
            {"profile": 999999, "role": "x"},
            content_type="application/json",
        )
        .status_code
        == 422
    )
    assert (
        login(people["neighbour"]).delete(f"{API}/{team_project.pk}/team/{member.pk}").status_code
        == 204
    )


def test_version_upload_checks_files(login, people, team_project):
    c = login(people["neighbour"])
    url = f"{API}/{team_project.pk}/versions"
    bad = c.post(
        url, {"summary": "x", "files": [image_upload(), image_upload("fake.pdf", fmt="PNG")]}
    )
    assert bad.status_code == 201  # a PNG named .pdf is still a valid image: content decides
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = c.post(url, {"summary": "x", "files": [SimpleUploadedFile("d.pdf", b"not a pdf")]})
    assert response.status_code == 422 and response.json()["detail"]
    assert DesignVersion.objects.count() == 1
    ok = c.post(url, {"summary": "v2", "files": [SimpleUploadedFile("d.pdf", PDF)]})
    assert ok.status_code == 201 and ok.json()["number"] == 2
    assert (
        login(people["resident"]).post(url, {"summary": "x", "files": [image_upload()]}).status_code
        == 403
    )


def test_rating_and_links(login, people, team_project):
    c = login(people["resident"])
    assert (
        c.post(
            f"{API}/{team_project.pk}/rating", {"score": 5}, content_type="application/json"
        ).status_code
        == 403
    )
    actions.project_stage_change(
        project=team_project, to_stage="completed", reason="小", actor=people["staff"]
    )
    assert (
        c.post(
            f"{API}/{team_project.pk}/rating", {"score": 9}, content_type="application/json"
        ).status_code
        == 422
    )
    assert (
        c.post(
            f"{API}/{team_project.pk}/rating", {"score": 4}, content_type="application/json"
        ).json()["rating_average"]
        == 4
    )
    staff = login(people["staff"])
    assert (
        staff.post(
            f"{API}/{team_project.pk}/links",
            {"kind": "request", "label": "异味", "object_id": 12},
            content_type="application/json",
        ).status_code
        == 201
    )
    assert (
        staff.post(
            f"{API}/{team_project.pk}/links",
            {"kind": "request", "label": "x", "url": "http://evil"},
            content_type="application/json",
        ).status_code
        == 422
    )
    assert (
        staff.post(
            f"{API}/{team_project.pk}/links",
            {"kind": "reply", "label": "x", "version": 5},
            content_type="application/json",
        ).status_code
        == 404
    )
    assert Link.objects.count() == 1


@pytest.mark.parametrize("body", ["{", '{"body": 5}', '{"body": "' + "x" * 5000 + '"}'])
def test_malformed_bodies_are_4xx(login, people, version, body):
    response = login(people["resident"]).post(
        f"{API}/{version.project_id}/versions/1/comments", body, content_type="application/json"
    )
    assert 400 <= response.status_code < 500 and "detail" in response.json()
    assert Comment.objects.count() == 0
