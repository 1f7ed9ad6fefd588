"""/api/v1/activities/: activities, registration with a waiting list, check-in, publishing (staff)."""

from datetime import date, datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from linli.api.auth import signed_in
from linli.api.schemas import MAX_ID, SLUG, Body
from linli.community.shortcuts import neighborhood_or_404
from linli.core.paging import Mapped, Pages
from linli.core.perms import require

from . import actions, edit_actions, selectors
from .models import Activity, Registration

router = Router(tags=["activities"])
PREFIX = "/activities"


class ActivityOut(Schema):
    id: int
    title: str
    category: str
    audience: str
    starts_at: datetime
    ends_at: datetime
    place: str
    space_id: int | None
    capacity: int
    taken: int
    waiting: int
    free: int
    status: str
    url: str


class ActivityDetailOut(ActivityOut):
    description_html: str
    photo_count: int


class RegistrationOut(Schema):
    id: int
    activity_id: int
    status: str
    checked_in: bool


class ActivityIn(Schema):
    title: str = Field(..., min_length=1, max_length=100)
    category: Activity.Category = Activity.Category.OTHER
    audience: Activity.Audience = Activity.Audience.EVERYONE
    starts_at: datetime
    ends_at: datetime
    place: str = Field(..., min_length=1, max_length=120)
    capacity: int = Field(..., ge=1, le=1000)
    waiting_list: bool = True
    description: str = Field("", max_length=5000)


class ActivityPatch(Body):
    """Only the fields sent change; a new time or place is told to everyone registered."""

    title: str | None = Field(None, min_length=1, max_length=100)
    category: Activity.Category | None = None
    audience: Activity.Audience | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    place: str | None = Field(None, min_length=1, max_length=120)
    capacity: int | None = Field(None, ge=1, le=1000)
    waiting_list: bool | None = None
    description: str | None = Field(None, max_length=5000)


class CheckinIn(Schema):
    code: str = Field(..., min_length=1, max_length=10)


def _activity(a: Activity) -> dict:
    return {
        "id": a.pk,
        "title": a.title,
        "category": a.category,
        "audience": a.audience,
        "starts_at": a.starts_at,
        "ends_at": a.ends_at,
        "place": a.place,
        "space_id": a.space_id,
        "capacity": a.capacity,
        "taken": a.taken,
        "waiting": a.waiting,
        "free": a.free,
        "status": a.status,
        "url": a.get_absolute_url(),
    }


def _registration(r: Registration) -> dict:
    return {
        "id": r.pk,
        "activity_id": r.activity_id,
        "status": r.status,
        "checked_in": r.checked_in_at is not None,
    }


@router.get(
    "/n/{slug}/activities",
    response=list[ActivityOut],
    summary="Upcoming activities (past=true for past ones)",
)
@paginate(Pages)
def activity_list(request, slug: str = Path(..., pattern=SLUG, max_length=50), past: bool = False):
    neighborhood = neighborhood_or_404(request, slug, "activities.view_activity")
    return Mapped(
        selectors.past(neighborhood) if past else selectors.upcoming(neighborhood), _activity
    )


@router.get(
    "/n/{slug}/calendar",
    response=list[ActivityOut],
    summary="One month's activities (month=YYYY-MM)",
)
def activity_month(
    request,
    slug: str = Path(..., pattern=SLUG, max_length=50),
    month: str = Query("", pattern=r"^(\d{4}-\d{2})?$"),
):
    neighborhood = neighborhood_or_404(request, slug, "activities.view_activity")
    from django.utils import timezone

    try:
        first = (
            date(int(month[:4]), int(month[5:]), 1)
            if month
            else timezone.localdate().replace(day=1)
        )
    except ValueError:
        raise HttpError(422, "month must be YYYY-MM") from None
    _weeks, activities = selectors.month_calendar(neighborhood, first)
    return [_activity(a) for a in activities]


@router.post(
    "/n/{slug}/activities",
    response={201: ActivityDetailOut},
    auth=signed_in,
    summary="Publish an activity (staff)",
)
def activity_create(
    request, payload: ActivityIn, slug: str = Path(..., pattern=SLUG, max_length=50)
):
    neighborhood = neighborhood_or_404(request, slug, "activities.manage_activity")
    data = payload.dict()
    for key in ("title", "place", "description"):
        data[key] = data[key].replace("\x00", "")
    a = actions.activity_publish(neighborhood=neighborhood, actor=request.user, **data)
    return Status(
        201, {**_activity(a), "description_html": a.description_html, "photo_count": a.photo_count}
    )


# Before the /{activity_id}/… routes: ninja matches paths in the order they are declared.
@router.get(
    "/me/registrations", response=list[RegistrationOut], auth=signed_in, summary="My registrations"
)
@paginate(Pages)
def my_registrations(request):
    return Mapped(
        Registration.objects.filter(person=request.user).order_by("-created_at", "-id"),
        _registration,
    )


@router.get("/{activity_id}", response=ActivityDetailOut, summary="One activity")
def activity_detail(request, activity_id: int = Path(..., ge=1, le=MAX_ID)):
    a = selectors.shown_activity(activity_id, request.user) or get_object_or_404(Activity, pk=0)
    require(request.user, "activities.view_activity", a)
    return {**_activity(a), "description_html": a.description_html, "photo_count": a.photo_count}


@router.patch(
    "/{activity_id}",
    response=ActivityDetailOut,
    auth=signed_in,
    summary="Edit an activity (staff); the registered are told of a new time or place",
)
def activity_edit(request, payload: ActivityPatch, activity_id: int = Path(..., ge=1, le=MAX_ID)):
    a = get_object_or_404(Activity, pk=activity_id)
    require(request.user, "activities.edit_activity", a)
    changes = {
        k: (v.value if hasattr(v, "value") else v)
        for k, v in payload.dict(exclude_unset=True).items()
        if v is not None
    }
    a = edit_actions.activity_edit(activity=a, actor=request.user, **changes)
    return {**_activity(a), "description_html": a.description_html, "photo_count": a.photo_count}


@router.post(
    "/{activity_id}/registrations",
    response={201: RegistrationOut},
    auth=signed_in,
    summary="Register (or join the waiting list)",
)
def register(request, activity_id: int = Path(..., ge=1, le=MAX_ID)):
    a = get_object_or_404(Activity, pk=activity_id)
    return Status(201, _registration(actions.registration_create(activity=a, person=request.user)))


@router.post(
    "/registrations/{registration_id}/cancel",
    response=RegistrationOut,
    auth=signed_in,
    summary="Cancel a registration",
)
def registration_cancel(request, registration_id: int = Path(..., ge=1, le=MAX_ID)):
    r = get_object_or_404(Registration.objects.select_related("activity"), pk=registration_id)
    require(request.user, "activities.change_registration", r)
    return _registration(actions.registration_cancel(registration=r, actor=request.user))


@router.post(
    "/{activity_id}/checkin",
    response=RegistrationOut,
    auth=signed_in,
    summary="Check in with the code of the day",
)
def checkin(request, payload: CheckinIn, activity_id: int = Path(..., ge=1, le=MAX_ID)):
    a = get_object_or_404(Activity, pk=activity_id)
    return _registration(
        actions.checkin_with_code(activity=a, person=request.user, code=payload.code)
    )
