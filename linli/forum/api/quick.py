"""Forum API: quick proposals inside a topic (start, take a stance, close with the outcome)."""

from datetime import datetime

from django.http import Http404
from ninja import Field, Path, Schema, Status

from linli.api.auth import signed_in
from linli.api.schemas import MAX_ID, Body
from linli.core.perms import require
from linli.forum import actions
from linli.forum.models import QuickProposal

from .common import _visible_topic, router


class QuickProposalOut(Schema):
    id: int
    topic_id: int
    statement: str
    status: str
    closes_at: datetime
    closed_at: datetime | None
    outcome: str
    agree_count: int
    abstain_count: int
    disagree_count: int
    block_count: int


class QuickProposalIn(Body):
    statement: str = Field(..., min_length=1, max_length=300)
    closes_at: datetime


class StanceIn(Body):
    position: str = Field(..., pattern=r"^(agree|abstain|disagree|block)$")
    reason: str = Field(..., min_length=1, max_length=500)


class OutcomeIn(Body):
    outcome: str = Field(..., min_length=1, max_length=2000)


def _quick(p: QuickProposal) -> dict:
    return {
        "id": p.pk,
        "topic_id": p.topic_id,
        "statement": p.statement,
        "status": p.status,
        "closes_at": p.closes_at,
        "closed_at": p.closed_at,
        "outcome": p.outcome,
        "agree_count": p.agree_count,
        "abstain_count": p.abstain_count,
        "disagree_count": p.disagree_count,
        "block_count": p.block_count,
    }


def _visible_quick(request, proposal_id) -> QuickProposal:
    p = QuickProposal.objects.select_related("topic").filter(pk=proposal_id).first()
    if p is None:
        raise Http404
    require(request.user, "forum.view_topic", p.topic)
    return p


@router.post(
    "/topics/{topic_id}/quick-proposals",
    response={201: QuickProposalOut},
    auth=signed_in,
    summary="Start a quick proposal in a topic (its author or staff)",
)
def quick_start(request, payload: QuickProposalIn, topic_id: int = Path(..., ge=1, le=MAX_ID)):
    topic = _visible_topic(request, topic_id)
    require(request.user, "forum.start_quick_proposal", topic)
    p = actions.quick_proposal_start(
        topic=topic, author=request.user, statement=payload.statement, closes_at=payload.closes_at
    )
    return Status(201, _quick(p))


@router.get("/quick-proposals/{proposal_id}", response=QuickProposalOut, summary="A quick proposal")
def quick_detail(request, proposal_id: int = Path(..., ge=1, le=MAX_ID)):
    return _quick(_visible_quick(request, proposal_id))


@router.put(
    "/quick-proposals/{proposal_id}/stance",
    response=QuickProposalOut,
    auth=signed_in,
    summary="Take (or change) my stance, with a reason",
)
def quick_stance(request, payload: StanceIn, proposal_id: int = Path(..., ge=1, le=MAX_ID)):
    p = _visible_quick(request, proposal_id)
    require(request.user, "forum.take_stance", p)
    actions.stance_set(
        proposal=p, person=request.user, position=payload.position, reason=payload.reason
    )
    return _quick(p)


@router.post(
    "/quick-proposals/{proposal_id}/close",
    response=QuickProposalOut,
    auth=signed_in,
    summary="Close with the outcome (the proposal's author or staff)",
)
def quick_close(request, payload: OutcomeIn, proposal_id: int = Path(..., ge=1, le=MAX_ID)):
    p = _visible_quick(request, proposal_id)
    require(request.user, "forum.close_quick_proposal", p)
    return _quick(
        actions.quick_proposal_close(proposal=p, actor=request.user, outcome=payload.outcome)
    )
