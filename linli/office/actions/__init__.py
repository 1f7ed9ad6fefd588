"""Every write of the joint office, one function per user action (see the modules)."""

from .merge import request_merge  # noqa: F401
from .notes import request_note_add  # noqa: F401
from .open311 import apikey_check, apikey_create, apikey_revoke  # noqa: F401
from .reception import (  # noqa: F401
    feed_reset,
    feed_token,
    minute_add,
    minute_to_request,
    occurrence_cancel,
    occurrence_move,
    reception_day_create,
    reception_schedule,
    slot_book,
    slot_cancel,
)
from .requests import (  # noqa: F401
    category_save,
    request_close_stale,
    request_follow,
    request_rate,
    request_reopen,
    request_submit,
    request_transfer,
    request_transition,
    request_unfollow,
)
