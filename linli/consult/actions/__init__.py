"""Every write to consultations: create, questions, answers (online or taken on paper/phone
by a building leader), reminders, publishing results and moderating free text."""

# ruff: noqa: F401  (the package re-exports every name the module had)

from .consultations import (
    answer_moderate,
    audience,
    audience_people,
    audience_refresh,
    consultation_create,
    consultation_remind,
    not_yet_heard,
    question_add,
    results_publish,
    tallies_recount,
)
from .edits import (
    consultation_draft_delete,
    consultation_draft_publish,
    consultation_update,
    question_remove,
    question_update,
)
from .responses import (
    _CLEANERS,
    ANSWER_POINTS,
    MAX_TEXT,
    _clean_choices,
    _clean_image,
    _clean_number,
    _clean_rating,
    _clean_text,
    _count,
    _first_of_household,
    _ids,
    _respondent,
    _write,
    clean_answers,
    response_submit,
)

__all__ = [
    "ANSWER_POINTS",
    "MAX_TEXT",
    "answer_moderate",
    "audience",
    "audience_people",
    "audience_refresh",
    "clean_answers",
    "consultation_create",
    "consultation_draft_delete",
    "consultation_draft_publish",
    "consultation_update",
    "consultation_remind",
    "not_yet_heard",
    "question_add",
    "question_remove",
    "question_update",
    "response_submit",
    "results_publish",
    "tallies_recount",
]
