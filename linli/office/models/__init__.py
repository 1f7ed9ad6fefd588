"""The joint office (三委联动): requests (诉求) routed to one of the three parties and
followed to the end, reception days (书记会客日) with slots and minutes, and Open311 keys.

Counters and monthly figures that pages show are stored here and kept by actions.py:
`Request.follower_count` and `MonthStat` (per neighborhood, party and month: how many
requests came in and were resolved, and histograms of hours to accept and to resolve,
from which the dashboard reads medians without scanning every request)."""

from .reception import MinuteItem, Occurrence, PersonalFeed, ReceptionDay, ReceptionSlot
from .requests import (
    ApiKey,
    Category,
    MonthStat,
    Party,
    Request,
    RequestEvent,
    RequestFollower,
    RequestPhoto,
)

__all__ = [
    "ApiKey",
    "Category",
    "MinuteItem",
    "MonthStat",
    "Occurrence",
    "Party",
    "PersonalFeed",
    "ReceptionDay",
    "ReceptionSlot",
    "Request",
    "RequestEvent",
    "RequestFollower",
    "RequestPhoto",
]
