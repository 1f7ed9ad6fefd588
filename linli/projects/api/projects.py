"""Projects API: projects, stages, ratings, team."""

from django.shortcuts import get_object_or_404
from ninja import Path, Query, Status
from ninja.pagination import paginate

from linli.api.auth import signed_in
from linli.api.schemas import MAX_ID, SLUG
from linli.community.models import Neighborhood
from linli.core.paging import Mapped, Pages
from linli.core.perms import require
from linli.projects import actions, selectors
from linli.projects.models import Project, Stage, TeamMember
from linli.talent.models import TalentProfile

from .common import _clean, _link, _load, _version, router
from .schemas import (
    MemberOut,
    ProjectDetailOut,
    ProjectOut,
    RatingIn,
    RatingOut,
    StageChangeOut,
    StageIn,
    TeamIn,
)


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
