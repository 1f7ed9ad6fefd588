"""/api/v1/forum/: editing one's own topics and replies, edit histories, topic drafts. Same rules as the pages."""

from datetime import datetime

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Schema, Status
from ninja.pagination import paginate

from linli.api.auth import signed_in
from linli.api.schemas import MAX_ID, SLUG, Body
from linli.community.models import Neighborhood
from linli.core.paging import Pages
from linli.core.perms import require
from linli.forum import actions as edit_actions
from linli.forum import selectors
from linli.forum.models import BODY_MAX, REPLY_MAX, TITLE_MAX, Reply, Topic, TopicDraft, Visibility

from .common import router


class TopicEditIn(Body):
    title: str = Field(..., max_length=TITLE_MAX * 2)
    body: str = Field(..., max_length=BODY_MAX * 2)
    confirm_personal: bool = False


class ReplyEditIn(Body):
    body: str = Field(..., max_length=REPLY_MAX * 2)
    confirm_personal: bool = False


class EditedOut(Schema):
    id: int
    title: str | None
    body: str
    body_html: str
    edited_at: datetime | None
    held: bool
    url: str


class RevisionOut(Schema):
    id: int
    title: str
    body: str
    replaced_at: datetime


class DraftIn(Body):
    title: str = Field("", max_length=TITLE_MAX * 2)
    body: str = Field("", max_length=BODY_MAX * 2)
    visibility: Visibility = Visibility.PUBLIC
    circles: str = Field("", max_length=120)


class DraftOut(Schema):
    id: int
    neighborhood: str
    title: str
    body: str
    visibility: str
    circles: str
    updated_at: datetime


class DraftPostIn(Body):
    is_committee: bool = False
    confirm_personal: bool = False


class PostedOut(Schema):
    id: int
    held: bool
    url: str


def _edited(post, title=None) -> dict:
    return {
        "id": post.pk,
        "title": title,
        "body": post.body,
        "body_html": post.body_html,
        "edited_at": post.edited_at,
        "held": bool(getattr(post, "held", False)),
        "url": post.get_absolute_url(),
    }


def _topic(request, topic_id) -> Topic:
    topic = get_object_or_404(Topic.objects.select_related("neighborhood"), pk=topic_id)
    require(request.user, "forum.view_topic", topic)
    return topic


def _reply(request, reply_id) -> Reply:
    reply = get_object_or_404(Reply.objects.select_related("topic__neighborhood"), pk=reply_id)
    require(request.user, "forum.view_topic", reply.topic)
    return reply


@router.patch(
    "/topics/{topic_id}",
    response=EditedOut,
    auth=signed_in,
    summary="Edit one's own topic (title and text; the earlier text goes to its history)",
)
def topic_edit(request, payload: TopicEditIn, topic_id: int = Path(..., ge=1, le=MAX_ID)):
    topic = edit_actions.topic_edit(
        actor=request.user,
        topic=_topic(request, topic_id),
        title=payload.title,
        body=payload.body,
        confirm_personal=payload.confirm_personal,
    )
    return _edited(topic, topic.title)


@router.patch(
    "/replies/{reply_id}",
    response=EditedOut,
    auth=signed_in,
    summary="Edit one's own reply (the earlier text goes to its history)",
)
def reply_edit(request, payload: ReplyEditIn, reply_id: int = Path(..., ge=1, le=MAX_ID)):
    reply = edit_actions.reply_edit(
        actor=request.user,
        reply=_reply(request, reply_id),
        body=payload.body,
        confirm_personal=payload.confirm_personal,
    )
    return _edited(reply)


def _revisions(request, post):
    require(
        request.user,
        "forum.view_history",
        post,
        _("Only the author and the committee can read a post's edit history."),
    )
    return [
        {"id": r.pk, "title": r.title, "body": r.body, "replaced_at": r.created_at}
        for r in selectors.revisions_of(post)
    ]


@router.get(
    "/topics/{topic_id}/revisions",
    response=list[RevisionOut],
    auth=signed_in,
    summary="A topic's earlier texts, newest first (its author and moderators)",
)
@paginate(Pages)
def topic_revisions(request, topic_id: int = Path(..., ge=1, le=MAX_ID)):
    return _revisions(request, _topic(request, topic_id))


@router.get(
    "/replies/{reply_id}/revisions",
    response=list[RevisionOut],
    auth=signed_in,
    summary="A reply's earlier texts, newest first (its author and moderators)",
)
@paginate(Pages)
def reply_revisions(request, reply_id: int = Path(..., ge=1, le=MAX_ID)):
    return _revisions(request, _reply(request, reply_id))


# --- drafts ---------------------------------------------------------------------------------


def _draft_out(d: TopicDraft) -> dict:
    return {
        "id": d.pk,
        "neighborhood": d.neighborhood.slug,
        "title": d.title,
        "body": d.body,
        "visibility": d.visibility,
        "circles": d.circles,
        "updated_at": d.updated_at,
    }


def _draft(request, draft_id) -> TopicDraft:
    draft = get_object_or_404(TopicDraft.objects.select_related("neighborhood"), pk=draft_id)
    require(request.user, "forum.change_draft", draft, _("This is not your draft."))
    return draft


@router.get("/drafts", response=list[DraftOut], auth=signed_in, summary="My topic drafts")
@paginate(Pages)
def draft_list(request):
    return [_draft_out(d) for d in selectors.my_drafts(request.user)]


@router.post(
    "/n/{slug}/drafts",
    response={201: DraftOut},
    auth=signed_in,
    summary="Save a topic as a draft (only its author sees it)",
)
def draft_create(request, payload: DraftIn, slug: str = Path(..., pattern=SLUG, max_length=50)):
    neighborhood = get_object_or_404(Neighborhood, slug=slug)
    draft = edit_actions.topic_draft_save(
        author=request.user,
        neighborhood=neighborhood,
        title=payload.title,
        body=payload.body,
        visibility=payload.visibility.value,
        circles=payload.circles,
    )
    return Status(201, _draft_out(draft))


@router.put("/drafts/{draft_id}", response=DraftOut, auth=signed_in, summary="Replace a draft")
def draft_update(request, payload: DraftIn, draft_id: int = Path(..., ge=1, le=MAX_ID)):
    draft = _draft(request, draft_id)
    draft = edit_actions.topic_draft_save(
        author=request.user,
        neighborhood=draft.neighborhood,
        draft=draft,
        title=payload.title,
        body=payload.body,
        visibility=payload.visibility.value,
        circles=payload.circles,
    )
    return _draft_out(draft)


@router.delete("/drafts/{draft_id}", response={204: None}, auth=signed_in, summary="Delete a draft")
def draft_delete(request, draft_id: int = Path(..., ge=1, le=MAX_ID)):
    edit_actions.topic_draft_delete(author=request.user, draft=_draft(request, draft_id))
    return Status(204, None)


@router.post(
    "/drafts/{draft_id}/post",
    response={201: PostedOut},
    auth=signed_in,
    summary="Post a draft as a topic (every check of a new topic applies)",
)
def draft_post(request, payload: DraftPostIn, draft_id: int = Path(..., ge=1, le=MAX_ID)):
    import re

    draft = _draft(request, draft_id)
    topic = edit_actions.topic_draft_post(
        author=request.user,
        draft=draft,
        title=draft.title,
        body=draft.body,
        visibility=draft.visibility,
        circle_names=[n for n in re.split(r"[,，、\s]+", draft.circles) if n.strip("#")],
        is_committee=payload.is_committee,
        confirm_personal=payload.confirm_personal,
    )
    return Status(201, {"id": topic.pk, "held": topic.held, "url": topic.get_absolute_url()})
