"""Topics: start one (text cleaned, images processed, mentions and circles), flag, move, hide, count reads."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.community.models import Neighborhood, Resident
from linli.core import uploads as upload_checks
from linli.core.perms import require
from linli.core.text import render_markdown
from linli.forum import text
from linli.forum.models import (
    BODY_MAX,
    IMAGES_MAX,
    TITLE_MAX,
    Circle,
    Reply,
    SearchEntry,
    Topic,
    TopicCircle,
    TopicImage,
    Visibility,
    hot_score,
)
from linli.moderation import actions as moderation
from linli.notify.actions import notify
from linli.stats.actions import points_award

from .common import POINTS, _circles_for, _clean_text, _mentioned, _rate_limit, _rehot

MAX_IMAGE_SIDE = 1600


def _processed_images(uploads: Iterable[Any] | None) -> list[upload_checks.Checked]:
    """Through linli.core.uploads: all headers and their cost together, then decoding.
    Call only after the cheap checks (permission, rate limit, text screening)."""
    uploads = [u for u in (uploads or []) if u]
    if len(uploads) > IMAGES_MAX:
        raise ValidationError(_("A topic can have at most %(n)d pictures.") % {"n": IMAGES_MAX})
    return upload_checks.check_images(uploads, max_count=IMAGES_MAX, max_side=MAX_IMAGE_SIDE)


def _search_text_for_topic(topic: Topic) -> tuple[str, str]:
    return text.segmented(topic.title), text.segmented(topic.body)


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
