"""/api/v1/forum/: topics, replies, supports, circles, search, reports. Same rules as the pages."""

# ruff: noqa: F401  (the package re-exports every name the module had)

from . import edits  # the routes of editing, histories and drafts
from .common import PREFIX, _visible_topic, router
from .quick import quick_close, quick_detail, quick_stance, quick_start
from .schemas import (
    AuthorOut,
    CircleOut,
    HeldOut,
    HitOut,
    ReplyIn,
    ReplyOut,
    ReportIn,
    SearchFilter,
    SupportOut,
    TopicDetailOut,
    TopicFilter,
    TopicIn,
    TopicOut,
)
from .supports import (
    _support_result,
    _visible_reply,
    reply_report,
    reply_support,
    reply_unsupport,
    topic_report,
    topic_support,
    topic_unsupport,
)
from .topics import (
    _AnnotatedPage,
    _author,
    _reply,
    _topic,
    circle_list,
    reply_create,
    reply_list,
    search,
    topic_create,
    topic_detail,
    topic_list,
)

__all__ = [
    "quick_close",
    "quick_detail",
    "quick_stance",
    "quick_start",
    "AuthorOut",
    "CircleOut",
    "HeldOut",
    "HitOut",
    "PREFIX",
    "ReplyIn",
    "ReplyOut",
    "ReportIn",
    "SearchFilter",
    "SupportOut",
    "TopicDetailOut",
    "TopicFilter",
    "TopicIn",
    "TopicOut",
    "circle_list",
    "reply_create",
    "reply_list",
    "reply_report",
    "reply_support",
    "reply_unsupport",
    "router",
    "search",
    "topic_create",
    "topic_detail",
    "topic_list",
    "topic_report",
    "topic_support",
    "topic_unsupport",
]
