"""Supports (likes) on topics and replies, one per person, counted once."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from linli.community.models import Resident
from linli.core.perms import require
from linli.forum.models import (
    Reply,
    Support,
    Topic,
)
from linli.moderation import actions as moderation
from linli.stats.actions import points_award, points_revoke

from .common import POINTS, _rehot


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
        neighborhood_id=topic.neighborhood_id, person=person, target=kind, target_id=target.pk
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
