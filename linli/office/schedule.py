"""Jobs the scheduler (`linli scheduler`, started by `linli serve`) runs once a day."""

from .actions import request_close_stale

DAILY = [request_close_stale]
