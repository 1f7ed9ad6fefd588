"""Deciding: create a decision, its options, rounds, electorate and ownership shares; comment, remind, publish."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.community.models import Building, Household, Neighborhood, Resident
from linli.core.perms import require
from linli.decide import tally
from linli.decide.models import (
    Ballot,
    BuildingTally,
    Comment,
    Decision,
    Option,
    Ownership,
)
from linli.notify.actions import dispatch_claim, notify

from .ballots import not_yet_voted
from .outcome import outcome_key

MAX_OPTIONS = 30


@transaction.atomic
def decision_create(
    *,
    neighborhood: Neighborhood,
    actor: Resident,
    title: str,
    voting_opens_at: datetime,
    voting_closes_at: datetime,
    body: str = "",
    method: str = Decision.Method.SINGLE,
    unit: str = Decision.Unit.HOUSEHOLD,
    owners_only: bool = False,
    buildings: Iterable[Building] = (),
    compound: Any = None,
    rule: Any = None,
    open_ballot: bool = False,
    link_kind: str = "",
    link_id: int | None = None,
    previous: Decision | None = None,
    round_no: int = 1,
    options: Iterable[str | dict[str, Any]] = (),
    draft: bool = False,
) -> Decision:
    """A decision with its options (titles, or dicts of Option fields). Without an option it can
    only be a draft (only its author sees it): a decision never opens for voting with none."""
    require(actor, "decide.create_decision", neighborhood)
    given: list[dict[str, Any]] = [o if isinstance(o, dict) else {"title": o} for o in options]
    rows = [
        {**o, "title": (o.get("title") or "").strip()}
        for o in given
        if (o.get("title") or "").strip()
    ]
    if not rows and not draft:
        raise ValidationError(
            {
                "options": _(
                    "A decision needs at least one option before it is published. Add options, or save it as a draft."
                )
            }
        )
    if len(rows) > MAX_OPTIONS:
        raise ValidationError(_("A decision has at most %(n)s options.") % {"n": MAX_OPTIONS})
    buildings = list(buildings)
    if any(b.neighborhood_id != neighborhood.pk for b in buildings):
        raise ValidationError(_("Choose buildings of this neighborhood."))
    if compound is not None:
        buildings, owners_only, unit = _owners_assembly(actor, neighborhood, compound, buildings)
    if rule is not None and rule.neighborhood_id not in (None, neighborhood.pk):
        raise ValidationError(_("This counting rule belongs to another neighborhood."))
    decision = Decision(
        neighborhood=neighborhood,
        compound=compound,
        title=title,
        body=body,
        method=method,
        unit=unit,
        owners_only=owners_only,
        rule=rule,
        voting_opens_at=voting_opens_at,
        voting_closes_at=voting_closes_at,
        open_ballot=open_ballot,
        link_kind=link_kind,
        link_id=link_id,
        previous=previous,
        round_no=round_no,
        is_draft=draft,
        created_by=actor if actor.pk else None,
    )
    if voting_closes_at <= voting_opens_at:
        raise ValidationError({"voting_closes_at": _("Voting must close after it opens.")})
    decision.full_clean()
    made = [Option(decision=decision, position=i, **o) for i, o in enumerate(rows, 1)]
    for option in made:
        option.full_clean(exclude=["decision"])
    decision.save()
    Option.objects.bulk_create(made)
    if buildings:
        decision.buildings.set(buildings)
    electorate_refresh(decision=decision)
    return decision


def electorate_refresh(*, decision: Decision) -> None:
    """Snapshot how many may vote, in all and per building (one grouped query), for the participation page."""
    decision.__dict__.pop("_building_ids", None)
    voters = tally.electorate(decision)
    if decision.unit == Decision.Unit.RESIDENT:
        per_building = dict(
            Resident.objects.filter(
                household__in=voters, verified_at__isnull=False, is_adult=True, deleted_at=None
            )
            .values("household__building_id")
            .annotate(n=Count("id"))
            .values_list("household__building_id", "n")
        )
    else:
        per_building = dict(
            voters.values("building_id").annotate(n=Count("id")).values_list("building_id", "n")
        )
    voted = dict(
        Ballot.objects.in_decision(decision)
        .values("building_id")
        .annotate(n=Count("id"))
        .values_list("building_id", "n")
    )
    BuildingTally.objects.filter(decision=decision).delete()
    BuildingTally.objects.bulk_create(
        [
            BuildingTally(decision=decision, building_id=b, eligible=n, voted=voted.get(b, 0))
            for b, n in per_building.items()
        ]
    )
    Decision.objects.filter(pk=decision.pk).update(electorate_size=sum(per_building.values()))
    decision.electorate_size = sum(per_building.values())


@transaction.atomic
def option_add(
    *,
    decision: Decision,
    actor: Resident,
    title: str,
    description: str = "",
    image: UploadedFile | None = None,
    approves: bool = False,
) -> Option:
    require(actor, "decide.manage_decision", decision)
    if decision.phase != Decision.Phase.DELIBERATION:
        raise ValidationError(_("Options can only be changed before voting opens."))
    if decision.options.count() >= MAX_OPTIONS:
        raise ValidationError(_("A decision has at most %(n)s options.") % {"n": MAX_OPTIONS})
    position = (
        decision.options.order_by("-position").values_list("position", flat=True).first() or 0
    ) + 1
    option = Option(
        decision=decision,
        position=position,
        title=title,
        description=description,
        image=image or "",
        approves=approves,
    )
    option.full_clean()
    option.save()
    return option


def _owners_assembly(
    actor: Resident, neighborhood: Neighborhood, compound: Any, buildings: list[Building]
) -> tuple[list[Building], bool, str]:
    """An owners' decision of one compound: its buildings (all of them when none are chosen),
    owners only, one ballot per unit; organised by committee staff or that compound's owners'
    committee."""
    if compound.neighborhood_id != neighborhood.pk:
        raise ValidationError(_("Choose a compound of this neighborhood."))
    require(actor, "decide.organise_owners_assembly", compound)
    if any(b.compound_id != compound.pk for b in buildings):
        raise ValidationError(
            _("An owners' decision of %(compound)s covers only its own buildings.")
            % {"compound": compound.name}
        )
    return buildings or list(compound.buildings.all()), True, Decision.Unit.HOUSEHOLD


@transaction.atomic
def decision_next_round(
    *,
    decision: Decision,
    actor: Resident,
    option_ids: Iterable[int],
    voting_opens_at: datetime,
    voting_closes_at: datetime,
    method: str | None = None,
) -> Decision:
    """A further round (shortlist → final) with some of this decision's options."""
    require(actor, "decide.manage_decision", decision)
    if not decision.is_closed:
        raise ValidationError(_("The next round can start once this round has closed."))
    options = list(decision.options.filter(pk__in=option_ids).order_by("position", "pk"))
    if len(options) < 2 or len(options) != len(set(option_ids)):
        raise ValidationError(
            _("Choose at least two of this decision's options for the next round.")
        )
    nxt = decision_create(
        neighborhood=decision.neighborhood,
        actor=actor,
        title=decision.title,
        body=decision.body,
        method=method or decision.method,
        unit=decision.unit,
        owners_only=decision.owners_only,
        buildings=decision.buildings.all(),
        compound=decision.compound,
        rule=decision.rule,
        open_ballot=decision.open_ballot,
        link_kind=decision.link_kind,
        link_id=decision.link_id,
        previous=decision,
        round_no=decision.round_no + 1,
        voting_opens_at=voting_opens_at,
        voting_closes_at=voting_closes_at,
        options=[
            {
                "title": o.title,
                "description": o.description,
                "image": o.image,
                "approves": o.approves,
            }
            for o in options
        ],
    )
    return nxt


@transaction.atomic
def comment_add(*, decision: Decision, author: Resident, body: str) -> Comment:
    require(author, "decide.comment", decision)
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write something first.")})
    if decision.is_closed:
        raise ValidationError(_("The discussion has closed with the vote."))
    comment = Comment(decision=decision, author=author, body=body)
    comment.full_clean()
    comment.save()
    Decision.objects.filter(pk=decision.pk).update(comment_count=F("comment_count") + 1)
    return comment


@transaction.atomic
def decision_remind(*, decision: Decision, actor: Resident) -> int:
    require(actor, "decide.manage_decision", decision)
    if not decision.is_voting:
        raise ValidationError(_("Reminders can be sent while voting is open."))
    # Once per person, decision and day: pressed twice, or on two nodes at once, it reminds once.
    ids = [pid for pid in not_yet_voted(decision).values_list("id", flat=True) if pid != actor.pk]
    day = timezone.localdate().isoformat()
    fresh = dispatch_claim(person_ids=ids, key=f"decide.voting_reminder:{decision.pk}:{day}")
    notify(
        recipients=fresh,
        kind="decide.voting_reminder",
        params={"title": decision.title, "closes": decision.voting_closes_at.isoformat()},
        url=decision.get_absolute_url(),
        actor=actor,
    )
    return len(fresh)


@transaction.atomic
def ownership_set(
    *,
    household: Household,
    actor: Resident,
    owner_key: str = "",
    owner_name: str = "",
    is_developer: bool = False,
) -> Ownership:
    require(actor, "decide.manage_ownership", household)
    owner_key = "developer" if is_developer else (owner_key or "").strip()
    if not owner_key:
        raise ValidationError(
            {"owner_key": _("Enter the owner's identity (the same for all units of one owner).")}
        )
    row = Ownership.objects.select_for_update().filter(household=household).first()
    before = (
        {"owner_key": row.owner_key, "owner_name": row.owner_name, "is_developer": row.is_developer}
        if row
        else None
    )
    row = row or Ownership(household=household, neighborhood_id=household.neighborhood_id)
    row.owner_key, row.owner_name, row.is_developer = owner_key, owner_name.strip(), is_developer
    row.full_clean(exclude=["household", "neighborhood"])
    row.save()
    audit_record(
        actor=actor,
        action="decide.ownership_set",
        target=household,
        neighborhood=household.neighborhood_id,
        before=before,
        after={"owner_key": owner_key, "owner_name": row.owner_name, "is_developer": is_developer},
    )
    return row


@transaction.atomic
def decision_publish(*, decision: Decision, actor: Resident) -> dict[str, Any]:
    """Count the ballots and publish the full count as a notice (公示)."""
    require(actor, "decide.manage_decision", decision)
    if not decision.is_closed:
        raise ValidationError(_("The result can be published once voting has closed."))
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    result = tally.count(decision)
    decision.result, decision.published_at = result, timezone.now()
    decision.save(update_fields=["result", "published_at"])
    audit_record(
        actor=actor,
        action="decide.decision_publish",
        target=decision,
        neighborhood=decision.neighborhood_id,
        after={"ballots": result["ballots"], "winner": result["winner"]},
    )
    people = Resident.objects.filter(
        household__in=tally.electorate(decision), verified_at__isnull=False, deleted_at=None
    ).values_list("id", flat=True)
    # The notice goes once per person, however often the result is published again.
    fresh = dispatch_claim(person_ids=people, key=f"decide.result_published:{decision.pk}")
    notify(
        recipients=fresh,
        kind="decide.result_published",
        params={"title": decision.title, **outcome_key(result)},
        url=decision.get_absolute_url() + "notice/",
        actor=actor,
    )
    return result


@transaction.atomic
def rule_create(*, neighborhood: Neighborhood, actor: Resident, **fields: Any) -> Any:
    """A neighborhood's own counting rule (for example a simple majority for a residents' decision)."""
    from linli.decide.models import Rule

    require(actor, "decide.manage_ownership", neighborhood)
    rule = Rule(neighborhood=neighborhood, **fields)
    rule.full_clean()
    rule.save()
    audit_record(
        actor=actor,
        action="decide.rule_create",
        target=rule,
        neighborhood=neighborhood,
        after={"key": rule.key},
    )
    return rule
