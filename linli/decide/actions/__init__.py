"""Every write to decisions: create, options, rounds, discussion, ballots, ownership, publish.

Ballots are one transaction each: the ballot row and its choices are written together, a
household's earlier ballot is locked and replaced (never a second row: a unique
constraint on (decision, voter_key) holds that), and counters move only when a new
voter is heard."""

# ruff: noqa: F401  (the package re-exports every name the module had)

from .ballots import (
    _ALREADY,
    BallotExists,
    _cast_role,
    _check_choices,
    _refuse_or_allow_replacement,
    _tell_household,
    _voter,
    _write_ballot,
    ballot_cast,
    not_yet_voted,
)
from .decisions import (
    MAX_OPTIONS,
    comment_add,
    decision_create,
    decision_next_round,
    decision_publish,
    decision_remind,
    electorate_refresh,
    option_add,
    ownership_set,
    rule_create,
)
from .edits import (
    MIN_OPTIONS,
    decision_draft_delete,
    decision_draft_publish,
    decision_update,
    option_remove,
    option_update,
)
from .insert import (
    _BALLOT_FIELDS,
    _first_ballot_query,
    _first_ballot_statement,
    _insert_first_ballot,
)
from .outcome import outcome_key, outcome_text, outcome_words, recount_matches

__all__ = [
    "BallotExists",
    "MAX_OPTIONS",
    "MIN_OPTIONS",
    "ballot_cast",
    "comment_add",
    "decision_create",
    "decision_draft_delete",
    "decision_draft_publish",
    "decision_update",
    "decision_next_round",
    "decision_publish",
    "decision_remind",
    "electorate_refresh",
    "not_yet_voted",
    "option_add",
    "option_remove",
    "option_update",
    "outcome_key",
    "outcome_text",
    "outcome_words",
    "ownership_set",
    "recount_matches",
    "rule_create",
]
