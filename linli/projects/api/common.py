"""The projects API's router and helpers."""

from django.shortcuts import get_object_or_404
from ninja import Router

from linli.core.perms import require
from linli.projects.models import Project

router = Router(tags=["projects"])


PREFIX = "/projects"


def _clean(text):
    return (text or "").replace("\x00", "")


def _link(link) -> dict:
    return {"kind": link.kind, "object_id": link.object_id, "label": link.label, "url": link.url}


def _version(v, answers=False) -> dict:
    row = {
        "number": v.number,
        "summary": v.summary,
        "created_at": v.created_at,
        "comment_count": v.comment_count,
        "files": [
            {"kind": f.kind, "name": f.name, "url": f.get_absolute_url(), "size": f.size}
            for f in v.files.all()
        ],
    }
    if answers:
        row["answers"] = [_link(a) for a in v.answers.all()]
    return row


def _load(request, project_id, perm="projects.view_project"):
    project = get_object_or_404(
        Project.objects.select_related("neighborhood", "compound"), pk=project_id
    )
    require(request.user, perm, project)
    return project
