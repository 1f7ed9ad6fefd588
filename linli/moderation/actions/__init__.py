"""Every write in moderation: report something, and staff's review (keep visible / hide).

General on purpose: a report targets any registered object (see registry.py); a later
spam scorer can open cases through `case_open` with its own reporter-less reports."""

# ruff: noqa: F401  (the package re-exports every name the module had)

from linli.moderation.screen import hold, text_check, text_screen  # the apps' entry points

from .cases import (
    DECISIONS,
    MUTE_DAYS_MAX,
    _clean_note,
    _require_author,
    _review,
    _sanction,
    case_appeal,
    case_approve,
    case_ban,
    case_decide,
    case_delete,
    case_hide,
    case_mute,
    case_warn,
    sanction_lift,
)
from .common import LIMITS, NOTE_MAX, rate_check
from .reports import _case_for, report_create
from .words import WORD_MAX, decided_examples, retrain, word_add, word_remove

__all__ = [
    "hold",
    "text_check",
    "text_screen",
    "DECISIONS",
    "LIMITS",
    "MUTE_DAYS_MAX",
    "NOTE_MAX",
    "WORD_MAX",
    "case_appeal",
    "case_approve",
    "case_ban",
    "case_decide",
    "case_delete",
    "case_hide",
    "case_mute",
    "case_warn",
    "decided_examples",
    "rate_check",
    "report_create",
    "retrain",
    "sanction_lift",
    "word_add",
    "word_remove",
]
