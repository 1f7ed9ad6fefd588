"""Casting ballots: online, on paper and by proxy, one per household, never silently replaced."""

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.community.models import Household, Resident
from linli.community.predicates import is_committee_staff, is_owners_committee, leads_building
from linli.core.perms import require
from linli.decide import tally
from linli.decide.models import (
    Ballot,
    BallotChoice,
    BuildingTally,
    Decision,
    ReplacedReceipt,
)
from linli.decide.receipts import receipt_new
from linli.notify.actions import notify

from .insert import _insert_first_ballot


def _check_choices(decision: Decision, option_ids: Iterable[Any]) -> list[int]:
    try:
        ids = [int(i) for i in option_ids]
    except (TypeError, ValueError):
        raise ValidationError(_("Choose from the options shown.")) from None
    if not ids:
        raise ValidationError(_("Choose an option."))
    if len(set(ids)) != len(ids):
        raise ValidationError(_("Each option can be chosen or ranked only once."))
    if decision.method == Decision.Method.SINGLE and len(ids) != 1:
        raise ValidationError(_("Choose exactly one option."))
    if not set(ids) <= tally.decision_option_ids(decision):
        raise ValidationError(_("Choose from the options shown."))
    return ids


def _voter(
    decision: Decision,
    actor: Resident,
    household: Household | None,
    resident: Resident | None,
    channel: str,
) -> tuple[str, Household, Resident | None]:
    """Who the ballot is for: (voter_key, household, resident). Raises if the actor may not cast it."""
    if channel == Ballot.Channel.ONLINE:
        if not actor.is_authenticated or not actor.is_verified or not actor.is_adult:
            raise PermissionDenied(_("Only verified adult residents can vote."))
        if household is not None and household.pk != actor.household_id:
            raise PermissionDenied(_("You can vote only for your own household."))
        household = actor.household  # usually already loaded by the permission check
        resident = actor
        if household is None:
            raise PermissionDenied(_("Only verified adult residents can vote."))
        if decision.owners_only and not household.owner_occupied:
            raise PermissionDenied(
                _(
                    "Only owners vote on this decision. The owner of your home can vote on paper or by proxy."
                )
            )
    else:
        if household is None:
            raise ValidationError(_("Choose the household."))
        perm = (
            "decide.enter_paper_ballot"
            if channel == Ballot.Channel.PAPER
            else "decide.record_proxy"
        )
        require(
            actor,
            perm,
            household if channel == Ballot.Channel.PAPER else decision,
            _("Only committee staff and this building's leader can enter its paper ballots.")
            if channel == Ballot.Channel.PAPER
            else None,
        )
    if not tally.in_electorate(decision, household):
        raise PermissionDenied(_("This household is not in the electorate of this decision."))
    if decision.unit == Decision.Unit.RESIDENT:
        if (
            resident is None
            or resident.household_id != household.pk
            or not resident.is_verified
            or not resident.is_adult
        ):
            raise ValidationError(_("Choose a verified adult member of the household."))
        return f"r{resident.pk}", household, resident
    return f"h{household.pk}", household, resident


class BallotExists(ValidationError):
    """A paper or proxy ballot for a voter who has one: refused unless staff give a reason."""


def ballot_cast(
    *,
    decision: Decision,
    actor: Resident,
    option_ids: Iterable[Any],
    household: Household | None = None,
    resident: Resident | None = None,
    channel: str = Ballot.Channel.ONLINE,
    proxy_holder: str = "",
    proxy_form: UploadedFile | None = None,
    replace_reason: str = "",
) -> Ballot:
    """Cast (or replace) the ballot of a household (or resident); the ballot carries its receipt.

    Online by a verified adult member; on paper by committee staff or the building's
    leader; by written proxy by the organisers, with the scanned form. A later online ballot
    of the same voter before the close replaces the earlier one; a paper or proxy ballot never
    does silently: it is refused (BallotExists, saying when and how the voter voted) unless
    committee staff give a written `replace_reason`. Every replacement is audited (channels,
    times, reason — never the choices) and the household is told; it still counts once.
    """
    if channel not in Ballot.Channel.values:
        raise ValidationError(_("Unknown way of voting."))
    now = timezone.now()
    if now < decision.voting_opens_at:
        raise ValidationError(_("Voting has not opened yet."))
    if now >= decision.voting_closes_at:
        raise ValidationError(_("Voting has closed."))
    require(actor, "decide.view_decision", decision)
    if channel == Ballot.Channel.PROXY and (not proxy_holder.strip() or not proxy_form):
        raise ValidationError(
            _("A proxy ballot needs the proxy holder's name and the scanned proxy form.")
        )
    voter_key, household, resident = _voter(decision, actor, household, resident, channel)
    ids = _check_choices(decision, option_ids)
    if channel == Ballot.Channel.ONLINE:  # the common case: a first ballot, with nothing to audit
        ballot = _insert_first_ballot(decision, voter_key, household, resident, actor, ids)
        if ballot is not None:
            return ballot
    for attempt in range(2):
        try:
            with transaction.atomic():
                return _write_ballot(
                    decision,
                    actor,
                    voter_key,
                    household,
                    resident,
                    channel,
                    proxy_holder,
                    proxy_form,
                    ids,
                    replace_reason.strip()[:500],
                )
        except IntegrityError:
            if attempt:  # a racing first ballot of the same voter won; the second try replaces it
                raise
    raise AssertionError("unreachable")


def _cast_role(actor: Resident, decision: Decision, household: Household, channel: str) -> str:
    """As what someone entered a paper or proxy ballot (shown to the household)."""
    if channel == Ballot.Channel.ONLINE:
        return ""
    if is_committee_staff(actor, decision):
        return Ballot.CastRole.STAFF
    if channel == Ballot.Channel.PAPER and leads_building(actor, household):
        return Ballot.CastRole.LEADER
    return Ballot.CastRole.OWNERS if is_owners_committee(actor, decision) else ""


_ALREADY: dict[str, Callable[[], str]] = {
    Ballot.Channel.ONLINE: lambda: _("%(home)s has already voted online (at %(when)s)."),
    Ballot.Channel.PAPER: lambda: _("%(home)s already has a paper ballot (entered at %(when)s)."),
    Ballot.Channel.PROXY: lambda: _(
        "%(home)s has already voted by written proxy (recorded at %(when)s)."
    ),
}


def _refuse_or_allow_replacement(
    ballot: Ballot, decision: Decision, actor: Resident, household: Household, reason: str
) -> None:
    """Before a paper or proxy ballot replaces `ballot` (locked): refuse unless staff give a reason."""
    if reason and actor.has_perm("decide.replace_ballot", decision):
        return
    if reason:
        raise PermissionDenied(
            _("Only committee staff can replace a ballot a household has already cast.")
        )
    when = formats.date_format(timezone.localtime(ballot.cast_at), "SHORT_DATETIME_FORMAT")
    text = _ALREADY.get(ballot.channel, _ALREADY[Ballot.Channel.ONLINE])() % {
        "home": household.address,
        "when": when,
    }
    if actor.has_perm("decide.replace_ballot", decision):
        hint = _("To replace that ballot, write down why.")
    else:
        hint = _("Only committee staff can replace it, with a written reason.")
    # Translators: a refusal and what to do about it, as two sentences.
    raise BallotExists(
        _("%(refusal)s %(hint)s") % {"refusal": text, "hint": hint}, code="ballot_exists"
    )


def _write_ballot(
    decision: Decision,
    actor: Resident,
    voter_key: str,
    household: Household,
    resident: Resident | None,
    channel: str,
    proxy_holder: str,
    proxy_form: UploadedFile | None,
    ids: list[int],
    reason: str,
) -> Ballot:
    ballot = (
        Ballot.objects.select_for_update().in_decision(decision).filter(voter_key=voter_key).first()
    )
    if ballot is not None and channel != Ballot.Channel.ONLINE:
        _refuse_or_allow_replacement(ballot, decision, actor, household, reason)
    fields: dict[str, Any] = dict(
        resident=resident,
        cast_by=actor,
        channel=channel,
        proxy_holder=proxy_holder.strip(),
        cast_at=timezone.now(),
        cast_role=_cast_role(actor, decision, household, channel),
        receipt=receipt_new(),
    )
    if ballot is None:
        ballot = Ballot(
            decision=decision,
            neighborhood_id=decision.neighborhood_id,
            voter_key=voter_key,
            household=household,
            building_id=household.building_id,
            ranking=Ballot.ranking_of(ids),
            **fields,
        )
        if proxy_form:
            ballot.proxy_form = proxy_form
        ballot.save()
        BuildingTally.objects.filter(decision=decision, building_id=household.building_id).update(
            voted=F("voted") + 1
        )
        replaced = None
    else:
        replaced = {
            "channel": ballot.channel,
            "cast_by": ballot.cast_by_id,
            "cast_at": ballot.cast_at.isoformat(),
        }
        before_at = ballot.cast_at
        ReplacedReceipt.objects.create(
            decision=decision,
            receipt=ballot.receipt,
            channel=ballot.channel,
            replaced_at=fields["cast_at"],
        )
        for name, value in fields.items():
            setattr(ballot, name, value)
        ballot.proxy_form = proxy_form or ""
        ballot.ranking = Ballot.ranking_of(ids)
        ballot.replaced += 1
        ballot.save()
        BallotChoice.objects.filter(neighborhood_id=ballot.neighborhood_id, ballot=ballot).delete()
    BallotChoice.objects.bulk_create(
        [
            BallotChoice(
                ballot=ballot,
                decision=decision,
                neighborhood_id=decision.neighborhood_id,
                option_id=oid,
                rank=i,
            )
            for i, oid in enumerate(ids, 1)
        ]
    )
    label = (
        f"{decision.title} · {household.address}"
        if replaced or channel != Ballot.Channel.ONLINE
        else ""
    )  # only audits need it
    # Audits name the ballot, never its choices (the ballot is secret).
    if replaced:
        audit_record(
            actor=actor,
            action="decide.ballot_replace",
            target=ballot,
            target_label=label,
            neighborhood=decision.neighborhood_id,
            before=replaced,
            # The new ballot's time is the entry's own (created_at, in the same transaction).
            after={"channel": channel, "reason": reason},
        )
        _tell_household(decision, actor, household, replaced, before_at, ballot, reason)
    if channel != Ballot.Channel.ONLINE:
        audit_record(
            actor=actor,
            action=f"decide.ballot_{channel}",
            target=ballot,
            target_label=label,
            neighborhood=decision.neighborhood_id,
            after={"channel": channel, "proxy_holder": ballot.proxy_holder},
        )
    return ballot


def _tell_household(
    decision: Decision,
    actor: Resident,
    household: Household,
    before: dict[str, Any],
    before_at: datetime,
    ballot: Ballot,
    reason: str,
) -> None:
    """The household's members learn that its ballot was replaced: how and when, and why (never the choices)."""
    members = Resident.objects.filter(
        household=household, verified_at__isnull=False, deleted_at=None
    ).values_list("id", flat=True)
    notify(
        recipients=list(members),
        kind="decide.ballot_replaced",
        params={
            "title": decision.title,
            "before": before["channel"],
            "when": timezone.localtime(before_at).strftime("%Y-%m-%d %H:%M"),
            "channel": ballot.channel,
            "reason": reason,
        },
        url=decision.get_absolute_url() + "#ballot",
        actor=actor,
    )


def not_yet_voted(decision: Decision) -> QuerySet[Resident]:
    """Verified adult residents whose household (or who themselves) have not voted."""
    voters = tally.electorate(decision)
    people = Resident.objects.filter(
        household__in=voters, verified_at__isnull=False, is_adult=True, deleted_at=None
    )
    if decision.unit == Decision.Unit.RESIDENT:
        return people.exclude(pk__in=Ballot.objects.in_decision(decision).values("resident_id"))
    return people.exclude(
        household_id__in=Ballot.objects.in_decision(decision).values("household_id")
    )
