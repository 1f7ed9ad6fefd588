"""Quick proposals inside a topic: start one, take a stance (agree, abstain, disagree, block,
each with a reason), close it with the outcome.

`stance_set` locks the proposal row, writes the person's one stance (a second one replaces the
first) and recounts the four counters from the stances in the same transaction."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.community.models import Resident
from linli.core.perms import require
from linli.notify.actions import notify

from ..models import QuickProposal, Stance, Topic

MAX_DAYS = 60


@transaction.atomic
def quick_proposal_start(
    *, topic: Topic, author: Resident, statement: str, closes_at: datetime
) -> QuickProposal:
    require(
        author,
        "forum.start_quick_proposal",
        topic,
        _("The topic's author or committee staff start a quick proposal."),
    )
    statement = (statement or "").replace("\x00", "").strip()
    if not statement:
        raise ValidationError({"statement": _("Say what you propose.")})
    now = timezone.now()
    if closes_at is None or closes_at <= now or closes_at > now + timedelta(days=MAX_DAYS):
        raise ValidationError(
            {"closes_at": _("Close it within %(n)s days from now.") % {"n": MAX_DAYS}}
        )
    topic = Topic.objects.select_for_update().get(pk=topic.pk)
    if topic.is_closed:
        raise ValidationError(_("This topic is closed."), code="closed")
    if QuickProposal.objects.filter(topic=topic, status=QuickProposal.Status.OPEN).exists():
        raise ValidationError(
            _("This topic already has an open quick proposal: close it first."), code="open"
        )
    proposal = QuickProposal(
        topic=topic,
        neighborhood_id=topic.neighborhood_id,
        author=author,
        statement=statement[:300],
        closes_at=closes_at,
    )
    proposal.full_clean(exclude=["author", "topic", "neighborhood"])
    proposal.save()
    return proposal


def _recount(proposal: QuickProposal) -> None:
    counts = dict(
        Stance.objects.filter(neighborhood_id=proposal.neighborhood_id, proposal=proposal)
        .values_list("position")
        .annotate(n=Count("id"))
        .values_list("position", "n")
    )
    for position in Stance.Position.values:
        setattr(proposal, f"{position}_count", counts.get(position, 0))


@transaction.atomic
def stance_set(*, proposal: QuickProposal, person: Resident, position: str, reason: str) -> Stance:
    """The person's stance, with its reason; a later one replaces theirs."""
    require(
        person,
        "forum.take_stance",
        proposal,
        _("Residents of this neighborhood take a stance."),
    )
    if position not in Stance.Position.values:
        raise ValidationError({"position": _("Choose agree, abstain, disagree or block.")})
    reason = (reason or "").replace("\x00", "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for your stance.")})
    locked = QuickProposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != QuickProposal.Status.OPEN or locked.closes_at <= timezone.now():
        raise ValidationError(_("This quick proposal is closed."), code="closed")
    stance, _created = Stance.objects.update_or_create(
        neighborhood_id=locked.neighborhood_id,
        proposal=locked,
        person=person,
        defaults={"position": position, "reason": reason[:500]},
    )
    _recount(locked)
    locked.save(update_fields=["agree_count", "abstain_count", "disagree_count", "block_count"])
    for name in ("agree_count", "abstain_count", "disagree_count", "block_count"):
        setattr(proposal, name, getattr(locked, name))
    return stance


@transaction.atomic
def quick_proposal_close(
    *, proposal: QuickProposal, actor: Resident, outcome: str
) -> QuickProposal:
    """The author (or staff) closes the proposal with the outcome; everyone who took a stance
    is told."""
    require(
        actor,
        "forum.close_quick_proposal",
        proposal,
        _("The author of the quick proposal closes it."),
    )
    outcome = (outcome or "").replace("\x00", "").strip()
    if not outcome:
        raise ValidationError({"outcome": _("Write the outcome: what was agreed, and what next.")})
    locked = QuickProposal.objects.select_for_update().select_related("topic").get(pk=proposal.pk)
    if locked.status == QuickProposal.Status.CLOSED:
        raise ValidationError(_("This quick proposal is closed."), code="closed")
    locked.status = QuickProposal.Status.CLOSED
    locked.outcome = outcome[:2000]
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "outcome", "closed_at"])
    notify(
        recipients=list(Stance.objects.filter(proposal=locked).values_list("person_id", flat=True)),
        kind="forum.quick_outcome",
        actor=actor,
        url=locked.get_absolute_url(),
        neighborhood=locked.neighborhood_id,
        params={"title": locked.topic.title},
    )
    return locked
