"""Decision pages: list, create, detail with discussion and ballot, participation, paper and
proxy ballots, results with every round and threshold, the published notice, ownership."""

# ruff: noqa: F401  (the package re-exports every name the module had)

from .ballots import (
    RECEIPT_CHECKS,
    _household_from_post,
    _receipt_message,
    ballot_cast,
    ballot_enter,
    receipt_check,
    receipt_message,
)
from .common import FIGURE_LABELS, _decision, _result_context
from .decisions import (
    comment_create,
    decision_create,
    decision_detail,
    decision_index,
    decision_list,
    decision_notice,
    decision_publish,
    decision_remind,
    next_round,
    option_create,
    render_markdown,
)
from .followup import followup
from .results import _tracked_buildings, ownership_list, participation, results, rule_list

__all__ = [
    "FIGURE_LABELS",
    "RECEIPT_CHECKS",
    "ballot_cast",
    "ballot_enter",
    "comment_create",
    "decision_create",
    "decision_detail",
    "decision_index",
    "decision_list",
    "decision_notice",
    "decision_publish",
    "decision_remind",
    "followup",
    "next_round",
    "option_create",
    "ownership_list",
    "participation",
    "receipt_check",
    "receipt_message",
    "render_markdown",
    "results",
    "rule_list",
]
