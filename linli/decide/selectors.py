"""Reads for decision pages; each a fixed number of queries."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from linli.community.models import Building, Compound, Household, Neighborhood
from linli.community.selectors import household_order
from linli.core import sql

from . import tally
from .addresses import parse_address
from .models import (
    Ballot,
    BallotChoice,
    BuildingTally,
    Comment,
    Decision,
    Option,
    ReplacedReceipt,
    Rule,
)
from .receipts import receipt_normalize


def decisions_of(neighborhood: Neighborhood) -> QuerySet[Decision]:
    return (
        Decision.objects.with_counts()
        .filter(neighborhood=neighborhood, is_draft=False)
        .select_related("compound")
        .order_by("-voting_closes_at", "-pk")
    )


def drafts_of(neighborhood: Neighborhood, user: Any) -> QuerySet[Decision]:
    """The decisions this person saved as drafts (nobody else sees them)."""
    return Decision.objects.filter(
        neighborhood=neighborhood, is_draft=True, created_by=user
    ).order_by("-created_at", "-pk")


def decision_detail(pk: int) -> Decision:
    return (
        Decision.objects.with_counts()
        .select_related("neighborhood", "rule", "previous", "compound")
        .get(pk=pk)
    )


@sql.statement
def _decision_for_ballot_query(qn: Any) -> str:
    through = Decision.buildings.through._meta
    ids = (
        "string_agg(CAST({} AS text), ',')"
        if connection.vendor == "postgresql"
        else "group_concat({}, ',')"
    )
    return (
        f"SELECT {sql.columns(Decision, 'd')}, "
        f"(SELECT {ids.format('o.' + qn('id'))} FROM {qn(Option._meta.db_table)} o WHERE o.{qn('decision_id')} = d.{qn('id')}), "
        f"(SELECT {ids.format('b.' + qn('building_id'))} FROM {qn(through.db_table)} b WHERE b.{qn('decision_id')} = d.{qn('id')}) "
        f"FROM {qn(Decision._meta.db_table)} d WHERE d.{qn('id')} = %s"
    )


def decision_for_ballot(pk: int) -> Decision | None:
    """The decision with its option and building ids, in one prepared query (the hot path of a vote), or None."""
    row = sql.one(_decision_for_ballot_query(), [pk])
    if row is None:
        return None
    decision = sql.load(Decision, row)
    option_csv, building_csv = row[-2:]
    decision._option_ids = {int(i) for i in (option_csv or "").split(",") if i}
    decision._building_ids = sorted(int(i) for i in (building_csv or "").split(",") if i)
    return decision


def options_of(decision: Decision) -> list[Option]:
    return list(Option.objects.filter(decision=decision).order_by("position", "pk"))


def comments_of(decision: Decision) -> QuerySet[Comment]:
    return (
        Comment.objects.filter(decision=decision)
        .select_related("author")
        .order_by("created_at", "pk")
    )


def my_ballot(decision: Decision, user: Any) -> Ballot | None:
    """The ballot that counts for this person (their household's, or their own)."""
    if not getattr(user, "is_verified", False):
        return None
    key = f"r{user.pk}" if decision.unit == Decision.Unit.RESIDENT else f"h{user.household_id}"
    return (
        Ballot.objects.in_decision(decision).filter(voter_key=key).select_related("cast_by").first()
    )


def my_choices(ballot: Ballot | None) -> list[int]:
    return (
        list(
            ballot.choices.filter(neighborhood_id=ballot.neighborhood_id)
            .order_by("rank")
            .values_list("option_id", flat=True)
        )
        if ballot
        else []
    )


def participation(
    decision: Decision, building_ids: Iterable[int] | None = None
) -> tuple[list[BuildingTally], list[dict[str, Any]]]:
    """Per building: eligible and voted (stored counters), grouped by compound (one query)."""
    qs = (
        BuildingTally.objects.filter(decision=decision)
        .select_related("building__compound")
        .order_by("building__compound__name", "building__sort_key")
    )
    if building_ids is not None:
        qs = qs.filter(building_id__in=building_ids)
    rows = list(qs)
    compounds: dict[int, dict[str, Any]] = {}
    for row in rows:
        c = compounds.setdefault(
            row.building.compound_id,
            {"name": row.building.compound.name, "eligible": 0, "voted": 0},
        )
        c["eligible"] += row.eligible
        c["voted"] += row.voted
    return rows, list(compounds.values())


def households_with_ballots(decision: Decision, building: Building) -> QuerySet[Household]:
    """A building's households in the electorate, each with whether, when and by which channel
    it voted (never what)."""
    ballots = (
        Ballot.objects.in_decision(decision)
        .filter(household_id=OuterRef("pk"))
        .order_by("-cast_at")
    )
    return (
        tally.electorate(decision)
        .filter(building=building)
        .select_related("building")
        .annotate(
            voted=Exists(ballots),
            voted_channel=Subquery(ballots.values("channel")[:1]),
            voted_at=Subquery(ballots.values("cast_at")[:1]),
        )
        .order_by(*household_order())
    )


def _compound_matches(typed: str, compound: Compound) -> bool:
    typed = typed.casefold()
    names = [n.casefold() for n in (compound.name, compound.name_en) if n]
    return any(typed in n or n in typed for n in names)


def household_by_address(neighborhood: Neighborhood, text: str) -> Household:
    """The household of `neighborhood` at an address as people write it ("7-1204", "7号楼1204",
    "7-1-1204", "滨江花园 7-1204"); ValidationError in the user's language when there is none, or
    several and the address does not say which (one query)."""
    try:
        address = parse_address(text)
    except ValueError as error:
        raise ValidationError(str(error)) from None
    found = Household.objects.filter(
        neighborhood=neighborhood,
        building__number__iexact=address.building,
        room__iexact=address.room,
    ).select_related("building__compound")
    if address.unit is not None:
        found = found.filter(unit__iexact=address.unit)
    matches = list(found.order_by("building__compound__name", "unit")[:20])
    if address.compound:
        matches = [h for h in matches if _compound_matches(address.compound, h.building.compound)]
    if not matches:
        raise ValidationError(
            _("No household at %(address)s in this neighborhood.") % {"address": text.strip()}
        )
    if len(matches) > 1:
        listed = ", ".join(f"{h.building.compound.name} {h.address}" for h in matches[:6])
        raise ValidationError(
            _("Several households match %(address)s: %(list)s. Add the compound or the unit.")
            % {"address": text.strip(), "list": listed}
        )
    return matches[0]


def moment_text(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def ballot_line(ballot: Ballot) -> str:
    """Who cast the ballot, how and when, for the household's own view: never a blank name."""
    when = moment_text(ballot.cast_at)
    who = ballot.cast_by.public_name if ballot.cast_by is not None else ""
    role = ballot.get_cast_role_display() if ballot.cast_role else ""
    if ballot.channel == Ballot.Channel.ONLINE:
        return _("Cast online by %(who)s (%(when)s).") % {
            "who": who or _("former resident"),
            "when": when,
        }
    params = {"role": role, "who": who, "when": when, "holder": ballot.proxy_holder}
    if ballot.channel == Ballot.Channel.PROXY:
        if who:
            return _(
                "A ballot by written proxy (proxy holder: %(holder)s), recorded by %(role)s %(who)s (%(when)s)."
            ) % {**params, "role": role or _("the organisers")}
        return (
            _(
                "A ballot by written proxy (proxy holder: %(holder)s), recorded by the organisers (%(when)s)."
            )
            % params
        )
    if who:
        return _("A paper ballot entered by %(role)s %(who)s (%(when)s).") % {
            **params,
            "role": role or _("the residents' committee"),
        }
    return _("A paper ballot entered by the residents' committee (%(when)s).") % params


def receipt_check(decision: Decision, code: str) -> tuple[str, datetime | None]:
    """What a receipt says, to whoever holds it (never how anyone voted): ("counted", cast_at),
    ("replaced", replaced_at) or ("unknown", None). At most two queries."""
    code = receipt_normalize(code)
    if not code:
        return "unknown", None
    at = (
        Ballot.objects.in_decision(decision)
        .filter(receipt=code)
        .values_list("cast_at", flat=True)
        .first()
    )
    if at is not None:
        return "counted", at
    at = (
        ReplacedReceipt.objects.filter(decision=decision, receipt=code)
        .order_by("-replaced_at")
        .values_list("replaced_at", flat=True)
        .first()
    )
    return ("replaced", at) if at is not None else ("unknown", None)


def ballots_list(decision: Decision) -> QuerySet[Ballot]:
    return (
        Ballot.objects.in_decision(decision)
        .select_related("household__building", "cast_by")
        .order_by("-cast_at", "-pk")
    )


def ownership_households(
    neighborhood: Neighborhood, building_id: int | None = None
) -> QuerySet[Household]:
    qs = Household.objects.filter(neighborhood=neighborhood).select_related(
        "building__compound", "decide_ownership"
    )
    if building_id:
        qs = qs.filter(building_id=building_id)
    return qs.order_by(*household_order())


def open_decisions_for(user: Any, neighborhood_id: int, now: datetime) -> QuerySet[Decision]:
    return (
        Decision.objects.filter(
            neighborhood_id=neighborhood_id, voting_closes_at__gt=now, is_draft=False
        )
        .filter(Q(voting_opens_at__lte=now) | Q(voting_opens_at__gt=now))
        .order_by("voting_closes_at")[:3]
    )


def choices_of_households(decision: Decision, household_ids: Iterable[int]) -> dict[int, list[str]]:
    """{household id: [option titles in rank order]} — only for open ballots (the caller checks decide.see_choices)."""
    chosen: dict[int, list[str]] = {}
    rows = (
        BallotChoice.objects.in_decision(decision)
        .filter(ballot__household_id__in=household_ids)
        .order_by("ballot__household_id", "rank")
        .values_list("ballot__household_id", "option__title")
    )
    for household_id, title in rows:
        chosen.setdefault(household_id, []).append(title)
    return chosen


def buildings_of(neighborhood: Neighborhood) -> QuerySet[Building]:
    """A neighborhood's buildings by compound, for the ownership page's filter."""
    return (
        Building.objects.filter(neighborhood=neighborhood)
        .select_related("compound")
        .order_by("compound__name", "sort_key")
    )


def rules_of(neighborhood: Neighborhood) -> QuerySet[Rule]:
    """The counting rules a neighborhood may use: the built-in ones and its own."""
    return Rule.objects.filter(Q(neighborhood=None) | Q(neighborhood=neighborhood)).order_by(
        "neighborhood_id", "key"
    )
