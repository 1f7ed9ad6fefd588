"""/api/v1/meetings/: meetings, agenda, attendance (paper sheet and signing in), minutes and
their follow-ups as requests or decisions."""

from datetime import datetime

from django.http import Http404
from ninja import Field, Path, Router, Schema, Status
from ninja.pagination import paginate

from linli.api.auth import signed_in
from linli.api.schemas import MAX_ID, SLUG, Body, choices
from linli.community.shortcuts import neighborhood_or_404
from linli.core.paging import Mapped, Pages
from linli.core.perms import require

from . import actions, selectors
from .models import AgendaItem, Meeting, MinutePoint

router = Router(tags=["meetings"])
PREFIX = "/meetings"


class MeetingOut(Schema):
    id: int
    kind: str
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str
    attendee_count: int
    minutes_published: bool
    url: str


class AgendaItemOut(Schema):
    id: int
    position: int
    title: str
    link_kind: str
    link_id: int | None
    url: str


class MinutePointOut(Schema):
    id: int
    text: str
    agenda_item_id: int | None
    request_id: int | None
    decision_id: int | None


class AttendanceOut(Schema):
    name: str
    affiliation: str
    paper: bool


class MeetingDetailOut(MeetingOut):
    description: str
    agenda: list[AgendaItemOut]
    minutes: list[MinutePointOut] | None
    attendance: list[AttendanceOut] | None


class MeetingIn(Body):
    kind: choices(Meeting.Kind)  # type: ignore[valid-type]
    title: str = Field(..., min_length=1, max_length=100)
    starts_at: datetime
    ends_at: datetime
    place: str = Field(..., min_length=1, max_length=120)
    description: str = Field("", max_length=5000)


class AgendaItemIn(Body):
    title: str = Field("", max_length=200)
    link_kind: str = Field("", pattern=r"^(topic|request|decision|proposal)?$")
    link_id: int | None = Field(None, ge=1, le=MAX_ID)


class SheetIn(Body):
    sheet: str = Field(..., min_length=1, max_length=20000)


class MinutePointIn(Body):
    text: str = Field(..., min_length=1, max_length=2000)


class ToDecisionIn(Body):
    title: str = Field("", max_length=200)
    voting_opens_at: datetime
    voting_closes_at: datetime


class FollowUpOut(Schema):
    point_id: int
    request_id: int | None
    decision_id: int | None


def _row(m: Meeting) -> dict:
    return {
        "id": m.pk,
        "kind": m.kind,
        "title": m.title,
        "starts_at": m.starts_at,
        "ends_at": m.ends_at,
        "place": m.place,
        "attendee_count": m.attendee_count,
        "minutes_published": m.minutes_published_at is not None,
        "url": m.get_absolute_url(),
    }


def _item(i: AgendaItem) -> dict:
    return {
        "id": i.pk,
        "position": i.position,
        "title": i.title,
        "link_kind": i.link_kind,
        "link_id": i.link_id,
        "url": i.url,
    }


def _point_row(p: MinutePoint) -> dict:
    return {
        "id": p.pk,
        "text": p.text,
        "agenda_item_id": p.agenda_item_id,
        "request_id": p.request_id,
        "decision_id": p.decision_id,
    }


def _meeting(meeting_id: int) -> Meeting:
    try:
        return selectors.meeting_detail(meeting_id)
    except Meeting.DoesNotExist:
        raise Http404 from None


def _point(point_id: int) -> MinutePoint:
    try:
        return MinutePoint.objects.select_related("meeting__neighborhood").get(pk=point_id)
    except MinutePoint.DoesNotExist:
        raise Http404 from None


@router.get(
    "/n/{slug}/meetings",
    response=list[MeetingOut],
    summary="Coming meetings (past=true for past ones)",
)
@paginate(Pages)
def meeting_list(request, slug: str = Path(..., pattern=SLUG, max_length=50), past: bool = False):
    neighborhood = neighborhood_or_404(request, slug, "meetings.view_meeting")
    return Mapped(selectors.meetings_of(neighborhood, past), _row)


@router.post(
    "/n/{slug}/meetings",
    response={201: MeetingOut},
    auth=signed_in,
    summary="Call a meeting (staff)",
)
def meeting_create(request, payload: MeetingIn, slug: str = Path(..., pattern=SLUG, max_length=50)):
    neighborhood = neighborhood_or_404(request, slug, "meetings.manage_meeting")
    m = actions.meeting_create(neighborhood=neighborhood, actor=request.user, **payload.dict())
    return Status(201, _row(m))


@router.get(
    "/{meeting_id}",
    response=MeetingDetailOut,
    summary="One meeting: agenda, minutes once published",
)
def meeting_detail(request, meeting_id: int = Path(..., ge=1, le=MAX_ID)):
    m = _meeting(meeting_id)
    require(request.user, "meetings.view_meeting", m)
    manage = request.user.has_perm("meetings.manage_meeting", m)
    return {
        **_row(m),
        "description": m.description,
        "agenda": [_item(i) for i in selectors.agenda_of(m)],
        "minutes": [_point_row(p) for p in selectors.minutes_of(m)]
        if manage or m.minutes_published_at
        else None,
        "attendance": [
            {"name": a.name, "affiliation": a.affiliation, "paper": a.paper}
            for a in selectors.attendance_of(m)
        ]
        if request.user.has_perm("meetings.view_attendance", m)
        else None,
    }


@router.post(
    "/{meeting_id}/agenda",
    response={201: AgendaItemOut},
    auth=signed_in,
    summary="Add an agenda item (staff)",
)
def agenda_add(request, payload: AgendaItemIn, meeting_id: int = Path(..., ge=1, le=MAX_ID)):
    m = _meeting(meeting_id)
    require(request.user, "meetings.manage_meeting", m)
    return Status(
        201, _item(actions.agenda_item_add(meeting=m, actor=request.user, **payload.dict()))
    )


@router.post(
    "/{meeting_id}/attendance",
    response={201: list[AttendanceOut]},
    auth=signed_in,
    summary="Record the paper sign-in sheet (staff)",
)
def attendance_sheet(request, payload: SheetIn, meeting_id: int = Path(..., ge=1, le=MAX_ID)):
    m = _meeting(meeting_id)
    require(request.user, "meetings.manage_meeting", m)
    rows = actions.attendance_paper(meeting=m, actor=request.user, sheet=payload.sheet)
    return Status(
        201, [{"name": a.name, "affiliation": a.affiliation, "paper": a.paper} for a in rows]
    )


@router.post(
    "/{meeting_id}/sign-in",
    response={201: MeetingOut},
    auth=signed_in,
    summary="Sign myself in at the meeting",
)
def sign_in(request, meeting_id: int = Path(..., ge=1, le=MAX_ID)):
    m = _meeting(meeting_id)
    require(request.user, "meetings.sign_in", m)
    actions.attendance_sign_in(meeting=m, person=request.user)
    return Status(201, _row(m))


@router.post(
    "/{meeting_id}/minutes",
    response={201: MinutePointOut},
    auth=signed_in,
    summary="Add a point to the minutes (staff)",
)
def minute_add(request, payload: MinutePointIn, meeting_id: int = Path(..., ge=1, le=MAX_ID)):
    m = _meeting(meeting_id)
    require(request.user, "meetings.manage_meeting", m)
    return Status(
        201, _point_row(actions.minute_add(meeting=m, actor=request.user, text=payload.text))
    )


@router.post(
    "/{meeting_id}/minutes/publish",
    response=MeetingOut,
    auth=signed_in,
    summary="Publish the minutes (staff)",
)
def minutes_publish(request, meeting_id: int = Path(..., ge=1, le=MAX_ID)):
    m = _meeting(meeting_id)
    require(request.user, "meetings.manage_meeting", m)
    return _row(actions.minutes_publish(meeting=m, actor=request.user))


@router.post(
    "/points/{point_id}/decision",
    response={201: FollowUpOut},
    auth=signed_in,
    summary="Turn a minutes point into a decision (staff)",
)
def point_to_decision(request, payload: ToDecisionIn, point_id: int = Path(..., ge=1, le=MAX_ID)):
    p = _point(point_id)
    require(request.user, "meetings.manage_meeting", p.meeting)
    d = actions.minute_to_decision(point=p, actor=request.user, **payload.dict())
    return Status(201, {"point_id": p.pk, "request_id": None, "decision_id": d.pk})
