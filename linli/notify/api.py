"""/api/v1/notifications: the signed-in person's notifications and preferences."""

from datetime import datetime

from ninja import Router, Schema
from ninja.pagination import paginate

from linli.api.auth import signed_in
from linli.core.paging import Mapped, Pages
from linli.core.perms import require

from . import actions, kinds, selectors
from .models import Preference

PREFIX = "/notifications"
router = Router(tags=["notifications"], auth=signed_in)


class NotificationOut(Schema):
    id: int
    kind: str
    text: str
    url: str
    created_at: datetime
    read: bool


class PreferenceIO(Schema):
    kind: str
    channel: str


class MarkedOut(Schema):
    marked: int
    unread: int


@router.get("", response=list[NotificationOut], summary="My notifications, newest first")
@paginate(Pages, page_size=30)
def notification_list(request):
    require(request.user, "notify.view_own")
    return Mapped(
        selectors.inbox(request.user),
        lambda n: {
            "id": n.pk,
            "kind": n.kind,
            "text": n.text,
            "url": n.url,
            "created_at": n.created_at,
            "read": n.read_at is not None,
        },
    )


@router.post("/read-all", response=MarkedOut, summary="Mark all my notifications as read")
def read_all(request):
    require(request.user, "notify.view_own")
    marked = actions.notifications_mark_read(person=request.user)
    return {"marked": marked, "unread": selectors.unread_count(request.user)}


@router.get(
    "/preferences", response=list[PreferenceIO], summary="My channel for each kind of notification"
)
def preference_list(request):
    require(request.user, "notify.view_own")
    current = dict(Preference.objects.filter(person=request.user).values_list("kind", "channel"))
    return [
        {"kind": key, "channel": current.get(key, kind.default)}
        for key, kind in sorted(kinds.KINDS.items())
    ]


@router.put(
    "/preferences",
    response=list[PreferenceIO],
    summary="Set my channel for some kinds of notification",
)
def preference_set(request, payload: list[PreferenceIO]):
    require(request.user, "notify.view_own")
    actions.preferences_set(person=request.user, choices={p.kind: p.channel for p in payload})
    return preference_list(request)


class EmailOut(Schema):
    confirmed: str
    pending: str | None


class EmailIn(Schema):
    address: str


class TokenIn(Schema):
    token: str


def _email_out(person):
    status = selectors.email_status(person)
    return {
        "confirmed": status["confirmed"],
        "pending": status["pending"].address if status["pending"] else None,
    }


@router.get("/email", response=EmailOut, summary="My email address, and one awaiting confirmation")
def email_get(request):
    require(request.user, "notify.change_own_email")
    return _email_out(request.user)


@router.put(
    "/email",
    response=EmailOut,
    summary="Ask to receive email at an address (a confirmation link is sent to it)",
)
def email_set(request, payload: EmailIn):
    require(request.user, "notify.change_own_email")
    actions.email_change_request(person=request.user, address=payload.address)
    return _email_out(request.user)


@router.delete("/email", response=EmailOut, summary="Remove my email address: no more email")
def email_delete(request):
    require(request.user, "notify.change_own_email")
    actions.email_remove(person=request.user)
    return _email_out(request.user)


@router.post(
    "/email/confirm", response=EmailOut, summary="Confirm an address with the token of its link"
)
def email_confirm(request, payload: TokenIn):
    require(request.user, "notify.change_own_email")
    person = actions.email_change_confirm(token=payload.token, actor=request.user)
    return _email_out(person)
