"""Decisions (议事表决): a motion with options, a deliberation, then a vote; its ballots and counting rules.

Ballots hold their choices as rows (BallotChoice), so that tallies are aggregate queries
in the database. Who owns each unit (for the Civil Code Art. 278 headcount) is kept here
too (Ownership), so the community models need not change."""

from .ballots import Ballot, BallotChoice, BuildingTally, ReplacedReceipt
from .decisions import Comment, Decision, DecisionQuerySet, Option, Ownership, Rule

__all__ = [
    "Ballot",
    "BallotChoice",
    "BuildingTally",
    "Comment",
    "Decision",
    "DecisionQuerySet",
    "Option",
    "Ownership",
    "ReplacedReceipt",
    "Rule",
]
