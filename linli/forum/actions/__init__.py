"""Every write in the forum: one function per user action, in a transaction.

Counters (reply/support/read counts, circle topic counts) move with F() updates inside
the action that changes what they count, so concurrent writers never lose or double a
count; the hot score is recomputed from the locked row in the same transaction."""

# ruff: noqa: F401  (the package re-exports every name the module had)

from .circles import circle_create
from .common import (
    CIRCLES_MAX,
    POINTS,
    POSTS_PER_HOUR,
    TRICKS_RE,
    _circles_for,
    _clean_text,
    _mentioned,
    _rate_limit,
    _rehot,
)
from .edits import (
    DRAFTS_MAX,
    reply_edit,
    topic_draft_delete,
    topic_draft_post,
    topic_draft_save,
    topic_edit,
)
from .quick import quick_proposal_close, quick_proposal_start, stance_set
from .replies import _reply_notifications, best_answer_clear, best_answer_mark, reply_create
from .supports import _support_target, support_add, support_remove
from .topics import (
    FLAGS,
    MAX_IMAGE_SIDE,
    _processed_images,
    _search_text_for_topic,
    post_set_hidden,
    reads_add,
    topic_create,
    topic_flag,
    topic_move,
)

__all__ = [
    "quick_proposal_close",
    "quick_proposal_start",
    "stance_set",
    "CIRCLES_MAX",
    "FLAGS",
    "MAX_IMAGE_SIDE",
    "POINTS",
    "DRAFTS_MAX",
    "POSTS_PER_HOUR",
    "TRICKS_RE",
    "best_answer_clear",
    "best_answer_mark",
    "circle_create",
    "post_set_hidden",
    "reads_add",
    "reply_create",
    "reply_edit",
    "support_add",
    "support_remove",
    "topic_create",
    "topic_draft_delete",
    "topic_draft_post",
    "topic_draft_save",
    "topic_edit",
    "topic_flag",
    "topic_move",
]
