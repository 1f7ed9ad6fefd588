"""/api/v1/proposals/: residents' proposals, household supports, the committee's answer and threshold."""

from datetime import datetime
from decimal import Decimal

from django.http import Http404
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from linli.api.auth import signed_in
from linli.api.schemas import MAX_ID, SLUG, Body, choices
from linli.community.shortcuts import neighborhood_or_404
from linli.core.paging import Mapped, Pages
from linli.core.perms import require

from . import actions, selectors
from .models import Proposal

router = Router(tags=["proposals"])
PREFIX = "/proposals"


class ProposalOut(Schema):
    id: int
    title: str
    status: str
    support_count: int
    needed_supports: int
    building_count: int
    needed_buildings: int
    per_building: int
    reached_at: datetime | None
    answer_due: datetime | None
    overdue: bool
    answer_kind: str
    answer_url: str
    created_at: datetime
    url: str


class ProposalDetailOut(ProposalOut):
    body_html: str
    answer_html: str
    answered_at: datetime | None


class ProposalIn(Body):
    title: str = Field(..., min_length=1, max_length=100)
    body: str = Field(..., min_length=1, max_length=5000)


class ProposalAnswerIn(Body):
    kind: choices(Proposal.Answer)  # type: ignore[valid-type]
    text: str = Field(..., min_length=1, max_length=5000)
    link_id: int | None = Field(None, ge=1, le=MAX_ID)


class ProposalRuleIO(Body):
    share_percent: Decimal = Field(..., gt=0, le=100, decimal_places=2)
    buildings: int = Field(..., ge=0, le=500)
    per_building: int = Field(..., ge=1, le=500)
    answer_days: int = Field(..., ge=1, le=365)


class ProposalSupportOut(Schema):
    proposal_id: int
    support_count: int
    status: str


def _row(p: Proposal) -> dict:
    return {
        "id": p.pk,
        "title": p.title,
        "status": p.status,
        "support_count": p.support_count,
        "needed_supports": p.needed_supports,
        "building_count": p.building_count,
        "needed_buildings": p.needed_buildings,
        "per_building": p.per_building,
        "reached_at": p.reached_at,
        "answer_due": p.answer_due,
        "overdue": p.overdue,
        "answer_kind": p.answer_kind,
        "answer_url": p.answer_url,
        "created_at": p.created_at,
        "url": p.get_absolute_url(),
    }


def _detail(p: Proposal) -> dict:
    return {
        **_row(p),
        "body_html": p.body_html,
        "answer_html": p.answer_html,
        "answered_at": p.answered_at,
    }


def _proposal(proposal_id: int) -> Proposal:
    try:
        return selectors.proposal_detail(proposal_id)
    except Proposal.DoesNotExist:
        raise Http404 from None


@router.get("/n/{slug}/proposals", response=list[ProposalOut], summary="Proposals, newest first")
@paginate(Pages)
def proposal_list(
    request,
    slug: str = Path(..., pattern=SLUG, max_length=50),
    status: str = Query("", pattern=r"^(open|agenda|answered)?$"),
):
    neighborhood = neighborhood_or_404(request, slug, "proposals.view_proposal")
    return Mapped(selectors.proposals_of(neighborhood, status), _row)


@router.post(
    "/n/{slug}/proposals",
    response={201: ProposalDetailOut},
    auth=signed_in,
    summary="Make a proposal (verified residents)",
)
def proposal_create(
    request, payload: ProposalIn, slug: str = Path(..., pattern=SLUG, max_length=50)
):
    neighborhood = neighborhood_or_404(request, slug, "proposals.create_proposal")
    p = actions.proposal_create(
        neighborhood=neighborhood, author=request.user, title=payload.title, body=payload.body
    )
    return Status(201, _detail(p))


@router.get("/n/{slug}/threshold", response=ProposalRuleIO, summary="The neighborhood's threshold")
def rule_get(request, slug: str = Path(..., pattern=SLUG, max_length=50)):
    neighborhood = neighborhood_or_404(request, slug, "proposals.view_proposal")
    r = selectors.rule_of(neighborhood)
    return {
        "share_percent": r.share_percent,
        "buildings": r.buildings,
        "per_building": r.per_building,
        "answer_days": r.answer_days,
    }


@router.put(
    "/n/{slug}/threshold",
    response=ProposalRuleIO,
    auth=signed_in,
    summary="Set the threshold (committee staff)",
)
def rule_put(request, payload: ProposalRuleIO, slug: str = Path(..., pattern=SLUG, max_length=50)):
    neighborhood = neighborhood_or_404(request, slug, "proposals.set_rule")
    actions.rule_set(neighborhood=neighborhood, actor=request.user, **payload.dict())
    return rule_get(request, slug)


@router.get("/{proposal_id}", response=ProposalDetailOut, summary="One proposal")
def proposal_detail(request, proposal_id: int = Path(..., ge=1, le=MAX_ID)):
    p = _proposal(proposal_id)
    require(request.user, "proposals.view_proposal", p)
    return _detail(p)


@router.post(
    "/{proposal_id}/supports",
    response={201: ProposalSupportOut},
    auth=signed_in,
    summary="My household supports the proposal",
)
def support(request, proposal_id: int = Path(..., ge=1, le=MAX_ID)):
    p = _proposal(proposal_id)
    require(request.user, "proposals.support_proposal", p)
    actions.support_add(proposal=p, person=request.user)
    return Status(201, {"proposal_id": p.pk, "support_count": p.support_count, "status": p.status})


@router.post(
    "/{proposal_id}/answer",
    response=ProposalDetailOut,
    auth=signed_in,
    summary="Answer a proposal on the agenda (committee staff)",
)
def answer(request, payload: ProposalAnswerIn, proposal_id: int = Path(..., ge=1, le=MAX_ID)):
    p = _proposal(proposal_id)
    require(request.user, "proposals.answer_proposal", p)
    done = actions.proposal_answer(
        proposal=p,
        actor=request.user,
        kind=payload.kind,
        text=payload.text,
        link_id=payload.link_id,
    )
    return _detail(done)
