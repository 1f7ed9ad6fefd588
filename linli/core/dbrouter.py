"""Read replicas: reads go to the `replica` alias, writes and reads-after-write to the primary.

Active only when DATABASE_REPLICA_URL is set (config/settings/base.py adds the alias, this
router and the middleware). The rules, in order:

- Outside a request (tasks, commands, the shell) everything goes to the primary: a worker that
  writes and then reads must see its write, and nothing there is worth the lag.
- Inside a request, a write (any ORM write asks `db_for_write`) pins the rest of the request to
  the primary; so does an unsafe method (POST, PUT, PATCH, DELETE) from its start, because raw
  SQL writes (linli/core/sql.py) do not pass through the router.
- Whoever wrote gets a cookie that pins their next requests for REPLICA_PIN_SECONDS (default
  10, LINLI_REPLICA_PIN_SECONDS), longer than the replica's usual lag: after "Post" the page
  they are redirected to shows their post. Others read from the replica.
- A read inside a transaction on the primary (select_for_update, an action's check-then-write)
  goes to the primary.

The cookie says nothing but "read from the primary for a while"; forging it only makes one's own
reads slower, so it is not signed.
"""

import contextvars
import os
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
COOKIE = "linli_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def pin_seconds() -> int:
    return int(os.environ.get("LINLI_REPLICA_PIN_SECONDS", "10"))


@dataclass
class _Request:
    pinned: bool = False  # read from the primary for the rest of the request
    wrote: bool = False  # a write happened: pin the writer's next requests too


_current: contextvars.ContextVar[_Request | None] = contextvars.ContextVar(
    "linli_db_request", default=None
)


class ReplicaRouter:
    """DATABASE_ROUTERS entry. Knows nothing of HTTP: the middleware opens and closes the
    per-request state; without one, every read goes to the primary."""

    def __init__(self, replica=REPLICA, primary=DEFAULT_DB_ALIAS):
        self.replica, self.primary = replica, primary

    def db_for_read(self, model, **hints):
        state = _current.get()
        if state is None or state.pinned or connections[self.primary].in_atomic_block:
            return self.primary
        return self.replica

    def db_for_write(self, model, **hints):
        mark_write()
        return self.primary

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == self.primary


def mark_write():
    """Pin the current request (if any) to the primary from now on, and its author for a while."""
    state = _current.get()
    if state is not None:
        state.pinned = state.wrote = True


def begin(*, method: str, pinned_by_cookie: bool):
    """Open a request's routing state; → a token for `end`."""
    unsafe = method.upper() not in SAFE_METHODS
    return _current.set(_Request(pinned=unsafe or pinned_by_cookie, wrote=unsafe))


def end(token) -> bool:
    """Close it; → whether the request wrote (so its author should stay on the primary)."""
    state = _current.get()
    _current.reset(token)
    return bool(state and state.wrote)


class ReplicaPinMiddleware:
    """First in MIDDLEWARE, so sessions, authentication and every view route the same way."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = begin(method=request.method, pinned_by_cookie=COOKIE in request.COOKIES)
        wrote = False
        try:
            response = self.get_response(request)
        finally:
            wrote = end(token)
        if wrote:
            response.set_cookie(
                COOKIE,
                "1",
                max_age=pin_seconds(),
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
