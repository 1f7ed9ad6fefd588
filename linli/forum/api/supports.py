"""Forum API: supports and reports."""

from django.shortcuts import get_object_or_404
from ninja import Path, Status

from linli.api.auth import signed_in
from linli.api.schemas import MAX_ID
from linli.core.perms import require
from linli.forum import actions
from linli.forum.models import Reply
from linli.moderation import actions as moderation

from .common import _visible_topic, router
from .schemas import ReportIn, SupportOut


def _support_result(target, supported):
    target.refresh_from_db(fields=["support_count"])
    return {"supported": supported, "support_count": target.support_count}


@router.post(
    "/topics/{topic_id}/support",
    response=SupportOut,
    auth=signed_in,
    summary="Support a topic (once)",
)
def topic_support(request, topic_id: int = Path(..., ge=1, le=MAX_ID)):
    topic = _visible_topic(request, topic_id)
    actions.support_add(person=request.user, topic=topic)
    return _support_result(topic, True)


@router.delete(
    "/topics/{topic_id}/support", response=SupportOut, auth=signed_in, summary="Take back a support"
)
def topic_unsupport(request, topic_id: int = Path(..., ge=1, le=MAX_ID)):
    topic = _visible_topic(request, topic_id)
    actions.support_remove(person=request.user, topic=topic)
    return _support_result(topic, False)


def _visible_reply(request, reply_id):
    reply = get_object_or_404(Reply.objects.select_related("topic__neighborhood"), pk=reply_id)
    require(request.user, "forum.view_topic", reply)
    require(request.user, "forum.view_topic", reply.topic)
    return reply


@router.post(
    "/replies/{reply_id}/support",
    response=SupportOut,
    auth=signed_in,
    summary="Support a reply (once)",
)
def reply_support(request, reply_id: int = Path(..., ge=1, le=MAX_ID)):
    reply = _visible_reply(request, reply_id)
    actions.support_add(person=request.user, topic=reply.topic, reply=reply)
    return _support_result(reply, True)


@router.delete(
    "/replies/{reply_id}/support",
    response=SupportOut,
    auth=signed_in,
    summary="Take back a support of a reply",
)
def reply_unsupport(request, reply_id: int = Path(..., ge=1, le=MAX_ID)):
    reply = _visible_reply(request, reply_id)
    actions.support_remove(person=request.user, topic=reply.topic, reply=reply)
    return _support_result(reply, False)


@router.post(
    "/topics/{topic_id}/report",
    response={201: dict},
    auth=signed_in,
    summary="Report a topic (举报)",
)
def topic_report(request, payload: ReportIn, topic_id: int = Path(..., ge=1, le=MAX_ID)):
    topic = _visible_topic(request, topic_id)
    require(request.user, "forum.report", topic)
    moderation.report_create(
        reporter=request.user, target=topic, reason=payload.reason.value, note=payload.note
    )
    return Status(201, {"reported": True})


@router.post(
    "/replies/{reply_id}/report",
    response={201: dict},
    auth=signed_in,
    summary="Report a reply (举报)",
)
def reply_report(request, payload: ReportIn, reply_id: int = Path(..., ge=1, le=MAX_ID)):
    reply = _visible_reply(request, reply_id)
    require(request.user, "forum.report", reply.topic)
    moderation.report_create(
        reporter=request.user, target=reply, reason=payload.reason.value, note=payload.note
    )
    return Status(201, {"reported": True})
