"""Consultation pages: list, create, questions, answer (also on someone's behalf), participation, results, export."""

# ruff: noqa: F401  (the package re-exports every name the module had)

from .common import _consultation
from .consultations import (
    _answer_target,
    consultation_create,
    consultation_detail,
    consultation_index,
    consultation_list,
    question_create,
    render_markdown,
)
from .followup import followup
from .results import _safe, export, moderate, participation, publish, remind, results, text_answers

__all__ = [
    "followup",
    "consultation_create",
    "consultation_detail",
    "consultation_index",
    "consultation_list",
    "export",
    "moderate",
    "participation",
    "publish",
    "question_create",
    "remind",
    "render_markdown",
    "results",
    "text_answers",
]
