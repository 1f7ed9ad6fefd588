"""/api/v1/decisions/: decisions, options, my ballot, casting, participation and results — the same rules as the pages."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema, Status
from ninja.pagination import paginate

from linli.api.auth import signed_in
from linli.api.schemas import MAX_ID, SLUG
from linli.community.models import Household, Neighborhood
from linli.community.predicates import led_building_ids
from linli.core.paging import Mapped, Pages
from linli.core.perms import require

from . import actions, selectors, tally
from .models import Decision

PREFIX = "/decisions"
router = Router(tags=["decisions"])


class DecisionOut(Schema):
    id: int
    title: str
    body: str
    method: str
    unit: str
    owners_only: bool
    rule: str | None
    phase: str
    voting_opens_at: datetime
    voting_closes_at: datetime
    open_ballot: bool
    round_no: int
    previous_id: int | None
    link_kind: str
    link_id: int | None
    ballot_count: int
    electorate_size: int
    published_at: datetime | None


class OptionOut(Schema):
    id: int
    position: int
    title: str
    description: str
    image: str | None
    approves: bool


class BallotIn(Schema):
    options: list[int] = Field(
        ..., max_length=30, description="Option ids; for ranked choice in order of preference"
    )
    household: int | None = Field(
        None,
        ge=1,
        le=MAX_ID,
        description="Only for a paper ballot entered by a building leader or staff",
    )
    channel: str = Field("online", pattern="^(online|paper)$")


class BallotOut(Schema):
    id: int
    channel: str
    cast_at: datetime
    options: list[int]


class BuildingParticipationOut(Schema):
    building_id: int
    compound: str
    building: str
    eligible: int
    voted: int


def _decision_row(d) -> dict:
    return {
        "id": d.pk,
        "title": d.title,
        "body": d.body,
        "method": d.method,
        "unit": d.unit,
        "owners_only": d.owners_only,
        "rule": d.rule.key if d.rule_id else None,
        "phase": d.phase,
        "voting_opens_at": d.voting_opens_at,
        "voting_closes_at": d.voting_closes_at,
        "open_ballot": d.open_ballot,
        "round_no": d.round_no,
        "previous_id": d.previous_id,
        "link_kind": d.link_kind,
        "link_id": d.link_id,
        "ballot_count": d.ballot_count,
        "electorate_size": d.electorate_size,
        "published_at": d.published_at,
    }


def _get(user, decision_id, perm="decide.view_decision"):
    decision = get_object_or_404(
        Decision.objects.with_counts().select_related("rule", "neighborhood"), pk=decision_id
    )
    require(user, perm, decision)
    return decision


@router.get(
    "/n/{slug}", response=list[DecisionOut], auth=signed_in, summary="Decisions of a neighborhood"
)
@paginate(Pages)
def decision_list(request, slug: str = Path(..., pattern=SLUG, max_length=50)):
    neighborhood = get_object_or_404(Neighborhood, slug=slug)
    require(request.user, "decide.view_decision", neighborhood)
    return Mapped(selectors.decisions_of(neighborhood).select_related("rule"), _decision_row)


@router.get("/{decision_id}", response=DecisionOut, auth=signed_in, summary="One decision")
def decision_detail(request, decision_id: int = Path(..., ge=1, le=MAX_ID)):
    return _decision_row(_get(request.user, decision_id))


@router.get(
    "/{decision_id}/options", response=list[OptionOut], auth=signed_in, summary="Its options"
)
def option_list(request, decision_id: int = Path(..., ge=1, le=MAX_ID)):
    decision = _get(request.user, decision_id)
    return [
        {
            "id": o.pk,
            "position": o.position,
            "title": o.title,
            "description": o.description,
            "image": o.image.url if o.image else None,
            "approves": o.approves,
        }
        for o in selectors.options_of(decision)
    ]


def _ballot_row(ballot):
    return {
        "id": ballot.pk,
        "channel": ballot.channel,
        "cast_at": ballot.cast_at,
        "options": selectors.my_choices(ballot),
    }


@router.get(
    "/{decision_id}/ballot",
    response={200: BallotOut, 204: None},
    auth=signed_in,
    summary="My household's (or my own) ballot",
)
def ballot_mine(request, decision_id: int = Path(..., ge=1, le=MAX_ID)):
    decision = _get(request.user, decision_id)
    ballot = selectors.my_ballot(decision, request.user)
    return _ballot_row(ballot) if ballot else Status(204, None)


@router.post(
    "/{decision_id}/ballot",
    response={201: BallotOut},
    auth=signed_in,
    summary="Cast or replace a ballot (online for my household; paper for a household, by its building leader or staff)",
)
def ballot_cast(request, payload: BallotIn, decision_id: int = Path(..., ge=1, le=MAX_ID)):
    decision = selectors.decision_for_ballot(
        decision_id
    )  # one query, with what casting checks (no turnout figure)
    if decision is None:
        raise Http404
    require(request.user, "decide.view_decision", decision)
    household = None
    if payload.household is not None:
        household = (
            Household.objects.filter(pk=payload.household, neighborhood_id=decision.neighborhood_id)
            .select_related("building")
            .first()
        )
        if household is None:
            raise PermissionDenied(_("This household is not in the electorate of this decision."))
    ballot = actions.ballot_cast(
        decision=decision,
        actor=request.user,
        option_ids=payload.options,
        household=household,
        channel=payload.channel,
    )
    return Status(
        201,
        {
            "id": ballot.pk,
            "channel": ballot.channel,
            "cast_at": ballot.cast_at,
            "options": [int(i) for i in payload.options],
        },
    )


@router.get(
    "/{decision_id}/participation",
    response=list[BuildingParticipationOut],
    auth=signed_in,
    summary="Ballots per building (who, never how)",
)
def participation(request, decision_id: int = Path(..., ge=1, le=MAX_ID)):
    decision = _get(request.user, decision_id, "decide.view_participation")
    user = request.user
    organiser = user.has_perm("decide.manage_decision", decision) or user.has_perm(
        "community.manage_neighborhood", decision.neighborhood
    )
    allowed = None if organiser else led_building_ids(user)
    rows, _compounds = selectors.participation(decision, allowed)
    return [
        {
            "building_id": r.building_id,
            "compound": r.building.compound.name,
            "building": r.building.number,
            "eligible": r.eligible,
            "voted": r.voted,
        }
        for r in rows
    ]


@router.get(
    "/{decision_id}/results",
    auth=signed_in,
    summary="The full count: votes per option, instant-runoff rounds, thresholds",
)
def results(request, decision_id: int = Path(..., ge=1, le=MAX_ID)):
    decision = _get(request.user, decision_id)
    if not decision.is_closed:
        raise PermissionDenied(_("Results are counted when voting closes."))
    result = decision.result if decision.published_at else tally.count(decision)
    return {"published": decision.published_at is not None, **result}
