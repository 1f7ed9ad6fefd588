"""/api/v1/spaces/: spaces, their week, free slots, and bookings (the same rules as the pages)."""

from datetime import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from linli.api.auth import signed_in
from linli.api.schemas import MAX_ID, Body, IsoDate
from linli.core.paging import Mapped, Pages
from linli.core.perms import require

from . import actions, selectors
from .models import Booking, Space

router = Router(tags=["spaces"])
PREFIX = "/spaces"


class SpaceOut(Schema):
    id: int
    neighborhood: str
    name: str
    name_en: str
    location: str
    description: str
    rules: str
    area: int | None
    capacity: int
    opens_at: str
    closes_at: str
    max_minutes: int
    max_open_per_household: int
    active: bool


class BookingOut(Schema):
    id: int
    space_id: int
    kind: str
    purpose: str
    starts_at: datetime
    ends_at: datetime
    status: str
    reason: str
    mine: bool


class SlotOut(Schema):
    starts_at: datetime
    ends_at: datetime


class BookingIn(Schema):
    starts_at: datetime
    ends_at: datetime
    purpose: str = Field(..., min_length=1, max_length=200)
    weeks: int = Field(
        1, ge=1, le=actions.MAX_WEEKS, description="1 for once; more for the same time every week"
    )


class BookingReasonIn(Body):
    reason: str = Field("", max_length=300)


class SlotQuery(Schema):
    date: IsoDate
    minutes: int = Field(60, ge=15, le=720)


class WeekQuery(Schema):
    week: IsoDate | None = Field(None, description="Any day of the week (default: this week)")


def _space(s):
    return {
        "id": s.pk,
        "neighborhood": s.neighborhood.slug,
        "name": s.name,
        "name_en": s.name_en,
        "location": s.location,
        "description": s.description,
        "rules": s.rules,
        "area": s.area,
        "capacity": s.capacity,
        "opens_at": s.opens_at.strftime("%H:%M"),
        "closes_at": s.closes_at.strftime("%H:%M"),
        "max_minutes": s.max_minutes,
        "max_open_per_household": s.max_open_per_household,
        "active": s.active,
    }


def _booking(user):
    def row(b):
        return {
            "id": b.pk,
            "space_id": b.space_id,
            "kind": b.kind,
            "purpose": b.purpose,
            "starts_at": b.starts_at,
            "ends_at": b.ends_at,
            "status": b.status,
            "reason": b.reason,
            "mine": bool(user.is_authenticated and b.requester_id == user.pk),
        }

    return row


def _aware(dt):
    return timezone.make_aware(dt, timezone.get_current_timezone()) if timezone.is_naive(dt) else dt


@router.get("/", response=list[SpaceOut], summary="Spaces that can be booked")
@paginate(Pages)
def space_list(request):
    return Mapped(
        Space.objects.select_related("neighborhood").order_by("neighborhood__name", "name", "pk"),
        _space,
    )


@router.get(
    "/bookings/mine",
    response=list[BookingOut],
    auth=signed_in,
    summary="My and my household's bookings",
)
@paginate(Pages)
def booking_mine(request):
    return Mapped(selectors.bookings_of(request.user), _booking(request.user))


@router.get("/{space_id}", response=SpaceOut, summary="One space")
def space_detail(request, space_id: int = Path(..., ge=1, le=MAX_ID)):
    space = get_object_or_404(Space.objects.select_related("neighborhood"), pk=space_id)
    require(request.user, "spaces.view_space", space)
    return _space(space)


@router.get("/{space_id}/free-slots", response=list[SlotOut], summary="Free times of a day")
def free_slots(request, space_id: int = Path(..., ge=1, le=MAX_ID), q: SlotQuery = Query(...)):
    space = get_object_or_404(Space, pk=space_id)
    require(request.user, "spaces.view_space", space)
    return [
        {"starts_at": s, "ends_at": e}
        for s, e in selectors.free_slots(space=space, day=q.date, minutes=q.minutes)
    ]


@router.get(
    "/{space_id}/week",
    response=list[BookingOut],
    summary="Open bookings of a week (Monday to Sunday)",
)
def week(request, space_id: int = Path(..., ge=1, le=MAX_ID), q: WeekQuery = Query(...)):
    space = get_object_or_404(Space.objects.select_related("neighborhood"), pk=space_id)
    require(request.user, "spaces.view_space", space)
    monday = selectors.week_of(q.week or timezone.localdate())
    days = selectors.week_view(
        space,
        monday,
        viewer=request.user,
        moderator=request.user.has_perm("moderation.review", space.neighborhood),
    )
    return [_booking(request.user)(b) for d in days for b in d["bookings"]]


@router.post(
    "/{space_id}/bookings",
    response={201: list[BookingOut]},
    auth=signed_in,
    summary="Ask to book (staff: approved at once)",
)
def booking_create(request, payload: BookingIn, space_id: int = Path(..., ge=1, le=MAX_ID)):
    space = get_object_or_404(Space.objects.select_related("neighborhood"), pk=space_id)
    made = actions.booking_request(
        space=space,
        starts_at=_aware(payload.starts_at),
        ends_at=_aware(payload.ends_at),
        purpose=payload.purpose,
        requester=request.user,
        recurrence=actions.Weekly(payload.weeks) if payload.weeks > 1 else None,
    )
    return Status(201, [_booking(request.user)(b) for b in made])


def _get_booking(booking_id):
    return get_object_or_404(Booking.objects.select_related("space__neighborhood"), pk=booking_id)


@router.post(
    "/bookings/{booking_id}/approve",
    response=BookingOut,
    auth=signed_in,
    summary="Approve a booking (staff)",
)
def booking_approve(request, booking_id: int = Path(..., ge=1, le=MAX_ID)):
    return _booking(request.user)(
        actions.booking_approve(booking=_get_booking(booking_id), actor=request.user)
    )


@router.post(
    "/bookings/{booking_id}/reject",
    response=BookingOut,
    auth=signed_in,
    summary="Decline a booking with a reason (staff)",
)
def booking_reject(request, payload: BookingReasonIn, booking_id: int = Path(..., ge=1, le=MAX_ID)):
    return _booking(request.user)(
        actions.booking_reject(
            booking=_get_booking(booking_id), actor=request.user, reason=payload.reason
        )
    )


@router.post(
    "/bookings/{booking_id}/cancel",
    response=BookingOut,
    auth=signed_in,
    summary="Cancel a booking (who booked, their household, staff)",
)
def booking_cancel(request, payload: BookingReasonIn, booking_id: int = Path(..., ge=1, le=MAX_ID)):
    return _booking(request.user)(
        actions.booking_cancel(
            booking=_get_booking(booking_id), actor=request.user, reason=payload.reason
        )
    )
