"""Forum API: topics, replies, circles, search."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Path, Query, Status
from ninja.pagination import paginate

from linli.api.auth import signed_in
from linli.api.schemas import MAX_ID, SLUG
from linli.community.models import Neighborhood
from linli.community.shortcuts import neighborhood_or_404
from linli.core.paging import Pages
from linli.forum import actions, selectors
from linli.forum import search as search_engine
from linli.forum.models import Circle, Reply, Topic

from .common import _visible_topic, router
from .schemas import (
    CircleOut,
    HeldOut,
    HitOut,
    ReplyIn,
    ReplyOut,
    SearchFilter,
    TopicDetailOut,
    TopicFilter,
    TopicIn,
    TopicOut,
)


def _author(post) -> dict:
    level = getattr(post, "author_level", None)
    return {
        "id": post.author_id,
        "name": post.author.public_name,
        "level": level.level if level else None,
        "level_title": level.title if level else None,
        "building": str(getattr(post, "author_building", "")),
        "talent": bool(getattr(post, "is_talent", False)),
    }


def _topic(t: Topic, slug: str) -> dict:
    return {
        "id": t.pk,
        "neighborhood": slug,
        "title": t.title,
        "visibility": t.visibility,
        "circles": [c.name for c in t.circles.all()],
        "author": _author(t),
        "is_pinned": t.is_pinned,
        "is_closed": t.is_closed,
        "is_committee": t.is_committee,
        "reply_count": t.reply_count,
        "support_count": t.support_count,
        "read_count": t.read_count,
        "created_at": t.created_at,
        "last_activity_at": t.last_activity_at,
        "url": t.get_absolute_url(),
    }


def _reply(r: Reply) -> dict:
    return {
        "id": r.pk,
        "topic_id": r.topic_id,
        "parent_id": r.parent_id,
        "author": _author(r),
        "body": r.body,
        "body_html": r.body_html,
        "support_count": r.support_count,
        "created_at": r.created_at,
    }


class _AnnotatedPage:
    """Annotate authors (levels, buildings) only for the slice the paginator takes."""

    def __init__(self, qs, row, neighborhood_id, circle_names=None):
        self.qs, self.row, self.neighborhood_id, self.circle_names = (
            qs,
            row,
            neighborhood_id,
            circle_names,
        )

    def count(self):
        return self.qs.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        rows = list(self.qs[item])
        selectors.annotate_authors(rows, self.neighborhood_id, self.circle_names)
        return [self.row(r) for r in rows]


@router.get(
    "/n/{slug}/topics",
    response=list[TopicOut],
    summary="Topics of a neighborhood (latest activity or hot first)",
)
@paginate(Pages)
def topic_list(
    request, slug: str = Path(..., pattern=SLUG, max_length=50), filters: TopicFilter = Query(...)
):
    neighborhood = neighborhood_or_404(request, slug, "forum.view_forum")
    qs = selectors._visible(
        selectors._topic_rows().filter(neighborhood=neighborhood), request.user, neighborhood
    )
    if filters.circle:
        qs = qs.filter(circles__id=filters.circle)
    qs = (
        qs.order_by("-hot", "-id")
        if filters.sort == "hot"
        else qs.order_by("-last_activity_at", "-id")
    )
    return _AnnotatedPage(qs, lambda t: _topic(t, slug), neighborhood.pk)


@router.post(
    "/n/{slug}/topics",
    response={201: TopicDetailOut, 202: HeldOut},
    auth=signed_in,
    summary="Post a topic (pictures: use the web form)",
)
def topic_create(request, payload: TopicIn, slug: str = Path(..., pattern=SLUG, max_length=50)):
    neighborhood = get_object_or_404(Neighborhood, slug=slug)
    topic = actions.topic_create(
        author=request.user,
        neighborhood=neighborhood,
        title=payload.title,
        body=payload.body,
        visibility=payload.visibility.value,
        circle_names=payload.circles,
        is_committee=payload.is_committee,
        confirm_personal=payload.confirm_personal,
    )
    if topic.held:
        return Status(
            202,
            {
                "id": topic.pk,
                "held": True,
                "message": _(
                    "Your topic awaits review by the committee before others can see it. You will be told when it is decided."
                ),
            },
        )
    return Status(201, topic_detail(request, topic.pk))


@router.get("/topics/{topic_id}", response=TopicDetailOut, summary="One topic")
def topic_detail(request, topic_id: int = Path(..., ge=1, le=MAX_ID)):
    topic = _visible_topic(request, topic_id)
    selectors.annotate_authors(
        [topic], topic.neighborhood_id, [c.name for c in topic.circles.all()]
    )
    return {
        **_topic(topic, topic.neighborhood.slug),
        "body": topic.body,
        "body_html": topic.body_html,
        "best_reply_id": topic.best_reply_id,
    }


@router.get(
    "/topics/{topic_id}/replies",
    response=list[ReplyOut],
    summary="Replies: hot (default), newest, or the original poster's only",
)
@paginate(Pages)
def reply_list(
    request,
    topic_id: int = Path(..., ge=1, le=MAX_ID),
    sort: str = Query("hot", pattern="^(hot|newest|op)$"),
):
    topic = _visible_topic(request, topic_id)
    qs = selectors._reply_rows(topic)
    if sort == "op":
        qs = qs.filter(author_id=topic.author_id).order_by("created_at", "id")
    else:
        qs = (
            qs.order_by("-created_at", "-id")
            if sort == "newest"
            else qs.order_by("-support_count", "created_at", "id")
        )
    return _AnnotatedPage(qs, _reply, topic.neighborhood_id, [c.name for c in topic.circles.all()])


@router.post(
    "/topics/{topic_id}/replies",
    response={201: ReplyOut, 202: HeldOut},
    auth=signed_in,
    summary="Reply to a topic (parent_id: answer a reply)",
)
def reply_create(request, payload: ReplyIn, topic_id: int = Path(..., ge=1, le=MAX_ID)):
    topic = _visible_topic(request, topic_id)
    parent = (
        get_object_or_404(Reply, pk=payload.parent_id, topic=topic) if payload.parent_id else None
    )
    reply = actions.reply_create(
        author=request.user,
        topic=topic,
        body=payload.body,
        parent=parent,
        confirm_personal=payload.confirm_personal,
    )
    if reply.held:
        return Status(
            202,
            {
                "id": reply.pk,
                "held": True,
                "message": _(
                    "Your reply awaits review by the committee before others can see it. You will be told when it is decided."
                ),
            },
        )
    reply = selectors._reply_rows(topic).get(pk=reply.pk)
    selectors.annotate_authors([reply], topic.neighborhood_id)
    return Status(201, _reply(reply))


@router.get("/n/{slug}/circles", response=list[CircleOut], summary="Circles, most topics first")
@paginate(Pages)
def circle_list(request, slug: str = Path(..., pattern=SLUG, max_length=50)):
    neighborhood = neighborhood_or_404(request, slug, "forum.view_forum")
    return (
        Circle.objects.filter(neighborhood=neighborhood)
        .order_by("-topic_count", "name", "pk")
        .values("id", "name", "description", "topic_count")
    )


@router.get(
    "/n/{slug}/search",
    response=list[HitOut],
    summary="Search topics and replies (20 a page, ranked, highlighted)",
)
def search(
    request, slug: str = Path(..., pattern=SLUG, max_length=50), filters: SearchFilter = Query(...)
):
    neighborhood = neighborhood_or_404(request, slug, "forum.view_forum")
    hits, _more = search_engine.search(
        neighborhood=neighborhood,
        query=filters.q.replace("\x00", ""),
        public_only=not selectors.can_read_residents_only(request.user, neighborhood),
        circle_id=filters.circle,
        since=filters.since,
        until=filters.until,
        page=filters.page,
    )
    return [
        {
            "topic_id": h.entry.topic_id,
            "reply_id": h.entry.reply_id,
            "title": h.title,
            "snippet_html": str(h.snippet),
            "url": h.url,
            "created_at": h.created_at,
        }
        for h in hits
    ]
