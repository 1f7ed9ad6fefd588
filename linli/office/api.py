"""/api/v1/requests/ and /api/v1/reception/: the same actions and rules as the pages."""

from dataclasses import asdict
from datetime import datetime, timedelta
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from linli.api.auth import signed_in
from linli.api.schemas import MAX_ID, SLUG
from linli.community.models import Building, Neighborhood
from linli.community.shortcuts import neighborhood_or_404
from linli.core.paging import Mapped, Pages
from linli.core.perms import require

from . import actions, selectors
from .actions.reception import slot_starts
from .models import Category, Occurrence, ReceptionSlot, Request

router = Router(tags=["office"])
PREFIX = "/"


class CategoryOut(Schema):
    id: int
    code: str
    name: str
    name_en: str
    party: str
    accept_hours: int
    resolve_hours: int


class ReporterOut(Schema):
    """The reporter's details this caller may see (null where not): committee staff all,
    the party handling it the room and (if the reporter agreed) the phone, others none."""

    name: str | None
    phone: str | None
    email: str | None
    room: str | None


class RequestOut(Schema):
    id: int
    neighborhood: str
    category: str
    category_id: int
    party: str
    status: str
    status_note: str
    description: str
    building_id: int | None
    place: str
    lat: Decimal | None
    long: Decimal | None
    public: bool
    overdue: bool
    follower_count: int
    rating: int | None
    created_at: datetime
    updated_at: datetime
    accept_due: datetime
    resolve_due: datetime
    mine: bool
    share_phone: bool
    reporter: ReporterOut


class RequestIn(Schema):
    category_id: int = Field(..., ge=1, le=MAX_ID)
    description: str = Field(..., min_length=5, max_length=2000)
    building_id: int | None = Field(None, ge=1, le=MAX_ID)
    place: str = Field("", max_length=120)
    lat: Decimal | None = Field(None, ge=-90, le=90, max_digits=9, decimal_places=6)
    long: Decimal | None = Field(None, ge=-180, le=180, max_digits=9, decimal_places=6)
    public: bool = True
    share_phone: bool = Field(
        False, description="Let the party handling it see my phone (committee staff always do)."
    )


class RequestFilter(Schema):
    status: str = Field(
        "", pattern=r"^(|open|done|submitted|accepted|in_progress|resolved|closed|rejected)$"
    )
    category: int | None = Field(None, ge=1, le=MAX_ID)
    party: str = Field("", pattern=r"^(|residents_committee|owners_committee|property_manager)$")
    overdue: bool = False
    mine: bool = False


class TransitionIn(Schema):
    status: str = Field(..., pattern=r"^(accepted|in_progress|resolved|closed|rejected)$")
    note: str = Field("", max_length=500)


class TransferIn(Schema):
    party: str = Field(..., pattern=r"^(residents_committee|owners_committee|property_manager)$")
    reason: str = Field(..., min_length=1, max_length=500)


class RateIn(Schema):
    rating: int = Field(..., ge=1, le=5)
    comment: str = Field("", max_length=300)


class ReasonIn(Schema):
    reason: str = Field(..., min_length=1, max_length=500)


class FollowOut(Schema):
    following: bool
    follower_count: int


class EventOut(Schema):
    kind: str
    from_status: str
    to_status: str
    from_party: str
    to_party: str
    note: str
    created_at: datetime


class OccurrenceOut(Schema):
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    original_start: datetime
    status: str
    note: str
    where: str
    slot_minutes: int
    slot_count: int


class OccurrenceDetailOut(OccurrenceOut):
    free_slots: list[datetime]


class SlotIn(Schema):
    starts_at: datetime
    subject: str = Field(..., min_length=1, max_length=200)


class ReceptionSlotOut(Schema):
    id: int
    occurrence_id: int
    starts_at: datetime
    ends_at: datetime
    subject: str


def _request(user):
    def row(r):
        return {
            "id": r.pk,
            "neighborhood": r.neighborhood.slug,
            "category": r.category.name,
            "category_id": r.category_id,
            "party": r.party,
            "status": r.status,
            "status_note": r.status_note,
            "description": r.description,
            "building_id": r.building_id,
            "place": r.place,
            "lat": r.lat,
            "long": r.long,
            "public": r.public,
            "overdue": r.overdue,
            "follower_count": r.follower_count,
            "rating": r.rating,
            "created_at": r.created_at,
            "updated_at": r.updated_at,
            "accept_due": r.accept_due,
            "resolve_due": r.resolve_due,
            "mine": bool(user.is_authenticated and r.reporter_id == user.pk),
            "share_phone": r.share_phone,
            "reporter": asdict(selectors.reporter_view(user, r)),
        }

    return row


@router.get(
    "/requests/n/{slug}/categories",
    response=list[CategoryOut],
    summary="Request categories of a neighborhood",
)
def category_list(request, slug: str = Path(..., pattern=SLUG, max_length=50)):
    neighborhood = get_object_or_404(Neighborhood, slug=slug)
    return [
        {
            "id": c.pk,
            "code": c.code,
            "name": c.name,
            "name_en": c.name_en,
            "party": c.party,
            "accept_hours": c.accept_hours,
            "resolve_hours": c.resolve_hours,
        }
        for c in selectors.categories_of(neighborhood)
    ]


@router.get(
    "/requests/n/{slug}",
    response=list[RequestOut],
    summary="Requests of a neighborhood (public ones, mine and those my party handles; committee staff see all)",
)
@paginate(Pages)
def request_list(
    request, slug: str = Path(..., pattern=SLUG, max_length=50), filters: RequestFilter = Query(...)
):
    neighborhood = get_object_or_404(Neighborhood, slug=slug)
    qs = selectors.request_list(
        user=request.user,
        neighborhood=neighborhood,
        status=filters.status,
        category=filters.category,
        party=filters.party,
        overdue=filters.overdue,
        mine=filters.mine,
    ).select_related("neighborhood")
    return Mapped(qs, _request(request.user))


@router.post(
    "/requests/n/{slug}", response={201: RequestOut}, auth=signed_in, summary="Send a request"
)
def request_create(request, payload: RequestIn, slug: str = Path(..., pattern=SLUG, max_length=50)):
    neighborhood = neighborhood_or_404(request, slug, "office.submit_request")
    category = get_object_or_404(Category, pk=payload.category_id, neighborhood=neighborhood)
    building = (
        get_object_or_404(Building, pk=payload.building_id, neighborhood=neighborhood)
        if payload.building_id
        else None
    )
    made = actions.request_submit(
        reporter=request.user,
        neighborhood=neighborhood,
        category=category,
        description=payload.description,
        building=building,
        place=payload.place,
        lat=payload.lat,
        long=payload.long,
        public=payload.public,
        share_phone=payload.share_phone,
        source=Request.Source.API,
    )
    return Status(201, _request(request.user)(selectors.request_detail(made.pk)))


def _get(request, pk, perm="office.view_request"):
    item = get_object_or_404(
        Request.objects.select_related(
            "category", "neighborhood", "reporter", "household__building"
        ),
        pk=pk,
    )
    require(request.user, perm, item)
    return item


@router.get("/requests/{request_id}", response=RequestOut, summary="One request")
def request_detail(request, request_id: int = Path(..., ge=1, le=MAX_ID)):
    return _request(request.user)(_get(request, request_id))


@router.get("/requests/{request_id}/events", response=list[EventOut], summary="A request's history")
def request_events(request, request_id: int = Path(..., ge=1, le=MAX_ID)):
    item = _get(request, request_id)
    return [
        {
            "kind": e.kind,
            "from_status": e.from_status,
            "to_status": e.to_status,
            "from_party": e.from_party,
            "to_party": e.to_party,
            "note": e.note,
            "created_at": e.created_at,
        }
        for e in selectors.request_events(item)
    ]


def _after(request, pk):
    return _request(request.user)(selectors.request_detail(pk))


@router.post(
    "/requests/{request_id}/status",
    response=RequestOut,
    auth=signed_in,
    summary="Move a request on (the responsible party)",
)
def request_transition(
    request, payload: TransitionIn, request_id: int = Path(..., ge=1, le=MAX_ID)
):
    actions.request_transition(
        request=_get(request, request_id), actor=request.user, to=payload.status, note=payload.note
    )
    return _after(request, request_id)


@router.post(
    "/requests/{request_id}/transfer",
    response=RequestOut,
    auth=signed_in,
    summary="Hand a request to another party (joint office)",
)
def request_transfer(request, payload: TransferIn, request_id: int = Path(..., ge=1, le=MAX_ID)):
    actions.request_transfer(
        request=_get(request, request_id),
        actor=request.user,
        party=payload.party,
        reason=payload.reason,
    )
    return _after(request, request_id)


@router.post(
    "/requests/{request_id}/follow",
    response=FollowOut,
    auth=signed_in,
    summary="Me too: follow a public request",
)
def request_follow(request, request_id: int = Path(..., ge=1, le=MAX_ID)):
    item = _get(request, request_id)
    actions.request_follow(request=item, person=request.user)
    return {
        "following": True,
        "follower_count": Request.objects.values_list("follower_count", flat=True).get(pk=item.pk),
    }


@router.delete(
    "/requests/{request_id}/follow", response=FollowOut, auth=signed_in, summary="Stop following"
)
def request_unfollow(request, request_id: int = Path(..., ge=1, le=MAX_ID)):
    item = _get(request, request_id)
    actions.request_unfollow(request=item, person=request.user)
    return {
        "following": False,
        "follower_count": Request.objects.values_list("follower_count", flat=True).get(pk=item.pk),
    }


@router.post(
    "/requests/{request_id}/rate",
    response=RequestOut,
    auth=signed_in,
    summary="Rate the outcome (the reporter)",
)
def request_rate(request, payload: RateIn, request_id: int = Path(..., ge=1, le=MAX_ID)):
    actions.request_rate(
        request=_get(request, request_id),
        person=request.user,
        rating=payload.rating,
        comment=payload.comment,
    )
    return _after(request, request_id)


@router.post(
    "/requests/{request_id}/reopen",
    response=RequestOut,
    auth=signed_in,
    summary="Reopen within 7 days (the reporter)",
)
def request_reopen(request, payload: ReasonIn, request_id: int = Path(..., ge=1, le=MAX_ID)):
    actions.request_reopen(
        request=_get(request, request_id), person=request.user, reason=payload.reason
    )
    return _after(request, request_id)


def _occurrence(o):
    return {
        "id": o.pk,
        "title": o.series.title,
        "starts_at": o.starts_at,
        "ends_at": o.ends_at,
        "original_start": o.original_start,
        "status": o.status,
        "note": o.note,
        "where": o.series.where or "",
        "slot_minutes": o.series.slot_minutes,
        "slot_count": o.slot_count,
    }


def _slot(s):
    """A booked slot; its occurrence's series is loaded (for the slot length)."""
    return {
        "id": s.pk,
        "occurrence_id": s.occurrence_id,
        "starts_at": s.starts_at,
        "ends_at": s.starts_at + timedelta(minutes=s.occurrence.series.slot_minutes),
        "subject": s.subject,
    }


@router.get("/reception/n/{slug}", response=list[OccurrenceOut], summary="Upcoming reception days")
def reception_list(request, slug: str = Path(..., pattern=SLUG, max_length=50)):
    neighborhood = neighborhood_or_404(request, slug, "office.view_reception")
    return [_occurrence(o) for o in selectors.upcoming_occurrences(neighborhood)]


@router.get(
    "/reception/slots/mine",
    response=list[ReceptionSlotOut],
    auth=signed_in,
    summary="My booked slots",
)
@paginate(Pages)
def slot_mine(request):
    return Mapped(selectors.my_slots(request.user), _slot)


@router.get(
    "/reception/{occurrence_id}",
    response=OccurrenceDetailOut,
    summary="One reception day with its free slots",
)
def reception_detail(request, occurrence_id: int = Path(..., ge=1, le=MAX_ID)):
    occ = get_object_or_404(Occurrence.objects.select_related("series__space"), pk=occurrence_id)
    require(request.user, "office.view_reception", occ)
    taken = set(
        ReceptionSlot.objects.filter(occurrence=occ, cancelled_at=None).values_list(
            "starts_at", flat=True
        )
    )
    return {**_occurrence(occ), "free_slots": [s for s in slot_starts(occ) if s not in taken]}


@router.post(
    "/reception/{occurrence_id}/slots",
    response={201: ReceptionSlotOut},
    auth=signed_in,
    summary="Book a slot",
)
def slot_book(request, payload: SlotIn, occurrence_id: int = Path(..., ge=1, le=MAX_ID)):
    occ = get_object_or_404(
        Occurrence.objects.select_related("series", "neighborhood"), pk=occurrence_id
    )
    slot = actions.slot_book(
        occurrence=occ, person=request.user, starts_at=payload.starts_at, subject=payload.subject
    )
    return Status(201, _slot(slot))


@router.delete(
    "/reception/slots/{slot_id}", response={204: None}, auth=signed_in, summary="Cancel a slot"
)
def slot_cancel(request, slot_id: int = Path(..., ge=1, le=MAX_ID)):
    slot = get_object_or_404(ReceptionSlot.objects.select_related("occurrence"), pk=slot_id)
    actions.slot_cancel(slot=slot, actor=request.user)
    return Status(204, None)
