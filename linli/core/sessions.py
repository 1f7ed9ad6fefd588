"""Sessions in the database, read with the signed-in person in one statement.

Without Redis, nothing about who is signed in may be kept in a process: another process
(or another machine) may end the session at any moment — a logout, a password change, a
deactivated account. So every request with a session cookie reads its session row from
the database, where a logout deletes it; and the same statement brings the person's row
(`LEFT JOIN` on the person the session was last seen to belong to), whose password hash
and `is_active` are then checked as Django checks them. One primary-key query per request
instead of Django's two, and nothing to go stale.

The person to join is a *hint*: a per-process map from session key to person id, learnt
at login or at the first request that decodes the session. A session key belongs to one
person for its whole life (Django gives a new key at every login), but the hint is never
trusted: the person is used only when the decoded session names that same person; any
other case (no hint yet, a mismatch) loads the person the ordinary way, once.

With Redis (`REDIS_URL`), sessions live in the shared cache instead (`cached_db`) and a
logout removes them there for every node; see linli/core/middleware.py.
"""

from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connection
from django.utils import timezone

from . import sql

HINTS_MAX = 50_000
_hints: dict[str, object] = {}


def remember(session_key, person_id) -> None:
    """Note that `session_key` belongs to `person_id` (a hint for the next request's join)."""
    if not session_key:
        return
    if len(_hints) >= HINTS_MAX:
        _hints.clear()
    _hints[session_key] = person_id


def forget(session_key) -> None:
    _hints.pop(session_key, None)


@sql.statement
def _session_with_person(qn):
    Person = get_user_model()
    return (
        f"SELECT s.{qn('session_data')}, {sql.columns(Person, 'p')} "
        f"FROM {qn('django_session')} s "
        f"LEFT JOIN {qn(Person._meta.db_table)} p ON p.{qn(Person._meta.pk.column)} = %s "
        f"WHERE s.{qn('session_key')} = %s AND s.{qn('expire_date')} > %s"
    )


class SessionStore(DatabaseSessionStore):
    """Django's database sessions; `preloaded_person` is the hinted person read with the row
    (None when there was no hint or no such person)."""

    preloaded_person = None

    def _get_session_from_db(self):
        key = self.session_key
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        row = sql.one(_session_with_person(), [_hints.get(key), key, now])
        if row is None:
            forget(key)
            self._session_key = None
            return None
        self.preloaded_person = sql.load(get_user_model(), row, 1)
        return self.model(session_key=key, session_data=row[0])


def learn_at_login(sender, request, user, **kwargs):
    """`user_logged_in`: the new session key belongs to `user`."""
    session = getattr(request, "session", None)
    if session is not None:
        remember(session.session_key, user.pk)
