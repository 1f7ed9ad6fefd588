"""Replies and best answers."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.community.models import Resident
from linli.core.perms import require
from linli.core.text import render_markdown
from linli.forum import text
from linli.forum.models import (
    REPLY_MAX,
    Reply,
    SearchEntry,
    Topic,
    TopicCircle,
)
from linli.moderation import actions as moderation
from linli.notify.actions import notify
from linli.stats.actions import points_award, points_revoke

from .common import POINTS, _clean_text, _mentioned, _rate_limit, _rehot


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
