"""Writes for notifications: notify people, mark read, set preferences, queue and send email."""

# ruff: noqa: F401  (the package re-exports every name the module had)

from .common import _enqueue, _footer, absolute_url
from .delivery import (
    MAX_ATTEMPTS,
    _digest_email,
    deliveries_retry_due,
    deliveries_send,
    digests_build,
    dispatch_claim,
    scheduled_run_claim,
)
from .email import (
    CONFIRM_LIMIT,
    CONFIRM_SALT,
    _email_writer,
    _no_email_writer,
    email_change_confirm,
    email_change_request,
    email_confirm_token,
    email_remove,
    email_token_read,
    email_writer_register,
)
from .notifications import (
    _channels,
    _email_body,
    _neighborhood_of,
    notifications_mark_read,
    notify,
    preferences_set,
)

__all__ = [
    "CONFIRM_LIMIT",
    "CONFIRM_SALT",
    "MAX_ATTEMPTS",
    "absolute_url",
    "deliveries_retry_due",
    "deliveries_send",
    "digests_build",
    "dispatch_claim",
    "email_change_confirm",
    "email_change_request",
    "email_confirm_token",
    "email_remove",
    "email_token_read",
    "email_writer_register",
    "notifications_mark_read",
    "notify",
    "preferences_set",
    "scheduled_run_claim",
]
