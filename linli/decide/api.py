"""/api/v1/decisions/: decisions, options, my ballot, casting, participation and results — the same rules as the pages."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema, Status
from ninja.pagination import paginate

from linli.api.auth import signed_in
from linli.api.schemas import MAX_ID, SLUG, Body
from linli.community.models import Household, Neighborhood
from linli.community.predicates import led_building_ids
from linli.community.shortcuts import neighborhood_or_404
from linli.core import linkables, ratelimit
from linli.core.errors import first_message
from linli.core.paging import Mapped, Pages
from linli.core.perms import require

from . import actions, selectors, tally
from .models import Decision, Option
from .receipts import receipt_display
from .views import RECEIPT_CHECKS, receipt_message

PREFIX = "/decisions"
router = Router(tags=["decisions"])


class LinkedOut(Schema):
    kind: str
    title: str
    url: str


class DecisionOut(Schema):
    id: int
    title: str
    body: str
    method: str
    unit: str
    owners_only: bool
    compound_id: int | None = None  # an owners' assembly of this compound (业主大会)
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
    is_draft: bool = False
    linked: LinkedOut | None = Field(
        None, description="What it decides: title and page (detail only)"
    )


class DecisionCreateIn(Body):
    title: str = Field(..., min_length=1, max_length=200)
    body: str = Field("", max_length=10_000)
    method: Decision.Method = Decision.Method.SINGLE
    unit: Decision.Unit = Decision.Unit.HOUSEHOLD
    owners_only: bool = False
    open_ballot: bool = False
    voting_opens_at: datetime
    voting_closes_at: datetime
    link_kind: str = Field("", max_length=50)
    link_id: int | None = Field(None, ge=1, le=MAX_ID)
    options: list[str] = Field([], max_length=30, description="Option titles; none: only a draft")
    draft: bool = False


class DecisionPatch(Body):
    """Only the fields sent change; until voting opens (then 422: frozen)."""

    title: str | None = Field(None, min_length=1, max_length=200)
    body: str | None = Field(None, max_length=10_000)
    method: Decision.Method | None = None
    unit: Decision.Unit | None = None
    owners_only: bool | None = None
    open_ballot: bool | None = None
    voting_opens_at: datetime | None = None
    voting_closes_at: datetime | None = None
    link_kind: str | None = Field(None, max_length=50)
    link_id: int | None = Field(None, ge=1, le=MAX_ID)


class OptionPatch(Body):
    title: str = Field(..., min_length=1, max_length=120)
    description: str = Field("", max_length=5000)
    approves: bool | None = None


class Detail(Schema):
    detail: str


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
    address: str | None = Field(
        None,
        max_length=120,
        description="Instead of `household`: its address as people write it (7-1204, 7号楼1204, 7-1-1204)",
    )
    channel: str = Field("online", pattern="^(online|paper)$")
    replace_reason: str = Field(
        "",
        max_length=500,
        description="Committee staff only: why this paper ballot replaces the household's ballot "
        "(without it a household that has voted is refused with 409)",
    )


class BallotOut(Schema):
    id: int
    channel: str
    cast_at: datetime
    options: list[int]
    receipt: str = Field(
        description="The ballot's receipt code: anyone holding it can check it is counted"
    )
    cast_by: str = Field("", description="Who cast it, how and when, as the household page says")


class ReceiptIn(Schema):
    code: str = Field(..., max_length=40)


class ReceiptOut(Schema):
    status: str = Field(description="counted, replaced or unknown (never how anyone voted)")
    at: datetime | None = Field(description="When the ballot was cast (counted) or replaced")
    detail: str


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
        "compound_id": d.compound_id,
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
        "is_draft": d.is_draft,
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
    neighborhood = neighborhood_or_404(request, slug, "decide.view_decision")
    return Mapped(selectors.decisions_of(neighborhood).select_related("rule"), _decision_row)


@router.get("/{decision_id}", response=DecisionOut, auth=signed_in, summary="One decision")
def decision_detail(request, decision_id: int = Path(..., ge=1, le=MAX_ID)):
    d = _get(request.user, decision_id)
    found = linkables.describe(request.user, d.link_kind, d.link_id)
    linked = {"kind": found.kind, "title": found.title, "url": found.url} if found else None
    return {**_decision_row(d), "linked": linked}


def _link(user, neighborhood, kind, pk):
    """A link names something the person may see in this neighborhood, or nothing."""
    if not kind and pk is None:
        return "", None
    if linkables.describe(user, kind, pk, neighborhood) is None:
        raise ValidationError({"link_id": _("Choose something you can see in this neighborhood.")})
    return kind, pk


@router.post(
    "/n/{slug}",
    response={201: DecisionOut},
    auth=signed_in,
    summary="A new decision with its options (without options: only as a draft)",
)
def decision_create(
    request, payload: DecisionCreateIn, slug: str = Path(..., pattern=SLUG, max_length=50)
):
    neighborhood = get_object_or_404(Neighborhood, slug=slug)
    require(request.user, "decide.create_decision", neighborhood)
    data = payload.dict()
    data["link_kind"], data["link_id"] = _link(
        request.user, neighborhood, data["link_kind"], data["link_id"]
    )
    data["method"], data["unit"] = payload.method.value, payload.unit.value
    d = actions.decision_create(neighborhood=neighborhood, actor=request.user, **data)
    return Status(201, _decision_row(_get(request.user, d.pk)))


@router.get(
    "/n/{slug}/drafts", response=list[DecisionOut], auth=signed_in, summary="My draft decisions"
)
@paginate(Pages)
def draft_list(request, slug: str = Path(..., pattern=SLUG, max_length=50)):
    neighborhood = neighborhood_or_404(request, slug, "decide.create_decision")
    return Mapped(
        selectors.drafts_of(neighborhood, request.user).with_counts().select_related("rule"),
        _decision_row,
    )


@router.patch(
    "/{decision_id}",
    response=DecisionOut,
    auth=signed_in,
    summary="Change a decision (organisers) until voting opens; then it is frozen (422)",
)
def decision_update(request, payload: DecisionPatch, decision_id: int = Path(..., ge=1, le=MAX_ID)):
    d = _get(request.user, decision_id, "decide.edit_decision")
    changes = {
        k: (v.value if hasattr(v, "value") else v)
        for k, v in payload.dict(exclude_unset=True).items()
        if v is not None or k == "link_id"
    }
    if "link_kind" in changes or "link_id" in changes:
        changes["link_kind"], changes["link_id"] = _link(
            request.user,
            d.neighborhood,
            changes.get("link_kind", d.link_kind),
            changes.get("link_id", d.link_id),
        )
    actions.decision_update(decision=d, actor=request.user, **changes)
    return _decision_row(_get(request.user, d.pk))


@router.put(
    "/{decision_id}/options/{option_id}",
    response=OptionOut,
    auth=signed_in,
    summary="Change an option (until voting opens)",
)
def option_update(
    request,
    payload: OptionPatch,
    decision_id: int = Path(..., ge=1, le=MAX_ID),
    option_id: int = Path(..., ge=1, le=MAX_ID),
):
    d = _get(request.user, decision_id, "decide.edit_decision")
    o = get_object_or_404(Option, pk=option_id, decision=d)
    o = actions.option_update(option=o, actor=request.user, **payload.dict())
    return {
        "id": o.pk,
        "position": o.position,
        "title": o.title,
        "description": o.description,
        "image": o.image.url if o.image else None,
        "approves": o.approves,
    }


@router.delete(
    "/{decision_id}/options/{option_id}",
    response={204: None},
    auth=signed_in,
    summary="Remove an option (until voting opens; a published decision keeps one)",
)
def option_remove(
    request,
    decision_id: int = Path(..., ge=1, le=MAX_ID),
    option_id: int = Path(..., ge=1, le=MAX_ID),
):
    d = _get(request.user, decision_id, "decide.edit_decision")
    actions.option_remove(
        option=get_object_or_404(Option, pk=option_id, decision=d), actor=request.user
    )
    return Status(204, None)


@router.post(
    "/{decision_id}/publish-draft",
    response=DecisionOut,
    auth=signed_in,
    summary="Publish a draft decision (it needs an option)",
)
def draft_publish(request, decision_id: int = Path(..., ge=1, le=MAX_ID)):
    d = _get(request.user, decision_id, "decide.edit_decision")
    actions.decision_draft_publish(decision=d, actor=request.user)
    return _decision_row(_get(request.user, d.pk))


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
        "receipt": receipt_display(ballot.receipt) if ballot.receipt else "",
        "cast_by": selectors.ballot_line(ballot),
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
    response={201: BallotOut, 409: Detail},
    auth=signed_in,
    summary="Cast or replace a ballot (online for my household; paper for a household, by its building leader or staff)",
    description="A paper ballot for a household that has voted is refused (409, saying when and how it "
    "voted) unless committee staff give `replace_reason`; the household is then told.",
)
def ballot_cast(request, payload: BallotIn, decision_id: int = Path(..., ge=1, le=MAX_ID)):
    decision = selectors.decision_for_ballot(
        decision_id
    )  # one query, with what casting checks (no turnout figure)
    if decision is None:
        raise Http404
    require(request.user, "decide.view_decision", decision)
    household = None
    if payload.address:
        household = selectors.household_by_address(
            Neighborhood(pk=decision.neighborhood_id), payload.address
        )
    elif payload.household is not None:
        household = (
            Household.objects.filter(pk=payload.household, neighborhood_id=decision.neighborhood_id)
            .select_related("building")
            .first()
        )
        if household is None:
            raise PermissionDenied(_("This household is not in the electorate of this decision."))
    try:
        ballot = actions.ballot_cast(
            decision=decision,
            actor=request.user,
            option_ids=payload.options,
            household=household,
            channel=payload.channel,
            replace_reason=payload.replace_reason,
        )
    except actions.BallotExists as refused:
        return Status(409, {"detail": first_message(refused)})
    return Status(
        201,
        {
            "id": ballot.pk,
            "channel": ballot.channel,
            "cast_at": ballot.cast_at,
            "options": [int(i) for i in payload.options],
            "receipt": receipt_display(ballot.receipt),
            "cast_by": "",  # the caller cast it; GET …/ballot says it as the household page does
        },
    )


@router.post(
    "/{decision_id}/receipt",
    response={200: ReceiptOut, 429: Detail},
    auth=signed_in,
    summary="Check a ballot receipt: is the ballot with this code counted? (never how it voted)",
)
def receipt_check(request, payload: ReceiptIn, decision_id: int = Path(..., ge=1, le=MAX_ID)):
    decision = _get(request.user, decision_id)
    scopes = (("receipt-user", str(request.user.pk)), ("receipt-ip", ratelimit.client_ip(request)))
    if any(ratelimit.exceeded(s, i, limit=RECEIPT_CHECKS, window=600) for s, i in scopes):
        return Status(429, {"detail": _("Too many receipt checks. Try again in a few minutes.")})
    for s, i in scopes:
        ratelimit.hit(s, i, window=600)
    status, at = selectors.receipt_check(decision, payload.code)
    return {"status": status, "at": at, "detail": receipt_message(status, at)}


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
