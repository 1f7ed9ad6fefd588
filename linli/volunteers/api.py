"""/api/v1/volunteers/: shifts, signing up, cancelling and swapping, staff publishing and confirming, hours."""

from datetime import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Router, Schema, Status
from ninja.pagination import paginate

from linli.api.auth import signed_in
from linli.api.schemas import MAX_ID, SLUG, Body
from linli.community.shortcuts import neighborhood_or_404
from linli.core.paging import Mapped, Pages
from linli.core.perms import require

from . import actions, edit_actions, selectors
from .models import Shift, SignUp

router = Router(tags=["volunteers"])
PREFIX = "/volunteers"


class ShiftOut(Schema):
    id: int
    sort: str
    title: str
    place: str
    starts_at: datetime
    ends_at: datetime
    places: int
    taken: int
    free: int
    hours: Decimal
    status: str


class SignUpOut(Schema):
    id: int
    shift_id: int
    status: str
    hours: Decimal


class ShiftIn(Schema):
    sort: Shift.Sort = Shift.Sort.BIN_WATCH
    title: str = Field(..., min_length=1, max_length=80)
    place: str = Field(..., min_length=1, max_length=120)
    starts_at: datetime
    ends_at: datetime
    places: int = Field(..., ge=1, le=500)
    hours: Decimal | None = Field(None, ge=Decimal("0.5"), le=24, decimal_places=1)
    description: str = Field("", max_length=2000)


class ShiftPatch(Body):
    """Only the fields sent change; a new time or place is told to everyone signed up."""

    sort: Shift.Sort | None = None
    title: str | None = Field(None, min_length=1, max_length=80)
    place: str | None = Field(None, min_length=1, max_length=120)
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    places: int | None = Field(None, ge=1, le=500)
    hours: Decimal | None = Field(None, ge=Decimal("0.5"), le=24, decimal_places=1)
    description: str | None = Field(None, max_length=2000)


class SwapIn(Schema):
    to_shift_id: int = Field(..., ge=1, le=MAX_ID)


class ConfirmIn(Schema):
    attended: list[int] = Field(..., max_length=500)
    hours: Decimal | None = Field(None, ge=Decimal("0.5"), le=24, decimal_places=1)


class HoursOut(Schema):
    person_id: int
    name: str
    hours_total: Decimal
    shifts_done: int
    show_on_profile: bool


def _shift(s: Shift) -> dict:
    return {
        "id": s.pk,
        "sort": s.sort,
        "title": s.title,
        "place": s.place,
        "starts_at": s.starts_at,
        "ends_at": s.ends_at,
        "places": s.places,
        "taken": s.taken,
        "free": s.free,
        "hours": s.hours,
        "status": s.status,
    }


def _signup(s: SignUp) -> dict:
    return {"id": s.pk, "shift_id": s.shift_id, "status": s.status, "hours": s.hours}


@router.get(
    "/n/{slug}/shifts", response=list[ShiftOut], auth=signed_in, summary="Upcoming open shifts"
)
@paginate(Pages)
def shift_list(
    request, slug: str = Path(..., pattern=SLUG, max_length=50), sort: Shift.Sort | None = None
):
    neighborhood = neighborhood_or_404(request, slug, "volunteers.view_shifts")
    return Mapped(selectors.upcoming_shifts(neighborhood, sort or ""), _shift)


@router.post(
    "/n/{slug}/shifts", response={201: ShiftOut}, auth=signed_in, summary="Publish a shift (staff)"
)
def shift_create(request, payload: ShiftIn, slug: str = Path(..., pattern=SLUG, max_length=50)):
    neighborhood = neighborhood_or_404(request, slug, "volunteers.manage_shifts")
    data = payload.dict()
    for key in ("title", "place", "description"):
        data[key] = data[key].replace("\x00", "")
    return Status(
        201, _shift(actions.shift_publish(neighborhood=neighborhood, actor=request.user, **data))
    )


@router.get("/shifts/{shift_id}", response=ShiftOut, auth=signed_in, summary="One shift")
def shift_detail(request, shift_id: int = Path(..., ge=1, le=MAX_ID)):
    shift = get_object_or_404(Shift, pk=shift_id)
    require(request.user, "volunteers.view_shifts", shift)
    return _shift(shift)


@router.patch(
    "/shifts/{shift_id}",
    response=ShiftOut,
    auth=signed_in,
    summary="Edit an open shift (staff); those signed up are told of a new time or place",
)
def shift_edit(request, payload: ShiftPatch, shift_id: int = Path(..., ge=1, le=MAX_ID)):
    shift = get_object_or_404(Shift, pk=shift_id)
    require(request.user, "volunteers.edit_shift", shift)
    changes = {
        k: (v.value if hasattr(v, "value") else v)
        for k, v in payload.dict(exclude_unset=True).items()
        if v is not None
    }
    return _shift(edit_actions.shift_edit(shift=shift, actor=request.user, **changes))


@router.post(
    "/shifts/{shift_id}/signups",
    response={201: SignUpOut},
    auth=signed_in,
    summary="Sign up for a shift",
)
def signup_create(request, shift_id: int = Path(..., ge=1, le=MAX_ID)):
    shift = get_object_or_404(Shift, pk=shift_id)
    require(request.user, "volunteers.view_shifts", shift)
    return Status(201, _signup(actions.signup_create(shift=shift, person=request.user)))


@router.post(
    "/signups/{signup_id}/cancel", response=SignUpOut, auth=signed_in, summary="Cancel a sign-up"
)
def signup_cancel(request, signup_id: int = Path(..., ge=1, le=MAX_ID)):
    signup = get_object_or_404(SignUp.objects.select_related("shift"), pk=signup_id)
    require(request.user, "volunteers.change_signup", signup)
    return _signup(actions.signup_cancel(signup=signup, actor=request.user))


@router.post(
    "/signups/{signup_id}/swap",
    response=SignUpOut,
    auth=signed_in,
    summary="Move a sign-up to another shift",
)
def signup_swap(request, payload: SwapIn, signup_id: int = Path(..., ge=1, le=MAX_ID)):
    signup = get_object_or_404(SignUp.objects.select_related("shift"), pk=signup_id)
    require(request.user, "volunteers.change_signup", signup)
    to_shift = get_object_or_404(Shift, pk=payload.to_shift_id)
    return _signup(actions.signup_swap(signup=signup, to_shift=to_shift, actor=request.user))


@router.post(
    "/shifts/{shift_id}/confirm",
    response=ShiftOut,
    auth=signed_in,
    summary="Confirm a shift done and credit hours (staff)",
)
def shift_confirm(request, payload: ConfirmIn, shift_id: int = Path(..., ge=1, le=MAX_ID)):
    shift = get_object_or_404(Shift, pk=shift_id)
    require(request.user, "volunteers.manage_shifts", shift)
    actions.shift_confirm(
        shift=shift, actor=request.user, attended_ids=payload.attended, hours=payload.hours
    )
    shift.refresh_from_db()
    return _shift(shift)


@router.get("/me/signups", response=list[SignUpOut], auth=signed_in, summary="My sign-ups")
@paginate(Pages)
def my_signups(request):
    return Mapped(
        SignUp.objects.filter(person=request.user).order_by("-created_at", "-id"), _signup
    )


@router.get(
    "/people/{person_id}",
    response=HoursOut,
    summary="A volunteer's hours (themselves, staff, or if they agreed)",
)
def person_hours(request, person_id: int = Path(..., ge=1, le=MAX_ID)):
    person = get_object_or_404(
        get_user_model().objects.select_related("household"), pk=person_id, deleted_at=None
    )
    volunteer = selectors.volunteer_of(person)
    person.volunteer_shown = volunteer.show_on_profile
    require(request.user, "volunteers.view_hours", person)
    return {
        "person_id": person.pk,
        "name": person.public_name,
        "hours_total": volunteer.hours_total,
        "shifts_done": volunteer.shifts_done,
        "show_on_profile": volunteer.show_on_profile,
    }
