"""Fixed-window counters that every process on every node shares, whatever the cache.

- With Redis (`REDIS_URL`): in Redis (`INCR` is atomic).
- Without Redis, or while Redis does not answer: in the database, one row per scope,
  identity and window (`linli.api.models.RateCounter`), counted with one atomic
  `INSERT … ON CONFLICT DO UPDATE … RETURNING`. The statement runs on a connection of its
  own, in autocommit: a count stands even when the caller's transaction is rolled back (a
  wrong invitation code raises, the sign-up is undone, the guess still counts), and no row
  lock is held past the statement. On SQLite that connection opens a file of its own beside
  the database (`RATELIMIT_SQLITE_FILE`): a second connection could not write to the main
  file while the caller's transaction holds its write lock. Rows of past windows are
  deleted now and then.

The local-memory cache is never used: it would count per process.

To enforce a limit exactly under concurrency, count first and compare what `hit` returns
(`if hit(...) > limit: refuse`): the count is atomic, so exactly `limit` events pass.
`exceeded` before a later `hit` is a check-then-act and lets a few racing requests through.
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.db.utils import load_backend

from linli.core.clientip import client_ip  # noqa: F401  (callers have always found it here)
from linli.core.sqlite import is_sqlite

log = logging.getLogger(__name__)
TABLE = "api_ratecounter"
CLEAN_EVERY = 60  # seconds between deletions of expired rows, per process
_lock = threading.Lock()
_state = {"connection": None, "cleaned": 0.0}


def _key(scope: str, ident: str, window: int) -> str:
    return f"rl:{scope}:{ident}:{int(time.time() // window)}"


def _redis() -> bool:
    return bool(getattr(settings, "REDIS_URL", None))


# --- the database counters ------------------------------------------------------------


def _sqlite_file():
    from pathlib import Path

    return getattr(settings, "RATELIMIT_SQLITE_FILE", Path(settings.VAR_DIR) / "ratelimit.sqlite3")


def _connection():
    """This process's counter connection (autocommit), opened on first use. Call with _lock held."""
    if _state["connection"] is None:
        main = connections.settings["default"]
        if is_sqlite(main["ENGINE"]):
            path = _sqlite_file()
            path.parent.mkdir(parents=True, exist_ok=True)
            wrapper = load_backend(main["ENGINE"]).DatabaseWrapper(
                {**main, "NAME": str(path)}, "default"
            )
            with wrapper.cursor() as cursor:
                cursor.execute(
                    f"CREATE TABLE IF NOT EXISTS {TABLE} (name varchar(250) NOT NULL PRIMARY KEY, "
                    "count integer NOT NULL, expires_at bigint NOT NULL)"
                )
                cursor.execute(
                    f"CREATE INDEX IF NOT EXISTS {TABLE}_expires_at ON {TABLE} (expires_at)"
                )
        else:
            wrapper = connections.create_connection("default")
        wrapper.inc_thread_sharing()  # one connection for the process's threads, behind _lock
        _state["connection"] = wrapper
    return _state["connection"]


def _db_run(sql: str, params) -> tuple | None:
    with _lock:
        for attempt in (1, 2):
            wrapper = _connection()
            try:
                with wrapper.cursor() as cursor:
                    cursor.execute(sql, params)
                    return cursor.fetchone() if cursor.description else None
            except Exception:
                # A connection the server dropped (a restart): reopened once, then the error stands.
                wrapper.close()
                _state["connection"] = None
                if attempt == 2:
                    raise


def _db_hit(key: str, window: int) -> int:
    now = int(time.time())
    row = _db_run(
        f"INSERT INTO {TABLE} (name, count, expires_at) VALUES (%s, 1, %s) "
        f"ON CONFLICT (name) DO UPDATE SET count = {TABLE}.count + 1 RETURNING count",
        [key, now + window + 1],
    )
    if now - _state["cleaned"] > CLEAN_EVERY:
        _state["cleaned"] = now
        _db_run(f"DELETE FROM {TABLE} WHERE expires_at < %s", [now])
    return row[0]


def _db_hits(key: str) -> int:
    row = _db_run(f"SELECT count FROM {TABLE} WHERE name = %s", [key])
    return row[0] if row else 0


def reset() -> None:
    """Forget every database counter and close the counter connection (tests). Works where
    the test runner forbids opening connections: only an open one is used."""
    with _lock:
        wrapper = _state["connection"]
        _state["connection"] = None
        if wrapper is not None:
            if wrapper.connection is not None:
                wrapper.connection.execute(f"DELETE FROM {TABLE}")
            wrapper.close()


# --- the API ---------------------------------------------------------------------------


def hits(scope: str, ident: str, *, window: int) -> int:
    key = _key(scope, ident, window)
    if _redis():
        try:
            return cache.get(key, 0)
        except Exception:
            log.warning("Redis does not answer: rate limits count in the database")
    return _db_hits(key)


def _redis_hit(key: str, window: int) -> int:
    if cache.add(key, 1, timeout=window + 1):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window + 1)
        return 1


def hit(scope: str, ident: str, *, window: int) -> int:
    """Count one event; returns the count in the current window (atomic: concurrent hits
    from any process get different counts)."""
    key = _key(scope, ident, window)
    if _redis():
        try:
            return _redis_hit(key, window)
        except Exception:
            log.warning("Redis does not answer: rate limits count in the database")
    return _db_hit(key, window)


def exceeded(scope: str, ident: str, *, limit: int, window: int) -> bool:
    return hits(scope, ident, window=window) >= limit
