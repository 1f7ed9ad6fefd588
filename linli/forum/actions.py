"""Every write in the forum: one function per user action, in a transaction.

Counters (reply/support/read counts, circle topic counts) move with F() updates inside
the action that changes what they count, so concurrent writers never lose or double a
count; the hot score is recomputed from the locked row in the same transaction.
"""

import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.community.models import Neighborhood, Resident
from linli.core import ratelimit
from linli.core import uploads as upload_checks
from linli.core.perms import require
from linli.core.text import render_markdown
from linli.moderation import actions as moderation
from linli.notify.actions import notify
from linli.stats.actions import points_award, points_revoke

from . import text
from .models import (
    BODY_MAX,
    IMAGES_MAX,
    REPLY_MAX,
    TITLE_MAX,
    Circle,
    Reply,
    SearchEntry,
    Support,
    Topic,
    TopicCircle,
    TopicImage,
    Visibility,
    hot_score,
)

POINTS = {"forum.topic": 5, "forum.reply": 2, "forum.best_answer": 20, "forum.support_received": 1}
CIRCLES_MAX = 5
POSTS_PER_HOUR = 30
MAX_IMAGE_SIDE = 1600
TRICKS_RE = re.compile(
    r"<\s*/?\s*(script|iframe|style|object|embed|svg|img|form|input|link|meta)\b|javascript\s*:|vbscript\s*:|data\s*:\s*text/html|\bon[a-z]+\s*=",
    re.I,
)


# --- checks shared by topics and replies ---------------------------------------------


def _clean_text(value: str | None, *, limit: int, empty_message: str) -> str:
    value = (value or "").replace("\x00", "").strip()
    if not value:
        raise ValidationError(empty_message)
    if len(value) > limit:
        raise ValidationError(
            _("This is %(n)d characters long; at most %(limit)d are allowed.")
            % {"n": len(value), "limit": limit}
        )
    if TRICKS_RE.search(value):
        raise ValidationError(
            _(
                "HTML, scripts and javascript: links are not allowed in posts. Write plain text or Markdown."
            )
        )
    return value


def _rate_limit(person: Resident) -> None:
    if ratelimit.hit("forum.post", str(person.pk), window=3600) > POSTS_PER_HOUR:
        raise ValidationError(
            _("You have posted a lot in the last hour. Please wait a while before posting again.")
        )


def _mentioned(body: str, neighborhood_id: int, author: Resident) -> list[int]:
    """The people @mentioned (in this neighborhood); mentioning someone twice is refused."""
    names = text.mentions(body)
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ValidationError(
            _("You mentioned @%(name)s more than once. Mention each person once.")
            % {"name": repeated[0]}
        )
    if not names:
        return []
    in_neighborhood = Q(household__neighborhood_id=neighborhood_id) | Q(
        roles__neighborhood_id=neighborhood_id
    )
    return list(
        Resident.objects.filter(
            in_neighborhood, username__in=names, is_active=True, deleted_at=None
        )
        .exclude(pk=author.pk)
        .distinct()
        .values_list("pk", flat=True)
    )


def _circles_for(neighborhood: Neighborhood, names: Iterable[str], actor: Resident) -> list[Circle]:
    """Circles by name, created by use. Returns Circle objects (deduplicated, at most CIRCLES_MAX)."""
    clean = []
    for name in names:
        name = name.strip().strip("#").strip()
        if not name:
            continue
        if len(name) > 20 or not re.fullmatch(r"[^\s#<>&\"']{1,20}", name):
            raise ValidationError(
                _("A circle name has at most 20 characters, without spaces or #: %(name)s")
                % {"name": name[:30]}
            )
        if name not in clean:
            clean.append(name)
    if len(clean) > CIRCLES_MAX:
        raise ValidationError(_("A topic can be in at most %(n)d circles.") % {"n": CIRCLES_MAX})
    Circle.objects.bulk_create(
        [Circle(neighborhood=neighborhood, name=n, created_by=actor) for n in clean],
        ignore_conflicts=True,
    )
    found = {c.name: c for c in Circle.objects.filter(neighborhood=neighborhood, name__in=clean)}
    return [found[n] for n in clean]


def _processed_images(uploads: Iterable[Any] | None) -> list[upload_checks.Checked]:
    """Through linli.core.uploads: all headers and their cost together, then decoding.
    Call only after the cheap checks (permission, rate limit, text screening)."""
    uploads = [u for u in (uploads or []) if u]
    if len(uploads) > IMAGES_MAX:
        raise ValidationError(_("A topic can have at most %(n)d pictures.") % {"n": IMAGES_MAX})
    return upload_checks.check_images(uploads, max_count=IMAGES_MAX, max_side=MAX_IMAGE_SIDE)


def _rehot(topic_id: int) -> None:
    """Recompute the stored hot score from the row (call after locking it with an UPDATE)."""
    row = (
        Topic.objects.filter(pk=topic_id)
        .values("created_at", "support_count", "reply_count", "read_count")
        .first()
    )
    if row:
        score = hot_score(
            created_ts=row["created_at"].timestamp(),
            supports=row["support_count"],
            replies=row["reply_count"],
            reads=row["read_count"],
        )
        Topic.objects.filter(pk=topic_id).update(hot=score)


def _search_text_for_topic(topic: Topic) -> tuple[str, str]:
    return text.segmented(topic.title), text.segmented(topic.body)


# --- topics ---------------------------------------------------------------------------


@transaction.atomic
def topic_create(
    *,
    author: Resident,
    neighborhood: Neighborhood,
    title: str,
    body: str,
    visibility: str = Visibility.PUBLIC,
    circle_names: Iterable[str] = (),
    uploads: Iterable[Any] = (),
    is_committee: bool = False,
    confirm_personal: bool = False,
    ip: str | None = None,
) -> Topic:
    """Post a topic (抛议题). Circles come from the chosen names and from #hashtags# in the text.

    The spam check runs first: a rejected text raises; a held one is saved hidden (`topic.held`) until staff approve it."""
    require(
        author,
        "forum.post",
        neighborhood,
        _("Only verified residents and committee staff of this neighborhood can post here."),
    )
    if is_committee:
        require(
            author,
            "forum.post_committee_topic",
            neighborhood,
            _("Only committee staff can post a committee topic."),
        )
    title = _clean_text(title, limit=TITLE_MAX, empty_message=_("Give the topic a title."))
    body = _clean_text(body, limit=BODY_MAX, empty_message=_("Write something in the topic."))
    if visibility not in Visibility.values:
        raise ValidationError(_("Choose who can read the topic."))
    mentioned = _mentioned(body, neighborhood.pk, author)
    if len([u for u in (uploads or []) if u]) > IMAGES_MAX:
        raise ValidationError(_("A topic can have at most %(n)d pictures.") % {"n": IMAGES_MAX})
    circles = _circles_for(
        neighborhood, list(circle_names) + text.hashtags(title) + text.hashtags(body), author
    )
    _rate_limit(author)
    verdict = moderation.text_check(
        author=author,
        text=f"{title}\n{body}",
        kind="forum.topic",
        neighborhood=neighborhood,
        public=visibility == Visibility.PUBLIC,
        confirm_personal=confirm_personal,
        ip=ip,
    )
    processed = _processed_images(uploads)  # the first decoding happens here
    now = timezone.now()
    topic = Topic(
        neighborhood=neighborhood,
        author=author,
        title=title,
        body=body,
        body_html=render_markdown(body),
        visibility=visibility,
        is_committee=is_committee,
        created_at=now,
        last_activity_at=now,
        hot=hot_score(created_ts=now.timestamp(), supports=0, replies=0, reads=0),
    )
    topic.full_clean(exclude=["circles", "best_reply"])
    topic.save()
    TopicCircle.objects.bulk_create(
        [TopicCircle(topic=topic, circle=c, last_activity_at=now) for c in circles]
    )
    Circle.objects.filter(pk__in=[c.pk for c in circles]).update(topic_count=F("topic_count") + 1)
    for position, picture in enumerate(processed):
        image = TopicImage(
            topic=topic,
            token=picture.token[:24],
            ext=picture.ext,
            width=picture.width,
            height=picture.height,
            position=position,
        )
        image.file.save(f"{image.token}.{image.ext}", picture.content, save=True)
    title_tokens, body_tokens = _search_text_for_topic(topic)
    SearchEntry.objects.create(
        topic=topic,
        neighborhood=neighborhood,
        public=topic.is_public,
        created_at=now,
        title_tokens=title_tokens,
        body_tokens=body_tokens,
    )
    points_award(
        person=author,
        reason="forum.topic",
        amount=POINTS["forum.topic"],
        key=f"forum.topic:{topic.pk}",
        neighborhood=neighborhood,
    )
    topic.held = verdict.held  # type: ignore[attr-defined]  # the view says it awaits review
    if verdict.held:
        moderation.hold(target=topic, verdict=verdict, text=f"{title}\n{body}")
        topic.hidden = True
    elif mentioned:
        notify(
            recipients=mentioned,
            kind="forum.mention",
            params={"name": author.public_name, "title": title[:60]},
            url=topic.get_absolute_url(),
            actor=author,
        )
    return topic


# --- replies ----------------------------------------------------------------------------


@transaction.atomic
def reply_create(
    *,
    author: Resident,
    topic: Topic,
    body: str,
    parent: Reply | None = None,
    confirm_personal: bool = False,
    ip: str | None = None,
) -> Reply:
    """Reply to a topic, or to a reply in it (the answer quotes it). Counts and notifies.

    The spam check runs first: a rejected text raises; a held one is saved hidden (`reply.held`) until staff approve it."""
    require(author, "forum.view_topic", topic, _("You cannot read this topic."))
    require(
        author,
        "forum.post",
        topic,
        _("Only verified residents and committee staff of this neighborhood can reply here."),
    )
    body = _clean_text(body, limit=REPLY_MAX, empty_message=_("Write something in your reply."))
    if parent is not None and (parent.topic_id != topic.pk or parent.hidden):
        raise ValidationError(_("The reply you answer is not in this topic."))
    mentioned = _mentioned(body, topic.neighborhood_id, author)
    # Lock the topic row first: the closed flag and the counters are read and written under the lock.
    now = timezone.now()
    Topic.objects.filter(pk=topic.pk).update(reply_count=F("reply_count") + 1, last_activity_at=now)
    if Topic.objects.filter(pk=topic.pk, is_closed=True).exists():
        raise ValidationError(_("This topic is closed: no more replies."))
    _rate_limit(author)
    verdict = moderation.text_check(
        author=author,
        text=body,
        kind="forum.reply",
        neighborhood=topic.neighborhood,
        public=topic.is_public,
        confirm_personal=confirm_personal,
        ip=ip,
    )
    reply = Reply(
        topic=topic,
        neighborhood_id=topic.neighborhood_id,
        author=author,
        parent=parent,
        body=body,
        body_html=render_markdown(body),
        created_at=now,
    )
    reply.full_clean(exclude=["topic", "parent", "neighborhood", "author"])
    reply.save()
    _rehot(topic.pk)
    TopicCircle.objects.filter(topic_id=topic.pk).update(last_activity_at=now)
    SearchEntry.objects.create(
        topic=topic,
        reply=reply,
        neighborhood_id=topic.neighborhood_id,
        public=topic.is_public,
        created_at=now,
        body_tokens=text.segmented(body),
    )
    points_award(
        person=author,
        reason="forum.reply",
        amount=POINTS["forum.reply"],
        key=f"forum.reply:{reply.pk}",
        neighborhood=topic.neighborhood_id,
    )
    reply.held = verdict.held  # type: ignore[attr-defined]  # the view says it awaits review
    if verdict.held:
        moderation.hold(target=reply, verdict=verdict, text=body)
        reply.hidden = True
    else:
        _reply_notifications(
            author=author, topic=topic, reply=reply, parent=parent, mentioned=mentioned
        )
    return reply


def _reply_notifications(
    *,
    author: Resident,
    topic: Topic,
    reply: Reply,
    parent: Reply | None,
    mentioned: list[int],
) -> None:
    params = {"name": author.public_name, "title": topic.title[:60]}
    url = reply.get_absolute_url()
    told = {author.pk}
    if mentioned:
        notify(recipients=mentioned, kind="forum.mention", params=params, url=url, actor=author)
        told.update(mentioned)
    if parent is not None and parent.author_id not in told:
        notify(
            recipients=[parent.author_id], kind="forum.quoted", params=params, url=url, actor=author
        )
        told.add(parent.author_id)
    if topic.author_id not in told:
        notify(
            recipients=[topic.author_id], kind="forum.reply", params=params, url=url, actor=author
        )


# --- supports ---------------------------------------------------------------------------


def _support_target(topic: Topic, reply: Reply | None) -> tuple[str, Topic | Reply, Any]:
    if reply is not None:
        return Support.Target.REPLY, reply, Reply
    return Support.Target.TOPIC, topic, Topic


@transaction.atomic
def support_add(*, person: Resident, topic: Topic, reply: Reply | None = None) -> Support:
    """支持 a topic or a reply, once. Supporting twice is refused and counts nothing."""
    kind, target, model = _support_target(topic, reply)
    require(person, "forum.view_topic", target, _("You cannot read this topic."))
    require(
        person,
        "forum.support",
        topic,
        _("Only verified residents and committee staff of this neighborhood can support posts."),
    )
    if target.author_id == person.pk:
        raise ValidationError(_("You cannot support your own post."))
    moderation.rate_check(person=person, scope="support")
    try:
        with transaction.atomic():
            support = Support.objects.create(
                person=person,
                target=kind,
                target_id=target.pk,
                topic=topic,
                neighborhood_id=topic.neighborhood_id,
            )
    except IntegrityError:
        raise ValidationError(_("You already support this.")) from None
    model.objects.filter(pk=target.pk).update(support_count=F("support_count") + 1)
    if model is Topic:
        _rehot(topic.pk)
    points_award(
        person=target.author_id,
        reason="forum.support_received",
        amount=POINTS["forum.support_received"],
        key=f"forum.support:{kind}{target.pk}:{person.pk}",
        neighborhood=topic.neighborhood_id,
    )
    return support


@transaction.atomic
def support_remove(*, person: Resident, topic: Topic, reply: Reply | None = None) -> bool:
    """Take a support back. Returns False (and changes nothing) if there was none."""
    kind, target, model = _support_target(topic, reply)
    deleted, _rows = Support.objects.filter(
        person=person, target=kind, target_id=target.pk
    ).delete()
    if not deleted:
        return False
    model.objects.filter(pk=target.pk, support_count__gt=0).update(
        support_count=F("support_count") - 1
    )
    if model is Topic:
        _rehot(topic.pk)
    points_revoke(key=f"forum.support:{kind}{target.pk}:{person.pk}")
    return True


# --- best answer ------------------------------------------------------------------------


@transaction.atomic
def best_answer_mark(*, actor: Resident, reply: Reply) -> Topic:
    """The topic's author or staff mark a reply as the best answer (replacing an earlier one)."""
    topic = Topic.objects.select_for_update().get(pk=reply.topic_id)
    require(
        actor,
        "forum.mark_best",
        topic,
        _("Only the topic's author or committee staff can choose the best answer."),
    )
    if reply.hidden:
        raise ValidationError(_("A hidden reply cannot be the best answer."))
    if topic.best_reply_id == reply.pk:
        raise ValidationError(_("This reply is already the best answer."))
    if topic.best_reply_id:
        points_revoke(key=f"forum.best_answer:{topic.best_reply_id}")
    before = {"best_reply": topic.best_reply_id}
    topic.best_reply = reply
    topic.save(update_fields=["best_reply"])
    if reply.author_id != topic.author_id:
        points_award(
            person=reply.author_id,
            reason="forum.best_answer",
            amount=POINTS["forum.best_answer"],
            key=f"forum.best_answer:{reply.pk}",
            neighborhood=topic.neighborhood_id,
        )
    if actor.pk != topic.author_id:
        audit_record(
            actor=actor,
            action="forum.best_answer",
            target=topic,
            subject=topic.author_id,
            neighborhood=topic.neighborhood_id,
            before=before,
            after={"best_reply": reply.pk},
        )
    notify(
        recipients=[reply.author_id],
        kind="forum.best_answer",
        params={"title": topic.title[:60]},
        url=reply.get_absolute_url(),
        actor=actor,
    )
    return topic


@transaction.atomic
def best_answer_clear(*, actor: Resident, topic: Topic) -> Topic:
    topic = Topic.objects.select_for_update().get(pk=topic.pk)
    require(
        actor,
        "forum.mark_best",
        topic,
        _("Only the topic's author or committee staff can choose the best answer."),
    )
    if topic.best_reply_id:
        points_revoke(key=f"forum.best_answer:{topic.best_reply_id}")
        if actor.pk != topic.author_id:
            audit_record(
                actor=actor,
                action="forum.best_answer",
                target=topic,
                subject=topic.author_id,
                neighborhood=topic.neighborhood_id,
                before={"best_reply": topic.best_reply_id},
                after={"best_reply": None},
            )
        topic.best_reply = None
        topic.save(update_fields=["best_reply"])
    return topic


# --- staff ------------------------------------------------------------------------------

FLAGS = {"pin": "is_pinned", "close": "is_closed", "committee": "is_committee"}


@transaction.atomic
def topic_flag(*, actor: Resident, topic: Topic, flag: str, value: bool) -> Topic:
    """Staff pin, close or mark a committee topic (and undo it)."""
    if flag not in FLAGS:
        raise ValidationError(_("Unknown change."))
    require(actor, "forum.manage_topic", topic, _("Only committee staff can do this."))
    field = FLAGS[flag]
    topic = Topic.objects.select_for_update().get(pk=topic.pk)
    before = getattr(topic, field)
    if before != value:
        setattr(topic, field, value)
        fields = [field]
        if flag == "pin":
            topic.pinned_at = timezone.now() if value else None
            fields.append("pinned_at")
        topic.save(update_fields=fields)
        audit_record(
            actor=actor,
            action=f"forum.topic_{flag}",
            target=topic,
            subject=topic.author_id,
            neighborhood=topic.neighborhood_id,
            before={field: before},
            after={field: value},
        )
    return topic


@transaction.atomic
def topic_move(*, actor: Resident, topic: Topic, circle_names: Iterable[str]) -> Topic:
    """Staff move a topic to other circles (its circles are replaced)."""
    require(actor, "forum.manage_topic", topic, _("Only committee staff can do this."))
    topic = Topic.objects.select_for_update().get(pk=topic.pk)
    circles = _circles_for(topic.neighborhood, circle_names, actor)
    old = set(TopicCircle.objects.filter(topic=topic).values_list("circle_id", flat=True))
    new = {c.pk for c in circles}
    TopicCircle.objects.filter(topic=topic, circle_id__in=old - new).delete()
    Circle.objects.filter(pk__in=old - new, topic_count__gt=0).update(
        topic_count=F("topic_count") - 1
    )
    TopicCircle.objects.bulk_create(
        [
            TopicCircle(topic=topic, circle_id=cid, last_activity_at=topic.last_activity_at)
            for cid in new - old
        ]
    )
    Circle.objects.filter(pk__in=new - old).update(topic_count=F("topic_count") + 1)
    names = dict(Circle.objects.filter(pk__in=old | new).values_list("pk", "name"))
    audit_record(
        actor=actor,
        action="forum.topic_move",
        target=topic,
        subject=topic.author_id,
        neighborhood=topic.neighborhood_id,
        before={"circles": sorted(names[c] for c in old)},
        after={"circles": [c.name for c in circles]},
    )
    return topic


@transaction.atomic
def circle_create(
    *, actor: Resident, neighborhood: Neighborhood, name: str, description: str = ""
) -> Circle:
    require(
        actor,
        "forum.manage_circles",
        neighborhood,
        _("Only committee staff can create circles here."),
    )
    circles = _circles_for(neighborhood, [name], actor)
    if not circles:
        raise ValidationError(_("Give the circle a name."))
    [circle] = circles
    description = (description or "").strip()[:200]
    if description and description != circle.description:
        circle.description = description
        circle.save(update_fields=["description"])
    return circle


# --- moderation and reads ---------------------------------------------------------------


@transaction.atomic
def post_set_hidden(model: type[Topic] | type[Reply], object_id: int, hidden: bool) -> bool:
    """Called by moderation: hide or show a topic or reply (and keep counts and search in step)."""
    changed = model.objects.filter(pk=object_id, hidden=not hidden).update(hidden=hidden)
    if not changed:
        return False
    if model is Reply:
        topic_id = Reply.objects.filter(pk=object_id).values_list("topic_id", flat=True).first()
        delta = -1 if hidden else 1
        if topic_id is not None:
            Topic.objects.filter(pk=topic_id).update(reply_count=F("reply_count") + delta)
            _rehot(topic_id)
        SearchEntry.objects.filter(reply_id=object_id).update(hidden=hidden)
    else:
        SearchEntry.objects.filter(topic_id=object_id).update(hidden=hidden)
    return True


def reads_add(batch: dict[int, int]) -> None:
    """Add collected reads {topic id: n} in one UPDATE, then refresh those topics' hot scores."""
    Topic.objects.filter(pk__in=list(batch)).update(
        read_count=F("read_count")
        + Case(*[When(pk=pk, then=Value(n)) for pk, n in batch.items()], default=Value(0))
    )
    rows = list(
        Topic.objects.filter(pk__in=list(batch)).only(
            "pk", "created_at", "support_count", "reply_count", "read_count"
        )
    )
    for t in rows:
        t.hot = hot_score(
            created_ts=t.created_at.timestamp(),
            supports=t.support_count,
            replies=t.reply_count,
            reads=t.read_count,
        )
    Topic.objects.bulk_update(rows, ["hot"], batch_size=500)
