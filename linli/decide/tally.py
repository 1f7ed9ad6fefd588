"""Counting: every figure is computed in the database from the ballots, so a recount is
the same function run again and gives the same numbers.

- single choice and approval: one grouped COUNT over the ballot choices;
- ranked choice: the ranked ballots are read once (ordered by ballot, then rank) and the
  instant-runoff rounds run in Python, deterministically (see `instant_runoff`);
- counting rules (Art. 278 or a neighborhood's own): area and headcount sums are
  aggregate queries; thresholds are compared exactly, by cross-multiplying integers and
  Decimals (value/total ≥ num/den  ⇔  value·den ≥ num·total), never with floats.
"""

from collections import Counter
from decimal import Decimal

from django.db import connection
from django.db.models import (
    CharField,
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Concat

from linli.community.models import Household, OwnerUnit

from .models import Ballot, BallotChoice, Decision, Option


def meets(value, total, num, den, strict=False) -> bool:
    """value/total ≥ num/den ("at least", includes the figure itself) or > ("more than").

    Exact: Decimals and integers are cross-multiplied. A total of zero meets nothing.
    """
    if not total:
        return False
    lhs, rhs = value * den, total * num
    return lhs > rhs if strict else lhs >= rhs


def electorate(decision) -> "QuerySet[Household]":
    qs = Household.objects.filter(neighborhood_id=decision.neighborhood_id)
    building_ids = decision_building_ids(decision)
    if building_ids:
        qs = qs.filter(building_id__in=building_ids)
    if decision.owners_only and decision.unit == Decision.Unit.RESIDENT:
        qs = qs.filter(owner_occupied=True)
    return qs


def in_electorate(decision, household) -> bool:
    """The same test as `electorate`, on one household already loaded (no query once the buildings are known)."""
    building_ids = decision_building_ids(decision)
    return (
        household.neighborhood_id == decision.neighborhood_id
        and (not building_ids or household.building_id in building_ids)
        and not (
            decision.owners_only
            and decision.unit == Decision.Unit.RESIDENT
            and not household.owner_occupied
        )
    )


def decision_building_ids(decision) -> list[int]:
    if not hasattr(decision, "_building_ids"):
        decision._building_ids = sorted(decision.buildings.values_list("id", flat=True))
    return decision._building_ids


def decision_option_ids(decision) -> set[int]:
    if not hasattr(decision, "_option_ids"):
        decision._option_ids = set(
            Option.objects.filter(decision=decision).values_list("id", flat=True)
        )
    return decision._option_ids


def owner_key(prefix=""):
    """The owner a unit counts for under Art. 278: its owner in the compound's owner register
    (co-owners of one unit count once, as the first of them, so that units with the same
    owners count once together; the developer's unsold units are one owner); else the key of
    its older Ownership row; else the unit itself."""
    registered = (
        OwnerUnit.objects.filter(household_id=OuterRef(f"{prefix}id"))
        .order_by("owner_id")
        .annotate(key=Concat(Value("o:"), Cast("owner_id", CharField())))
        .values("key")[:1]
    )
    return Coalesce(
        Subquery(registered, output_field=CharField()),
        f"{prefix}decide_ownership__owner_key",
        Concat(Value("unit:"), Cast(f"{prefix}id", CharField())),
        output_field=CharField(),
    )


def instant_runoff(ballots: list[list[int]], option_ids: list[int]):
    """Instant-runoff rounds. `ballots`: each a list of option ids in order of preference;
    `option_ids`: the options in the order they were listed.

    Each round counts every ballot for its highest-ranked option still in the count
    (ballots with none left are "exhausted"). An option with more than half of the
    ballots still counting wins. Otherwise the option with the fewest votes is
    eliminated. Tie-break for elimination, documented and deterministic: among the
    options tied for fewest, eliminate the one with fewer votes in the previous round,
    going back round by round; if they were tied in every round, eliminate the one
    listed later. Returns (rounds, winner id or None).

    Identical rankings are counted together (there are few distinct ones), so 10,000
    ballots cost about as much as a few dozen.
    """
    return runoff(Counter(tuple(prefs) for prefs in ballots), option_ids)


def runoff(patterns: Counter, option_ids: list[int]):
    """`instant_runoff` on rankings already counted: {(option id, …): number of ballots}."""
    continuing = list(option_ids)
    order = {oid: i for i, oid in enumerate(option_ids)}
    rounds = []
    while continuing:
        counts = {oid: 0 for oid in continuing}
        exhausted = 0
        for prefs, n in patterns.items():
            for oid in prefs:
                if oid in counts:
                    counts[oid] += n
                    break
            else:
                exhausted += n
        active = sum(counts.values())
        round_ = {
            "counts": {str(k): v for k, v in counts.items()},
            "active": active,
            "exhausted": exhausted,
            "eliminated": None,
        }
        rounds.append(round_)
        leader = max(continuing, key=lambda oid: (counts[oid], -order[oid]))
        if active and counts[leader] * 2 > active:
            return rounds, leader
        if len(continuing) == 1:
            return rounds, (leader if active else None)
        if not active:
            return rounds, None
        fewest = min(counts.values())
        tied = [oid for oid in continuing if counts[oid] == fewest]
        for earlier in reversed(rounds[:-1]):
            if len(tied) == 1:
                break
            least = min(earlier["counts"][str(oid)] for oid in tied)
            tied = [oid for oid in tied if earlier["counts"][str(oid)] == least]
        loser = max(tied, key=lambda oid: order[oid])
        round_["eliminated"] = loser
        continuing.remove(loser)
    return rounds, None


def ranked_patterns(decision) -> Counter:
    """How many ballots hold each ranking {(option id, …): n}: one grouped count over the
    ballots' rankings, read from an index ((decision, ranking)) without touching the table.
    A few dozen rows come back however many ballots there are."""
    patterns: Counter = Counter()
    for ranking, n in (
        Ballot.objects.in_decision(decision)
        .order_by()
        .values_list("ranking")
        .annotate(n=Count("*"))
    ):
        patterns[Ballot.options_of_ranking(ranking)] += n
    return patterns


def patterns_from_choices(decision) -> Counter:
    """The same figures from the ballots' choice rows: each ballot's choices are concatenated as
    "rank:option" (GROUP BY ballot) and identical strings counted. A recount checks that the two
    records of every ballot agree (see `choices_agree`)."""
    vendor = connection.vendor
    item = (
        "CAST(rank AS text) || ':' || CAST(option_id AS text)"
        if vendor == "postgresql"
        else "rank || ':' || option_id"
    )
    concat = f"string_agg({item}, ',')" if vendor == "postgresql" else f"group_concat({item}, ',')"
    sql = (
        f"SELECT p, COUNT(*) FROM (SELECT {concat} AS p FROM {BallotChoice._meta.db_table} "
        "WHERE neighborhood_id = %s AND decision_id = %s GROUP BY ballot_id) AS per_ballot "
        "GROUP BY p"
    )
    patterns: Counter = Counter()
    with connection.cursor() as cursor:
        cursor.execute(sql, [decision.neighborhood_id, decision.pk])
        for joined, n in cursor.fetchall():
            pairs = sorted(
                (int(r), int(o)) for r, o in (part.split(":") for part in joined.split(","))
            )
            patterns[tuple(o for _r, o in pairs)] += n
    return patterns


def choices_agree(decision, patterns=None) -> bool:
    """The ballots' rankings (`patterns`, when already counted) and their choice rows give the
    same figures (every ballot has a choice)."""
    return (ranked_patterns(decision) if patterns is None else patterns) == patterns_from_choices(
        decision
    )


def _options(decision):
    return list(
        Option.objects.filter(decision=decision)
        .order_by("position", "pk")
        .values("id", "title", "approves")
    )


def count(decision, patterns=None) -> dict:
    """The full count of a decision, as JSON-ready data (Decimals as strings); `patterns`: the
    rankings already counted by `ranked_patterns`."""
    options = _options(decision)
    option_ids = [o["id"] for o in options]
    ballots = Ballot.objects.in_decision(decision)
    result = {
        "decision": decision.pk,
        "method": decision.method,
        "unit": decision.unit,
        "electorate": 0,
        "ballots": 0,
        "options": [],
        "rounds": [],
        "winner": None,
        "rule": None,
    }
    patterns = ranked_patterns(decision) if patterns is None else patterns
    if decision.method == Decision.Method.RANKED:
        rounds, winner = runoff(patterns, option_ids)
        first = rounds[0]["counts"] if rounds else {}
        votes = {oid: first.get(str(oid), 0) for oid in option_ids}
        result["rounds"], result["winner"] = rounds, winner
    else:
        votes = Counter()
        for ranking, n in patterns.items():
            for oid in ranking:
                votes[oid] += n
        votes = dict(votes)
        if votes:
            result["winner"] = max(
                option_ids, key=lambda oid: (votes.get(oid, 0), -option_ids.index(oid))
            )
            top = votes.get(result["winner"], 0)
            if sum(1 for oid in option_ids if votes.get(oid, 0) == top) > 1:
                result["winner"] = None  # a tie for first place: no winner by plurality
    result["options"] = [
        {
            "id": o["id"],
            "title": o["title"],
            "approves": o["approves"],
            "votes": votes.get(o["id"], 0),
        }
        for o in options
    ]
    result["ballots"] = sum(patterns.values())  # every ballot is in exactly one ranking group
    voters = electorate(decision)
    if decision.unit == Decision.Unit.RESIDENT:
        from linli.community.models import Resident

        result["electorate"] = Resident.objects.filter(
            household__in=voters, verified_at__isnull=False, is_adult=True, deleted_at=None
        ).count()
    else:
        result["electorate"] = voters.count()
    if decision.rule_id:
        result["rule"] = _apply_rule(decision, result, voters, ballots, options)
    return result


def _apply_rule(decision, result, voters, ballots, options) -> dict:
    rule = decision.rule
    by_area = decision.unit == Decision.Unit.HOUSEHOLD
    approving = [o["id"] for o in options if o["approves"]]
    if approving:
        for_filter = Q(
            Exists(
                BallotChoice.objects.filter(
                    neighborhood_id=OuterRef("neighborhood_id"),
                    ballot_id=OuterRef("pk"),
                    option_id__in=approving,
                )
            )
        )
    elif result["winner"] is not None and decision.method != Decision.Method.RANKED:
        for_filter = Q(
            Exists(
                BallotChoice.objects.filter(
                    neighborhood_id=OuterRef("neighborhood_id"),
                    ballot_id=OuterRef("pk"),
                    option_id=result["winner"],
                )
            )
        )
    else:
        for_filter = None
    heads_expr = owner_key("household__") if rule.owners_headcount else "voter_key"
    agg = {"part_area": Sum("household__area"), "part_heads": Count(heads_expr, distinct=True)}
    if for_filter is not None:
        annotated = ballots.annotate(is_for=for_filter)
        agg |= {
            "for_area": Sum("household__area", filter=Q(is_for=True)),
            "for_heads": Count(heads_expr, distinct=True, filter=Q(is_for=True)),
        }
    else:
        annotated = ballots
    got = annotated.aggregate(**agg)
    if (
        decision.method == Decision.Method.RANKED
        and result["rounds"]
        and result["winner"] is not None
    ):
        last = result["rounds"][-1]
        got["for_heads"], got["for_area"] = last["counts"].get(str(result["winner"]), 0), None
    if rule.owners_headcount:
        totals = voters.aggregate(area=Sum("area"), heads=Count(owner_key(), distinct=True))
    else:
        totals = {
            "area": voters.aggregate(area=Sum("area"))["area"] if by_area else None,
            "heads": result["electorate"],
        }
    cent = Decimal(
        "0.01"
    )  # areas are sums of 2-decimal values: quantizing only drops trailing zeros some databases add
    total_area, total_heads = Decimal(totals["area"] or 0).quantize(cent), totals["heads"] or 0
    part_area, part_heads = Decimal(got["part_area"] or 0).quantize(cent), got["part_heads"] or 0
    for_area, for_heads = (
        Decimal(got.get("for_area") or 0).quantize(cent),
        got.get("for_heads") or 0,
    )
    figures = []

    def add(key, value, total, num, den, strict):
        if den:
            figures.append(
                {
                    "key": key,
                    "value": str(value),
                    "total": str(total),
                    "num": num,
                    "den": den,
                    "strict": strict,
                    "met": meets(value, total, num, den, strict),
                }
            )

    if by_area:
        add(
            "turnout_area",
            part_area,
            total_area,
            rule.turnout_area_num,
            rule.turnout_area_den,
            False,
        )
    add(
        "turnout_heads",
        part_heads,
        total_heads,
        rule.turnout_heads_num,
        rule.turnout_heads_den,
        False,
    )
    if by_area and decision.method != Decision.Method.RANKED:
        add(
            "pass_area",
            for_area,
            part_area,
            rule.pass_area_num,
            rule.pass_area_den,
            rule.pass_area_strict,
        )
    add(
        "pass_heads",
        for_heads,
        part_heads,
        rule.pass_heads_num,
        rule.pass_heads_den,
        rule.pass_heads_strict,
    )
    turnout = [f for f in figures if f["key"].startswith("turnout")]
    passing = [f for f in figures if f["key"].startswith("pass")]
    valid = all(f["met"] for f in turnout)
    return {
        "key": rule.key,
        "figures": figures,
        "valid": valid,
        "passed": valid and all(f["met"] for f in passing) and bool(passing or result["winner"]),
    }
