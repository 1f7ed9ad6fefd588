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
