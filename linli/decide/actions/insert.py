"""A household's first ballot in one statement (INSERT … ON CONFLICT DO NOTHING), the hot path of a vote."""

from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from linli.community.models import Household, Resident
from linli.core import sql
from linli.decide.models import (
    Ballot,
    BallotChoice,
    BuildingTally,
    Decision,
)
from linli.decide.receipts import receipt_new


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
                unique=("neighborhood", "decision", "voter_key"),
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
        f"ON CONFLICT ({qn('neighborhood_id')}, {qn('decision_id')}, {qn('voter_key')}) DO NOTHING RETURNING {qn('id')}), "
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
