"""Reads shaped for the forum's pages. Every function costs a fixed number of queries.

Lists use keyset pagination on indexed columns (no COUNT, no deep OFFSET), so the topic
list costs the same at 200 topics and at 200,000.
"""

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.utils.dateparse import parse_datetime

from linli.community.models import Neighborhood
from linli.stats.selectors import levels_of

from . import text
from .models import Circle, Reply, Revision, Support, Topic, TopicCircle, TopicDraft, TopicImage

TOPICS_PER_PAGE = 20
REPLIES_PER_PAGE = 30
AUTHOR = ("author__household__building",)


class Sort:
    LATEST, HOT = "latest", "hot"
    REPLIES = ("hot", "newest", "op")


def can_read_residents_only(user: Any, neighborhood: Neighborhood) -> bool:
    return user.has_perm("forum.read_residents_only", neighborhood)


def _visible(
    qs: QuerySet[Any], user: Any, neighborhood: Neighborhood, prefix: str = ""
) -> QuerySet[Any]:
    qs = qs.filter(**{f"{prefix}hidden": False})
    if not can_read_residents_only(user, neighborhood):
        qs = qs.filter(**{f"{prefix}visibility": "public"})
    return qs


def _cursor(value: str) -> tuple[str, int] | None:
    """'<iso time or score>_<id>' → (value, id), or None for a bad cursor."""
    head, _sep, tail = (value or "").rpartition("_")
    if not head or not tail.isdigit() or len(value) > 80:
        return None
    return head, int(tail)


def _topic_rows() -> QuerySet[Topic]:
    return Topic.objects.select_related(*AUTHOR).prefetch_related(
        Prefetch("circles", queryset=Circle.objects.only("id", "name"))
    )


def topic_list(
    *,
    user: Any,
    neighborhood: Neighborhood,
    circle: Circle | None = None,
    sort: str = Sort.LATEST,
    after: str = "",
) -> tuple[list[Topic], list[Topic], str]:
    """→ (pinned topics, a page of topics, cursor of the next page or ""). Five queries."""
    cursor = _cursor(after)
    if circle is not None:
        links = TopicCircle.objects.filter(circle=circle, topic__hidden=False)
        if not can_read_residents_only(user, neighborhood):
            links = links.filter(topic__visibility="public")
        if cursor:
            when = parse_datetime(cursor[0])
            if when:
                links = links.filter(last_activity_at__lte=when).exclude(
                    last_activity_at=when, topic_id__gte=cursor[1]
                )
        ids = list(
            links.order_by("-last_activity_at", "-topic_id").values_list("topic_id", flat=True)[
                : TOPICS_PER_PAGE + 1
            ]
        )
        by_id = {t.pk: t for t in _topic_rows().filter(pk__in=ids[:TOPICS_PER_PAGE])}
        topics = [by_id[i] for i in ids[:TOPICS_PER_PAGE] if i in by_id]
        pinned = []
    else:
        qs = _visible(_topic_rows().filter(neighborhood=neighborhood), user, neighborhood)
        if sort == Sort.HOT:
            if cursor:
                try:
                    score = float(cursor[0])
                    qs = qs.filter(hot__lte=score).exclude(hot=score, id__gte=cursor[1])
                except ValueError:
                    pass
            rows = list(qs.order_by("-hot", "-id")[: TOPICS_PER_PAGE + 1])
        else:
            if cursor and parse_datetime(cursor[0]):
                when = parse_datetime(cursor[0])
                qs = qs.filter(last_activity_at__lte=when).exclude(
                    last_activity_at=when, id__gte=cursor[1]
                )
            rows = list(qs.order_by("-last_activity_at", "-id")[: TOPICS_PER_PAGE + 1])
        ids = [t.pk for t in rows]
        topics = rows[:TOPICS_PER_PAGE]
        pinned = [] if cursor or sort == Sort.HOT else _pinned(user, neighborhood)
    if circle is None:
        pinned_ids = {t.pk for t in pinned}
        topics = [t for t in topics if t.pk not in pinned_ids]
    nxt = ""
    if len(ids) > TOPICS_PER_PAGE and topics:
        last = topics[-1]
        nxt = (
            f"{last.hot!r}_{last.pk}"
            if sort == Sort.HOT and circle is None
            else f"{last.last_activity_at.isoformat()}_{last.pk}"
        )
    annotate_authors(pinned + topics, neighborhood.pk)
    return pinned, topics, nxt


def _pinned(user: Any, neighborhood: Neighborhood) -> list[Topic]:
    """Pinned topics, most recently pinned first (a partial index holds only pinned topics)."""
    return list(
        _visible(
            _topic_rows().filter(neighborhood=neighborhood, pinned_at__isnull=False),
            user,
            neighborhood,
        ).order_by("-pinned_at")[:5]
    )


def annotate_authors(
    posts: Sequence[Any], neighborhood_id: int, circle_names: Iterable[str] | None = None
) -> Sequence[Any]:
    """Level and building label beside each author's name (two queries for any number of posts);
    with circle_names, the talent badge for authors whose skills match the topic's circles."""
    levels = levels_of({p.author_id for p in posts}, neighborhood_id)
    consenting = (
        _talent_consent({p.author_id for p in posts}, neighborhood_id) if circle_names else set()
    )
    for post in posts:
        author = post.author
        post.author_level = levels.get(post.author_id)
        household = author.household if author.household_id else None
        post.author_building = (
            household.building.label if household and not author.deleted_at else ""
        )
        post.is_talent = (
            bool(circle_names)
            and post.author_id in consenting
            and not author.deleted_at
            and text.skills_match(author.skills, circle_names)
        )
    return posts


def topic_row_version(t: Topic, slug: str) -> tuple:
    """Everything forum/topic_row.html shows of a topic (linli/core/fragments.py keys its row by it)."""
    author = t.author
    level = getattr(t, "author_level", None)
    return (
        slug,
        t.pk,
        t.title,
        t.visibility,
        t.is_pinned,
        t.is_committee,
        t.is_closed,
        t.last_activity_at,
        t.reply_count,
        t.support_count,
        t.read_count,
        author.public_name,
        level and (level.level, level.title, level.points),
        getattr(t, "author_building", ""),
        getattr(t, "is_talent", False),
        tuple((c.pk, c.name) for c in t.circles.all()),
    )


def reply_head_version(r: Reply, topic: Topic, is_best: bool) -> tuple:
    """Everything forum/reply_head.html shows of a reply (its fragment's key)."""
    level = getattr(r, "author_level", None)
    parent = r.parent if r.parent_id else None
    return (
        r.pk,
        is_best,
        r.author_id == topic.author_id,
        r.author.public_name,
        level and (level.level, level.title, level.points),
        getattr(r, "author_building", ""),
        getattr(r, "is_talent", False),
        r.created_at,
        r.edited_at,
        parent and (parent.hidden, parent.author.public_name, parent.body),
        r.body_html,
    )


def _talent_consent(person_ids: set[int], neighborhood_id: int) -> set[int]:
    """Who agreed, in the talent pool, that the neighborhood's residents may see their profile:
    only they carry the 能人 badge (one query; the talent app looked up by name, never imported)."""
    from django.apps import apps

    try:
        profiles = apps.get_model("talent", "TalentProfile")
    except LookupError:
        return set()
    return set(
        profiles.objects.filter(
            person_id__in=person_ids,
            neighborhood_id=neighborhood_id,
            active=True,
            visibility="residents",
        ).values_list("person_id", flat=True)
    )


def topic_detail(pk: int) -> Topic | None:
    return (
        Topic.objects.select_related("neighborhood", *AUTHOR)
        .prefetch_related(
            Prefetch("circles", queryset=Circle.objects.only("id", "name", "neighborhood_id")),
            Prefetch(
                "images",
                queryset=TopicImage.objects.only(
                    "id", "topic_id", "ext", "width", "height", "position"
                ),
            ),
        )
        .filter(pk=pk)
        .first()
    )


class _Counted:
    """A queryset with a stored count, so the paginator does not COUNT(*)."""

    def __init__(self, qs: QuerySet[Reply], count: int) -> None:
        self.qs, self._count = qs, count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, item: Any) -> Any:
        return self.qs[item]

    def __iter__(self) -> Iterator[Reply]:
        return iter(self.qs)


def _reply_rows(topic: Topic) -> QuerySet[Reply]:
    return Reply.objects.filter(
        neighborhood_id=topic.neighborhood_id, topic=topic, hidden=False
    ).select_related(*AUTHOR, "parent__author")


def replies_page(*, topic: Topic, sort: str = "hot", page: int | str = 1) -> Page[Any]:
    """A page of a topic's replies: hot (supports, then time), newest, or the original poster's only."""
    qs = _reply_rows(topic)
    if sort == "newest":
        qs, count = qs.order_by("-created_at", "-id"), topic.reply_count
    elif sort == "op":
        qs = qs.filter(author_id=topic.author_id).order_by("created_at", "id")
        count = qs.count()
    else:
        qs, count = qs.order_by("-support_count", "created_at", "id"), topic.reply_count
    paginator: Paginator[Reply] = Paginator(_Counted(qs, count), REPLIES_PER_PAGE)
    try:
        number = max(1, min(int(page), paginator.num_pages))
    except (TypeError, ValueError):
        number = 1
    return paginator.page(number)


def best_reply(topic: Topic) -> Reply | None:
    if not topic.best_reply_id:
        return None
    return _reply_rows(topic).filter(pk=topic.best_reply_id).first()


def supported_by(user: Any, topic: Topic, reply_ids: Iterable[int]) -> set[tuple[str, int]]:
    """{('t', id), ('r', id)} this person supports among the topic and these replies (one query)."""
    if not user.is_authenticated:
        return set()
    rows = Support.objects.filter(
        neighborhood_id=topic.neighborhood_id, person=user, topic=topic
    ).values_list("target", "target_id")
    wanted = {("t", topic.pk)} | {("r", rid) for rid in reply_ids}
    return {(t, i) for t, i in rows if (t, i) in wanted}


def recommendations(
    *, user: Any, topic: Topic, circle_ids: Iterable[int], limit: int = 5
) -> list[Topic]:
    """Hot topics from the same circles (or the neighborhood), not this one (one query)."""
    qs = _visible(
        Topic.objects.filter(neighborhood_id=topic.neighborhood_id), user, topic.neighborhood
    ).exclude(pk=topic.pk)
    if circle_ids:
        ids = (
            TopicCircle.objects.filter(circle_id__in=circle_ids)
            .order_by("-last_activity_at")
            .values("topic_id")[:200]
        )
        qs = qs.filter(pk__in=ids)
    return list(qs.only("id", "title", "reply_count", "support_count").order_by("-hot")[:limit])


def hot_circles(neighborhood: Neighborhood, limit: int = 12) -> list[Circle]:
    return list(
        Circle.objects.filter(neighborhood=neighborhood, topic_count__gt=0).order_by(
            "-topic_count", "name"
        )[:limit]
    )


def hot_topics(*, user: Any, neighborhood: Neighborhood, limit: int = 10) -> list[Topic]:
    return list(
        _visible(Topic.objects.filter(neighborhood=neighborhood), user, neighborhood)
        .only("id", "title", "reply_count", "support_count", "read_count")
        .order_by("-hot")[:limit]
    )


def my_topics(user: Any) -> QuerySet[Topic]:
    return (
        Topic.objects.filter(author=user)
        .select_related("neighborhood")
        .order_by("-created_at", "-id")
    )


def my_drafts(user: Any) -> QuerySet[TopicDraft]:
    """The author's unposted topics, newest first (nobody else ever reads them)."""
    return (
        TopicDraft.objects.filter(author=user)
        .select_related("neighborhood")
        .order_by("-updated_at", "-id")
    )


def revisions_of(post: Topic | Reply) -> QuerySet[Revision]:
    """A post's earlier texts, newest first (one query per page)."""
    if isinstance(post, Reply):
        qs = Revision.objects.filter(topic_id=post.topic_id, reply=post)
    else:
        qs = Revision.objects.filter(topic=post, reply=None)
    return qs.select_related("editor").order_by("-created_at", "-id")


def my_replies(user: Any) -> QuerySet[Reply]:
    return Reply.objects.filter(author=user).select_related("topic").order_by("-created_at", "-id")


def reply_position(reply: Reply) -> int:
    """Which page (oldest-first) a reply is on, for links to it from notifications."""
    before = Reply.objects.filter(
        neighborhood_id=reply.neighborhood_id,
        topic_id=reply.topic_id,
        hidden=False,
        created_at__lt=reply.created_at,
    ).count()
    return before // REPLIES_PER_PAGE + 1


def parse_date(value: str | None) -> date | None:
    try:
        return datetime.strptime(value, "%Y-%m-%d").date() if value else None
    except ValueError:
        return None


SHOWN_QUICK_PROPOSALS = 3
SHOWN_STANCES = 100


def quick_proposals_of(user: Any, topic: Topic) -> list[Any]:
    """The topic's latest quick proposals, each with its stances (newest first, at most 100 with
    their authors) and `mine`, the user's own stance: one query when there are none, three when
    there are, whatever their size."""
    from .models import QuickProposal, Stance

    shown = list(QuickProposal.objects.filter(topic=topic)[:SHOWN_QUICK_PROPOSALS])
    if not shown:
        return shown
    ids = [p.pk for p in shown]
    stances: dict[int, list[Any]] = {pk: [] for pk in ids}
    rows = Stance.objects.filter(
        neighborhood_id=topic.neighborhood_id, proposal_id__in=ids
    ).select_related(*AUTHOR_OF_STANCE)
    for s in rows.order_by("-updated_at", "-id")[: SHOWN_STANCES * len(ids)]:
        if len(stances[s.proposal_id]) < SHOWN_STANCES:
            stances[s.proposal_id].append(s)
    mine = {}
    if getattr(user, "is_authenticated", False):
        mine = {
            s.proposal_id: s
            for s in Stance.objects.filter(
                neighborhood_id=topic.neighborhood_id, proposal_id__in=ids, person=user
            )
        }
    for p in shown:
        # Attached for the template: the proposal's stances and the reader's own.
        p.stance_list, p.mine = stances[p.pk], mine.get(p.pk)  # type: ignore[attr-defined]
    return shown


AUTHOR_OF_STANCE = ("person", "person__household__building")
