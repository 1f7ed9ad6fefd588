"""Every write to proposals, supports and the committee's thresholds.

`support_add` takes the proposal's row lock (SELECT … FOR UPDATE) before it looks for the
household's support: two residents of one household pressing at once get one support, and the
counters and the move onto the agenda are decided by one transaction at a time. The unique
constraint on (proposal, household) holds even if a caller forgets the lock.
"""

import math
from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.community.selectors import people_with_role
from linli.core.perms import require
from linli.core.text import render_markdown
from linli.notify.actions import notify

from . import links
from .models import Proposal, ProposalRule, Support
from .selectors import rule_of


def needed_supports(rule: ProposalRule, household_count: int) -> int:
    return max(1, math.ceil(Decimal(household_count) * rule.share_percent / 100))


@transaction.atomic
def rule_set(
    *, neighborhood, actor, share_percent, buildings, per_building, answer_days
) -> ProposalRule:
    require(actor, "proposals.set_rule", neighborhood, _("Only committee staff set the threshold."))
    rule = rule_of(neighborhood)
    before = {
        "share_percent": str(rule.share_percent),
        "buildings": rule.buildings,
        "per_building": rule.per_building,
        "answer_days": rule.answer_days,
    }
    rule.share_percent = share_percent
    rule.buildings = buildings
    rule.per_building = per_building
    rule.answer_days = answer_days
    rule.updated_by = actor
    rule.full_clean(exclude=["neighborhood", "updated_by"])
    if not (Decimal("0") < Decimal(share_percent) <= 100):
        raise ValidationError({"share_percent": _("Give a share between 0 and 100 %.")})
    rule.save()
    audit_record(
        actor=actor,
        action="proposals.rule_set",
        target=rule,
        target_label=neighborhood.name,
        neighborhood=neighborhood,
        before=before,
    )
    return rule


@transaction.atomic
def proposal_create(*, neighborhood, author, title, body) -> Proposal:
    require(
        author,
        "proposals.create_proposal",
        neighborhood,
        _("Only verified residents of this neighborhood can make proposals."),
    )
    title, body = (
        (title or "").replace("\x00", "").strip(),
        (body or "").replace("\x00", "").strip(),
    )
    if not title:
        raise ValidationError({"title": _("Give the proposal a title.")})
    if not body:
        raise ValidationError({"body": _("Say what you propose and why.")})
    rule = rule_of(neighborhood)
    # The maintained counter as stored now (the caller's object may be older).
    households = (
        type(neighborhood).objects.values_list("household_count", flat=True).get(pk=neighborhood.pk)
    )
    proposal = Proposal(
        neighborhood=neighborhood,
        author=author,
        title=title,
        body=body,
        body_html=render_markdown(body),
        needed_supports=needed_supports(rule, households),
        needed_buildings=rule.buildings,
        per_building=rule.per_building,
        answer_days=rule.answer_days,
    )
    proposal.full_clean(exclude=["author", "answered_by"])
    proposal.save()
    return proposal


def _recount(proposal: Proposal) -> None:
    """Counters from the supports (two queries); the caller holds the proposal's row lock."""
    supports = Support.objects.filter(neighborhood_id=proposal.neighborhood_id, proposal=proposal)
    proposal.support_count = supports.count()
    proposal.building_count = (
        supports.values("building_id")
        .annotate(n=Count("id"))
        .filter(n__gte=proposal.per_building)
        .count()
    )


def threshold_passed(proposal: Proposal) -> bool:
    return proposal.support_count >= proposal.needed_supports or (
        proposal.needed_buildings > 0 and proposal.building_count >= proposal.needed_buildings
    )


def support_add(*, proposal: Proposal, person, now=None) -> Support:
    """The person's household supports the proposal (once per household, whoever of it asks)."""
    require(
        person,
        "proposals.support_proposal",
        proposal,
        _("Only verified residents of this neighborhood can support proposals."),
    )
    now = now or timezone.now()
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.status == Proposal.Status.ANSWERED:
            raise ValidationError(_("This proposal has been answered."), code="answered")
        household = person.household
        if Support.objects.filter(
            neighborhood_id=locked.neighborhood_id, proposal=locked, household_id=household.pk
        ).exists():
            raise ValidationError(
                _("Your household already supports this proposal."), code="duplicate"
            )
        try:
            with transaction.atomic():
                support = Support.objects.create(
                    neighborhood_id=locked.neighborhood_id,
                    proposal=locked,
                    household_id=household.pk,
                    building_id=household.building_id,
                    person=person,
                )
        except IntegrityError:
            raise ValidationError(
                _("Your household already supports this proposal."), code="duplicate"
            ) from None
        _recount(locked)
        fields = ["support_count", "building_count"]
        if locked.status == Proposal.Status.OPEN and threshold_passed(locked):
            locked.status = Proposal.Status.AGENDA
            locked.reached_at = now
            locked.answer_due = now + timedelta(days=locked.answer_days)
            fields += ["status", "reached_at", "answer_due"]
            _tell_agenda(locked)
        locked.save(update_fields=fields)
    for name in ("support_count", "building_count", "status", "reached_at", "answer_due"):
        setattr(proposal, name, getattr(locked, name))
    return support


def _committee_ids(neighborhood_id):
    return people_with_role("committee_staff", "secretary", neighborhood_id=neighborhood_id)


def _tell_agenda(proposal: Proposal) -> None:
    recipients = set(_committee_ids(proposal.neighborhood_id))
    if proposal.author_id:
        recipients.add(proposal.author_id)
    notify(
        recipients=recipients,
        kind="proposals.on_agenda",
        url=proposal.get_absolute_url(),
        neighborhood=proposal.neighborhood_id,
        params={
            "title": proposal.title,
            "due": timezone.localtime(proposal.answer_due).strftime("%Y-%m-%d"),
        },
    )


@transaction.atomic
def proposal_answer(
    *, proposal: Proposal, actor, kind: str, text: str, link_id: int | None = None
) -> Proposal:
    """The committee answers a proposal on its agenda: a consultation, a decision or a project
    of this neighborhood (by id), or a reasoned no. The reasons are required in every case."""
    require(
        actor,
        "proposals.answer_proposal",
        proposal,
        _("Only committee staff answer proposals."),
    )
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status == Proposal.Status.ANSWERED:
        raise ValidationError(_("This proposal has been answered."), code="answered")
    if locked.status != Proposal.Status.AGENDA:
        raise ValidationError(
            _("A proposal is answered once it has passed its threshold."), code="open"
        )
    if kind not in Proposal.Answer.values:
        raise ValidationError({"kind": _("Choose how the committee answers.")})
    text = (text or "").replace("\x00", "").strip()
    if not text:
        raise ValidationError({"text": _("Give the committee's reasons.")})
    if kind == Proposal.Answer.DECLINED:
        link_id = None
    elif not link_id or not links.exists(kind, locked.neighborhood, link_id):
        raise ValidationError(
            {
                "link_id": _("Give the number of one of this neighborhood's %(kind)s.")
                % {"kind": Proposal.Answer(kind).label}
            }
        )
    locked.status = Proposal.Status.ANSWERED
    locked.answer_kind = kind
    locked.answer_text = text[:5000]
    locked.answer_html = render_markdown(locked.answer_text)
    locked.answer_link_id = link_id
    locked.answered_at = timezone.now()
    locked.answered_by = actor
    locked.save()
    audit_record(
        actor=actor,
        action="proposals.proposal_answer",
        target=locked,
        target_label=locked.title,
        neighborhood=locked.neighborhood_id,
    )
    supporters = set(
        Support.objects.filter(
            neighborhood_id=locked.neighborhood_id, proposal=locked, person__isnull=False
        ).values_list("person_id", flat=True)
    )
    if locked.author_id:
        supporters.add(locked.author_id)
    notify(
        recipients=supporters,
        kind="proposals.answered",
        actor=actor,
        url=locked.get_absolute_url(),
        neighborhood=locked.neighborhood_id,
        params={"title": locked.title, "answer": kind},
    )
    return locked


__all__ = [
    "needed_supports",
    "proposal_answer",
    "proposal_create",
    "rule_set",
    "support_add",
    "threshold_passed",
]
