"""Every write to decisions: create, options, rounds, discussion, ballots, ownership, publish.

Ballots are one transaction each: the ballot row and its choices are written together, a
household's earlier ballot is locked and replaced (never a second row: a unique
constraint on (decision, voter_key) holds that), and counters move only when a new
voter is heard.
"""

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.community.models import Building, Household, Neighborhood, Resident
from linli.community.predicates import is_committee_staff, is_owners_committee, leads_building
from linli.core import sql
from linli.core.perms import require
from linli.notify.actions import dispatch_claim, notify

from . import tally
from .models import (
    Ballot,
    BallotChoice,
    BuildingTally,
    Comment,
    Decision,
    Option,
    Ownership,
    ReplacedReceipt,
)
from .receipts import receipt_new

MAX_OPTIONS = 30


# --- decisions ----------------------------------------------------------------------


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
    rule: Any = None,
    open_ballot: bool = False,
    link_kind: str = "",
    link_id: int | None = None,
    previous: Decision | None = None,
    round_no: int = 1,
) -> Decision:
    require(actor, "decide.create_decision", neighborhood)
    buildings = list(buildings)
    if any(b.neighborhood_id != neighborhood.pk for b in buildings):
        raise ValidationError(_("Choose buildings of this neighborhood."))
    if rule is not None and rule.neighborhood_id not in (None, neighborhood.pk):
        raise ValidationError(_("This counting rule belongs to another neighborhood."))
    decision = Decision(
        neighborhood=neighborhood,
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
        created_by=actor if actor.pk else None,
    )
    if voting_closes_at <= voting_opens_at:
        raise ValidationError({"voting_closes_at": _("Voting must close after it opens.")})
    decision.full_clean()
    decision.save()
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
        Ballot.objects.filter(decision=decision)
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
        rule=decision.rule,
        open_ballot=decision.open_ballot,
        link_kind=decision.link_kind,
        link_id=decision.link_id,
        previous=decision,
        round_no=decision.round_no + 1,
        voting_opens_at=voting_opens_at,
        voting_closes_at=voting_closes_at,
    )
    Option.objects.bulk_create(
        [
            Option(
                decision=nxt,
                position=i,
                title=o.title,
                description=o.description,
                image=o.image,
                approves=o.approves,
            )
            for i, o in enumerate(options, 1)
        ]
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


# --- ballots ------------------------------------------------------------------------


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
        Ballot.objects.select_for_update().filter(decision=decision, voter_key=voter_key).first()
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
        BallotChoice.objects.filter(ballot=ballot).delete()
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


def _insert_first_ballot(
    decision: Decision,
    voter_key: str,
    household: Household,
    resident: Resident | None,
    actor: Resident,
    ids: list[int],
) -> Ballot | None:
    """A voter's first online ballot, in plain SQL: the ballot unless the voter has one already,
    its choices and the building's counter, all or nothing. None when the voter has a ballot
    (or a racing first ballot won): the caller then replaces it, the long way.

    On PostgreSQL this is one statement (data-modifying CTEs) and, outside a transaction, its
    own transaction: no row lock (the building's counter) is held while this process waits
    for anything, so voters of one building do not queue behind each other.
    """
    ballot = Ballot(
        decision=decision,
        neighborhood_id=decision.neighborhood_id,
        voter_key=voter_key,
        household=household,
        building_id=household.building_id,
        resident=resident,
        cast_by=actor,
        channel=Ballot.Channel.ONLINE,
        cast_at=timezone.now(),
        ranking=Ballot.ranking_of(ids),
        receipt=receipt_new(),
    )
    if connection.vendor == "postgresql":
        ballot.pk = _first_ballot_statement(ballot, ids)
    else:
        with transaction.atomic():
            ballot.pk = sql.insert_new(
                Ballot,
                {f.attname: getattr(ballot, f.attname) for f in _BALLOT_FIELDS},
                unique=("decision", "voter_key"),
            )
            if ballot.pk is not None:
                sql.insert_rows(
                    BallotChoice,
                    ("ballot", "decision", "neighborhood", "option", "rank"),
                    [
                        (ballot.pk, decision.pk, decision.neighborhood_id, oid, i)
                        for i, oid in enumerate(ids, 1)
                    ],
                )
                sql.increment(
                    BuildingTally, "voted", decision=decision.pk, building=household.building_id
                )
    if ballot.pk is None:
        return None
    ballot._state.adding, ballot._state.db = False, connection.alias
    return ballot


_BALLOT_FIELDS = [f for f in Ballot._meta.concrete_fields if not f.primary_key]


@sql.statement
def _first_ballot_query(qn: Any) -> str:
    columns = ", ".join(qn(f.column) for f in _BALLOT_FIELDS)
    ballot, choice, tally_ = (qn(m._meta.db_table) for m in (Ballot, BallotChoice, BuildingTally))
    return (
        f"WITH b AS (INSERT INTO {ballot} ({columns}) VALUES ({', '.join(['%s'] * len(_BALLOT_FIELDS))}) "
        f"ON CONFLICT ({qn('decision_id')}, {qn('voter_key')}) DO NOTHING RETURNING {qn('id')}), "
        f"c AS (INSERT INTO {choice} ({qn('ballot_id')}, {qn('decision_id')}, {qn('neighborhood_id')}, {qn('option_id')}, {qn('rank')}) "
        f"SELECT b.{qn('id')}, %s, %s, x.o, x.r FROM b, unnest(%s::bigint[], %s::int[]) AS x(o, r)), "
        f"t AS (UPDATE {tally_} SET {qn('voted')} = {qn('voted')} + 1 WHERE {qn('decision_id')} = %s AND {qn('building_id')} = %s "
        f"AND EXISTS (SELECT 1 FROM b)) "
        f"SELECT {qn('id')} FROM b"
    )


def _first_ballot_statement(ballot: Ballot, ids: list[int]) -> int | None:
    params = [f.get_db_prep_save(getattr(ballot, f.attname), connection) for f in _BALLOT_FIELDS]
    params += [
        ballot.decision_id,
        ballot.neighborhood_id,
        list(ids),
        list(range(1, len(ids) + 1)),
        ballot.decision_id,
        ballot.building_id,
    ]
    row = sql.one(_first_ballot_query(), params)
    return row[0] if row else None


# --- reminders, ownership, results ------------------------------------------------------------


def not_yet_voted(decision: Decision) -> QuerySet[Resident]:
    """Verified adult residents whose household (or who themselves) have not voted."""
    voters = tally.electorate(decision)
    people = Resident.objects.filter(
        household__in=voters, verified_at__isnull=False, is_adult=True, deleted_at=None
    )
    if decision.unit == Decision.Unit.RESIDENT:
        return people.exclude(pk__in=Ballot.objects.filter(decision=decision).values("resident_id"))
    return people.exclude(
        household_id__in=Ballot.objects.filter(decision=decision).values("household_id")
    )


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


def outcome_key(result: dict[str, Any]) -> dict[str, Any]:
    """The outcome as words to translate later, in each reader's language."""
    rule = result.get("rule")
    winner = next((o["title"] for o in result["options"] if o["id"] == result["winner"]), None)
    if rule is not None:
        if not rule["valid"]:
            return {"outcome": "invalid"}
        return {"outcome": "passed" if rule["passed"] else "not_passed"}
    return {"outcome": "chosen", "winner": winner} if winner else {"outcome": "tie"}


def outcome_words(params: dict[str, Any]) -> str:
    key = params.get("outcome")
    if key == "invalid":
        return _("not valid: too few took part")
    if key == "passed":
        return _("passed")
    if key == "not_passed":
        return _("not passed")
    if key == "chosen":
        return _("chosen: %(winner)s") % {"winner": params.get("winner", "")}
    if key == "tie":
        return _("no winner (a tie)")
    return key or ""  # stored as text by an older version


def outcome_text(decision: Decision, result: dict[str, Any]) -> str:
    return outcome_words(outcome_key(result))


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


def recount_matches(decision: Decision) -> bool | None:
    """Count again from the ballots; True when it gives the published numbers and every ballot's
    ranking agrees with its choice rows (the two records written together)."""
    if decision.result is None:
        return None
    patterns = tally.ranked_patterns(decision)  # counted once, for both checks
    return tally.count(decision, patterns) == decision.result and tally.choices_agree(
        decision, patterns
    )


@transaction.atomic
def rule_create(*, neighborhood: Neighborhood, actor: Resident, **fields: Any) -> Any:
    """A neighborhood's own counting rule (for example a simple majority for a residents' decision)."""
    from .models import Rule

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
