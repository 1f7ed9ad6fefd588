"""Requests (诉求): submit, follow ("me too"), accept → in progress → resolved → closed or
rejected, transfer between the three parties, rate, reopen within 7 days.

Each change is recorded as a RequestEvent, notifies the reporter and the followers, and
keeps the stored monthly figures (stats.py) in the same transaction."""

# ruff: noqa: F401  (the package re-exports every name the module had)

from .common import S, _audience, _locked, _party_staff
from .handling import (
    NEXT,
    _tell,
    category_save,
    request_close_stale,
    request_transfer,
    request_transition,
)
from .submit import (
    MAX_PHOTO_BYTES,
    MAX_PHOTOS,
    REOPEN_DAYS,
    _clean_photos,
    request_follow,
    request_rate,
    request_reopen,
    request_submit,
    request_unfollow,
)

__all__ = [
    "MAX_PHOTOS",
    "MAX_PHOTO_BYTES",
    "NEXT",
    "REOPEN_DAYS",
    "S",
    "category_save",
    "request_close_stale",
    "request_follow",
    "request_rate",
    "request_reopen",
    "request_submit",
    "request_transfer",
    "request_transition",
    "request_unfollow",
]
