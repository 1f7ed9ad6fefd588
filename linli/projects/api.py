"""/api/v1/projects/: projects with their timeline, team, versions and links; comments, ratings, stage, team, links."""

from datetime import datetime
from decimal import Decimal

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Path, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from linli.api.auth import signed_in
from linli.api.schemas import MAX_ID, SLUG, choices
from linli.community.models import Neighborhood
from linli.core.paging import Mapped, Pages
from linli.core.perms import require
from linli.talent.models import TalentProfile

from . import actions, selectors
from .models import Link, Project, Stage, TeamMember

router = Router(tags=["projects"])
PREFIX = "/projects"


class ProjectOut(Schema):
    id: int
    neighborhood: str
    title: str
    stage: str
    compound: str | None
    place: str
    point: list[Decimal] | None = Field(None, description="x and y in % of the site plan")
    budget: Decimal | None
    version_count: int
    comment_count: int
    rating_count: int
    rating_average: float | None
    url: str


class StageChangeOut(Schema):
    from_stage: str
    to_stage: str
    reason: str
    by: str | None
    at: datetime


class MemberOut(Schema):
    id: int
    name: str
    role: str


class LinkOut(Schema):
    kind: str
    object_id: int | None
    label: str
    url: str


class FileOut(Schema):
    kind: str
    name: str
    url: str
    size: int


class VersionOut(Schema):
    number: int
    summary: str
    created_at: datetime
    comment_count: int
    files: list[FileOut]
    answers: list[LinkOut] = []


class ProjectDetailOut(ProjectOut):
    description: str
    timeline: list[StageChangeOut]
    team: list[MemberOut]
    versions: list[VersionOut]
    links: list[LinkOut]


class CommentOut(Schema):
    id: int
    author: str
    body_html: str
    created_at: datetime


class CommentIn(Schema):
    body: str = Field(..., min_length=1, max_length=4000)


class StageIn(Schema):
    to_stage: Stage
    reason: str = Field("", max_length=500)


class RatingIn(Schema):
    score: int = Field(..., ge=1, le=5)


class RatingOut(Schema):
    score: int
    rating_count: int
    rating_average: float | None


class TeamIn(Schema):
    profile: int = Field(..., ge=1, le=MAX_ID, description="A talent profile id")
    role: str = Field(..., min_length=1, max_length=60)


class LinkIn(Schema):
    kind: choices(Link.Kind)  # (in place: moderation and sorting have a `Kind` too)
    label: str = Field(..., min_length=1, max_length=200)
    url: str = Field("", max_length=300)
    object_id: int | None = Field(None, ge=1, le=MAX_ID)
    version: int | None = Field(
        None,
        ge=1,
        le=100_000,
        description="The design version's number, if the link is feedback it answers",
    )


def _clean(text):
    return (text or "").replace("\x00", "")


def _project(p: Project) -> dict:
    return {
        "id": p.pk,
        "neighborhood": p.neighborhood.slug,
        "title": p.title,
        "stage": p.stage,
        "compound": p.compound.name if p.compound_id else None,
        "place": p.place_text,
        "point": [p.point_x, p.point_y] if p.has_point else None,
        "budget": p.budget,
        "version_count": p.version_count,
        "comment_count": p.comment_count,
        "rating_count": p.rating_count,
        "rating_average": p.rating_average,
        "url": p.get_absolute_url(),
    }


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


@router.get(
    "", response=list[ProjectOut], summary="Projects of a neighborhood, newest activity first"
)
@paginate(Pages)
def project_list(
    request, neighborhood: str = Query(..., pattern=SLUG, max_length=50), stage: Stage | None = None
):
    n = get_object_or_404(Neighborhood, slug=neighborhood)
    require(request.user, "community.view_neighborhood", n)
    return Mapped(
        selectors.project_list(neighborhood=n, stage=stage.value if stage else "").select_related(
            "neighborhood"
        ),
        _project,
    )


@router.get(
    "/{project_id}",
    response=ProjectDetailOut,
    summary="A project with its timeline, team, design versions and links",
)
def project_detail(request, project_id: int = Path(..., ge=1, le=MAX_ID)):
    _load(request, project_id)
    p = selectors.project_detail(project_id)
    return {
        **_project(p),
        "description": p.description,
        "timeline": [
            {
                "from_stage": c.from_stage,
                "to_stage": c.to_stage,
                "reason": c.reason,
                "by": c.changed_by.public_name if c.changed_by else None,
                "at": c.changed_at,
            }
            for c in p.stage_changes.all()
        ],
        "team": [{"id": m.pk, "name": m.person.public_name, "role": m.role} for m in p.team.all()],
        "versions": [_version(v) for v in p.versions.all()],
        "links": [_link(link) for link in p.project_links],
    }


@router.get(
    "/{project_id}/versions/{number}",
    response=VersionOut,
    summary="One design version with its files and the feedback it answers",
)
def version_detail(
    request, project_id: int = Path(..., ge=1, le=MAX_ID), number: int = Path(..., ge=1, le=100_000)
):
    project = _load(request, project_id)
    version = selectors.version_detail(project, number)
    if version is None:
        raise Http404
    return _version(version, answers=True)


@router.post(
    "/{project_id}/versions",
    response={201: VersionOut},
    auth=signed_in,
    summary="Publish a design version (multipart: summary and files; committee staff or the team)",
)
def version_create(
    request,
    project_id: int = Path(..., ge=1, le=MAX_ID),
    summary: str = Form(..., min_length=1, max_length=4000),
    files: list[UploadedFile] = File(...),
):
    project = _load(request, project_id, "projects.add_version")
    version = actions.version_create(
        project=project, summary=_clean(summary), uploads=files, actor=request.user
    )
    return Status(201, _version(selectors.version_detail(project, version.number), answers=True))


@router.get(
    "/{project_id}/versions/{number}/comments",
    response=list[CommentOut],
    summary="Comments on a design version, oldest first",
)
@paginate(Pages)
def comment_list(
    request, project_id: int = Path(..., ge=1, le=MAX_ID), number: int = Path(..., ge=1, le=100_000)
):
    project = _load(request, project_id)
    version = selectors.version_detail(project, number)
    if version is None:
        raise Http404
    return Mapped(
        selectors.comments_of(version),
        lambda c: {
            "id": c.pk,
            "author": c.author.public_name if c.author else "",
            "body_html": c.body_html,
            "created_at": c.created_at,
        },
    )


@router.post(
    "/{project_id}/versions/{number}/comments",
    response={201: CommentOut},
    auth=signed_in,
    summary="Comment on a design version (residents of the neighborhood)",
)
def comment_add(
    request,
    data: CommentIn,
    project_id: int = Path(..., ge=1, le=MAX_ID),
    number: int = Path(..., ge=1, le=100_000),
):
    project = _load(request, project_id, "projects.comment")
    version = selectors.version_detail(project, number)
    if version is None:
        raise Http404
    version.project = project
    c = actions.comment_add(version=version, body=_clean(data.body), actor=request.user)
    return Status(
        201,
        {
            "id": c.pk,
            "author": request.user.public_name,
            "body_html": c.body_html,
            "created_at": c.created_at,
        },
    )


@router.post(
    "/{project_id}/stage",
    response=StageChangeOut,
    auth=signed_in,
    summary="Move the project to another stage (committee staff; a skipped stage needs a reason)",
)
def stage_change(request, data: StageIn, project_id: int = Path(..., ge=1, le=MAX_ID)):
    project = _load(request, project_id, "projects.change_stage")
    c = actions.project_stage_change(
        project=project,
        to_stage=data.to_stage.value,
        reason=_clean(data.reason),
        actor=request.user,
    )
    return {
        "from_stage": c.from_stage,
        "to_stage": c.to_stage,
        "reason": c.reason,
        "by": request.user.public_name,
        "at": c.changed_at,
    }


@router.post(
    "/{project_id}/rating",
    response=RatingOut,
    auth=signed_in,
    summary="Rate a completed project 1–5 (residents; rating again replaces)",
)
def rate(request, data: RatingIn, project_id: int = Path(..., ge=1, le=MAX_ID)):
    project = _load(request, project_id, "projects.rate")
    rating = actions.rating_set(project=project, score=data.score, actor=request.user)
    project.refresh_from_db(fields=["rating_count", "rating_sum"])
    return {
        "score": rating.score,
        "rating_count": project.rating_count,
        "rating_average": project.rating_average,
    }


@router.post(
    "/{project_id}/team",
    response={201: MemberOut},
    auth=signed_in,
    summary="Add a talent to the team (committee staff or a team member)",
)
def team_add(request, data: TeamIn, project_id: int = Path(..., ge=1, le=MAX_ID)):
    project = _load(request, project_id, "projects.edit_team")
    profile = TalentProfile.objects.select_related("person").filter(pk=data.profile).first()
    member = actions.team_member_add(
        project=project, profile=profile, role=_clean(data.role), actor=request.user
    )
    return Status(201, {"id": member.pk, "name": profile.person.public_name, "role": member.role})


@router.delete(
    "/{project_id}/team/{member_id}",
    response={204: None},
    auth=signed_in,
    summary="Remove someone from the team (committee staff or a team member)",
)
def team_remove(
    request,
    project_id: int = Path(..., ge=1, le=MAX_ID),
    member_id: int = Path(..., ge=1, le=MAX_ID),
):
    project = _load(request, project_id, "projects.edit_team")
    member = get_object_or_404(TeamMember, pk=member_id, project=project)
    member.project = project
    actions.team_member_remove(member=member, actor=request.user)
    return Status(204, None)


@router.post(
    "/{project_id}/links",
    response={201: LinkOut},
    auth=signed_in,
    summary="Link a topic, reply, consultation, decision or request (staff or the team)",
)
def link_add(request, data: LinkIn, project_id: int = Path(..., ge=1, le=MAX_ID)):
    project = _load(request, project_id, "projects.add_link")
    version = None
    if data.version is not None:
        version = selectors.version_detail(project, data.version)
        if version is None:
            raise Http404
    link = actions.link_add(
        project=project,
        kind=data.kind.value,
        label=_clean(data.label),
        url=_clean(data.url),
        object_id=data.object_id,
        version=version,
        actor=request.user,
    )
    return Status(201, _link(link))
